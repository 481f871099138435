import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { SigningAuthority } from '../entities/signing-authority.entity';
import { User } from '../entities/user.entity';
import { hashPassword } from '../services/passwords';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, demoUsers, ROLE_POSITIONS } from './demo-organizations';

export interface DemoLoadResult {
  organizationsCreated: number;
  usersCreated: number;
  authoritiesCreated: number;
}

/** Loads the demo organizations, users and signing authorities; what exists already is left as it is. */
@Injectable()
export class DemoLoaderService {
  private readonly logger = new Logger('Demo');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(): Promise<DemoLoadResult> {
    const result: DemoLoadResult = { organizationsCreated: 0, usersCreated: 0, authoritiesCreated: 0 };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      // Two processes starting at once must not both load: serialize on an advisory lock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kehoach:demo'))`);
      const orgIds = new Map<string, string>();
      for (const demo of DEMO_ORGANIZATIONS) {
        let org = await manager.findOne(Organization, { where: { code: demo.code } });
        if (!org) {
          const { parentCode, signerCapacity: _signerCapacity, ...fields } = demo;
          org = await manager.save(Organization, manager.create(Organization, { ...fields, parentId: parentCode ? orgIds.get(parentCode)! : null }));
          result.organizationsCreated++;
        }
        orgIds.set(demo.code, org.id);
      }
      for (const demo of demoUsers()) {
        if (await manager.exists(User, { where: { username: demo.username } })) continue;
        const user = await manager.save(
          User,
          manager.create(User, {
            username: demo.username,
            fullName: demo.fullName,
            email: null,
            passwordHash,
            installationAdmin: !!demo.installationAdmin,
          }),
        );
        const organizationId = orgIds.get(demo.organizationCode)!;
        await manager.insert(Membership, {
          userId: user.id,
          organizationId,
          roles: [demo.role],
          position: demo.installationAdmin ? demo.fullName : ROLE_POSITIONS[demo.role],
        });
        result.usersCreated++;
        if (demo.role === 'signer') {
          const capacityLines = DEMO_ORGANIZATIONS.find((o) => o.code === demo.organizationCode)!.signerCapacity;
          await manager.insert(SigningAuthority, {
            userId: user.id,
            organizationId,
            capacityLines,
            validFrom: '2020-01-01',
            validTo: null,
            delegatedFromId: null,
          });
          result.authoritiesCreated++;
        }
      }
    });
    if (result.organizationsCreated || result.usersCreated) this.logger.log(`demo data loaded: ${JSON.stringify(result)}`);
    return result;
  }
}
