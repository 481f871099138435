/**
 * Writes docs/plan.schema.json from the schema in code:
 * `node -r ts-node/register -r tsconfig-paths/register libs/plans/src/cli/write-plan-schema.ts`.
 * A unit spec fails while the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSchemaJson } from '../content/plan-content.schema-file';

const file = join(__dirname, '..', '..', '..', '..', 'docs', 'plan.schema.json');
writeFileSync(file, planSchemaJson());
console.log(`Wrote ${file}`);
