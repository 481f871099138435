import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Organization } from '@app/identity';
import { CommitteeTerm } from '../entities/committee-term.entity';

/** Demo committee terms of the provincial Party committee; the bodies under it follow them. */
export const DEMO_TERMS = [
  { organizationCode: 'tu-bd', name: 'Nhiệm kỳ 2020 - 2025', startsOn: '2020-10-15', endsOn: '2025-10-14' },
  { organizationCode: 'tu-bd', name: 'Nhiệm kỳ 2025 - 2030', startsOn: '2025-10-15', endsOn: null },
];

@Injectable()
export class TermsDemoLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(): Promise<number> {
    let created = 0;
    for (const term of DEMO_TERMS) {
      const organization = await this.dataSource.manager.findOne(Organization, { where: { code: term.organizationCode } });
      if (!organization) continue;
      const result = await this.dataSource.manager
        .createQueryBuilder()
        .insert()
        .into(CommitteeTerm)
        .values({ organizationId: organization.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn })
        .orIgnore()
        .execute();
      created += result.raw.length;
    }
    return created;
  }
}
