import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { projectPath } from '@app/common';
import { Organization, SigningAuthority, User } from '@app/identity';
import type { PlanContent } from '../content/plan-content';
import { sameCapacity } from '../format-check/format-rules';
import { Plan } from '../entities/plan.entity';
import { insertDraft } from '../services/draft-writer';

/** One entry of test/fixtures/seed-plans.json. */
export interface SeedPlanFacts {
  fixture: string;
  seed: string;
  organizationCode: string;
  family: 'party' | 'state';
  status: 'issued' | 'draft';
  number: number | null;
  numberSymbol: string | null;
  issuedOn: string | null;
  checkDate: string;
  formatErrors: string[];
  formatWarnings: string[];
}

/** The folder of the seed fixtures (test/fixtures of the project), if this installation has it. */
export function seedFixturesDir(): string | null {
  const dir = projectPath('test', 'fixtures');
  return existsSync(join(dir, 'seed-plans.json')) ? dir : null;
}

export function readSeedPlans(dir = seedFixturesDir()): { facts: SeedPlanFacts; content: PlanContent }[] {
  if (!dir) return [];
  const facts: SeedPlanFacts[] = JSON.parse(readFileSync(join(dir, 'seed-plans.json'), 'utf8'));
  return facts.map((f) => ({ facts: f, content: JSON.parse(readFileSync(join(dir, f.fixture), 'utf8')) }));
}

/**
 * Loads the three seed plans as drafts at their demo organizations, written by the
 * organization's demo drafter and signed (when the capacity matches) by its demo signer.
 * A plan already there (same organization and summary) is left as it is.
 */
@Injectable()
export class PlansDemoLoaderService {
  private readonly logger = new Logger('Demo');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(): Promise<{ plansCreated: number }> {
    const seeds = readSeedPlans();
    if (!seeds.length) {
      this.logger.warn('demo plans: test/fixtures/seed-plans.json not found, no demo plans loaded');
      return { plansCreated: 0 };
    }
    let plansCreated = 0;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kehoach:demo-plans'))`);
      for (const { facts, content } of seeds) {
        const org = await manager.findOne(Organization, { where: { code: facts.organizationCode } });
        const drafter = await manager.findOne(User, { where: { username: `${facts.organizationCode}.drafter` } });
        if (!org || !drafter) continue;
        if (await manager.exists(Plan, { where: { organizationId: org.id, summary: content.summary } })) continue;
        await insertDraft(manager, { organizationId: org.id, authorId: drafter.id, content: await this.withDemoSigner(manager, org, content) });
        plansCreated++;
      }
    });
    if (plansCreated) this.logger.log(`demo plans loaded: ${plansCreated}`);
    return { plansCreated };
  }

  private async withDemoSigner(manager: EntityManager, org: Organization, content: PlanContent): Promise<PlanContent> {
    const signer = await manager.findOne(User, { where: { username: `${org.code}.signer` } });
    if (!signer) return content;
    const authority = (await manager.find(SigningAuthority, { where: { userId: signer.id, organizationId: org.id } })).find((a) =>
      sameCapacity(a.capacityLines, content.signature.capacityLines),
    );
    if (!authority) return content;
    return { ...content, signature: { ...content.signature, signerUserId: signer.id, authorityId: authority.id } };
  }
}
