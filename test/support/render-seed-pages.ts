/**
 * Renders the seed plans as the issuance would (number, date and signature box from
 * test/fixtures/seed-plans.json; the draft as a preview) and writes their pages as PNG under
 * docs/seed-pages/, so a reader sees what the documents look like:
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/support/render-seed-pages.ts
 * Needs pdftoppm (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { DEMO_ORGANIZATIONS } from '@app/identity';
import type { PlanContent } from '@app/plans';
import { DocumentMode, isoVietnamTime, RenderingService } from '@app/rendering';

interface SeedPlan {
  fixture: string;
  organizationCode: string;
  status: 'issued' | 'draft';
  numberSymbol: string | null;
  issuedOn: string | null;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const out = join(root, 'docs', 'seed-pages');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rendering = new RenderingService(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kehoach-pages-')) }));
  try {
    const seeds = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'seed-plans.json'), 'utf8')) as SeedPlan[];
    for (const seed of seeds) {
      const content = JSON.parse(readFileSync(join(root, 'test', 'fixtures', seed.fixture), 'utf8')) as PlanContent;
      const issuer = DEMO_ORGANIZATIONS.find((o) => o.code === seed.organizationCode)!;
      const mode: DocumentMode =
        seed.status === 'issued'
          ? {
              kind: 'issued',
              numberSymbol: seed.numberSymbol!,
              issuedOn: seed.issuedOn!,
              stamp: {
                signerName: content.signature.signerName,
                capacity: content.signature.capacityLines.join(' '),
                organization: issuer.fullName,
                signedAt: isoVietnamTime(new Date(`${seed.issuedOn}T02:15:00Z`)),
              },
            }
          : { kind: 'draft', round: 1, year: Number(seed.fixture.match(/20\d\d/)![0]) };
      const pdf = join(mkdtempSync(join(tmpdir(), 'kehoach-pages-')), 'plan.pdf');
      writeFileSync(pdf, await rendering.pdf({ issuer, content, mode }));
      const name = seed.fixture.replace(/\.json$/, '');
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(out, name)]);
    }
  } finally {
    await rendering.onModuleDestroy();
  }
  console.log(readdirSync(out).join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
