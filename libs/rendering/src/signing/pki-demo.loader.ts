import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Organization } from '@app/identity';
import { PkiService } from './pki.service';

/** Demo start: a local CA and a signing certificate for every organization, in <dataDir>/pki. */
@Injectable()
export class PkiDemoLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pki: PkiService,
  ) {}

  async load(): Promise<void> {
    const organizations = await this.dataSource.manager.find(Organization, { select: { code: true, fullName: true } });
    this.pki.ensureAll(organizations);
  }
}
