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
import { bindDemoRecipients, DEMO_RECIPIENT_BINDINGS, DemoOrganizationRef, demoYear, moveToYear } from './demo-plan-content';

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

/** A summary with its years blanked: the same seed loaded in another year is the same plan. */
const yearless = (summary: string) => summary.replace(/\b\d{4}\b/g, '####');

/**
 * Loads the three seed plans as drafts at organizations like their issuers, written by the
 * organization's demo drafter and signed by its demo signer, true to the seed except where the
 * demo must move: its year (so that its dates allow a SUBMIT today), its "Nơi nhận" bound to the
 * demo organizations they name, and a draft's blank signature filled with the demo signer's.
 * A plan already there (same organization and summary, whatever its year) is left as it is.
 */
@Injectable()
export class PlansDemoLoaderService {
  private readonly logger = new Logger('Demo');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `today`: the application's date (its Clock), YYYY-MM-DD. */
  async load(context: { today: string }): Promise<{ plansCreated: number }> {
    const seeds = readSeedPlans();
    if (!seeds.length) {
      this.logger.warn('demo plans: test/fixtures/seed-plans.json not found, no demo plans loaded');
      return { plansCreated: 0 };
    }
    let plansCreated = 0;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kehoach:demo-plans'))`);
      const organizations = new Map<string, DemoOrganizationRef>((await manager.find(Organization)).map((o) => [o.code, o]));
      for (const { facts, content } of seeds) {
        const org = organizations.get(facts.organizationCode) as Organization | undefined;
        const drafter = await manager.findOne(User, { where: { username: `${facts.organizationCode}.drafter` } });
        if (!org || !drafter) continue;
        const existing = await manager.find(Plan, { select: { id: true, summary: true }, where: { organizationId: org.id } });
        if (existing.some((p) => yearless(p.summary) === yearless(content.summary))) continue;
        const seedYear = Number((facts.issuedOn ?? facts.checkDate).slice(0, 4));
        const moved = moveToYear(content, seedYear, demoYear(content, seedYear, context.today));
        const demo: PlanContent = {
          ...moved,
          place: moved.place === org.placeName ? null : moved.place,
          recipients: bindDemoRecipients(moved.recipients, DEMO_RECIPIENT_BINDINGS[facts.fixture] ?? [], organizations),
        };
        await insertDraft(manager, { organizationId: org.id, authorId: drafter.id, content: await this.withDemoSigner(manager, org, demo) });
        plansCreated++;
      }
    });
    if (plansCreated) this.logger.log(`demo plans loaded: ${plansCreated}`);
    return { plansCreated };
  }

  /** The demo signer whose authority matches the seed's capacity; a draft without one gets the signer's. */
  private async withDemoSigner(manager: EntityManager, org: Organization, content: PlanContent): Promise<PlanContent> {
    const signer = await manager.findOne(User, { where: { username: `${org.code}.signer` } });
    if (!signer) return content;
    const authorities = await manager.find(SigningAuthority, { where: { userId: signer.id, organizationId: org.id } });
    const blank = !content.signature.capacityLines.length && !content.signature.signerName;
    const authority = blank ? authorities[0] : authorities.find((a) => sameCapacity(a.capacityLines, content.signature.capacityLines));
    if (!authority) return content;
    const filled = blank ? { capacityLines: authority.capacityLines, signerName: signer.fullName } : {};
    return { ...content, signature: { ...content.signature, ...filled, signerUserId: signer.id, authorityId: authority.id } };
  }
}
