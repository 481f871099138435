import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalContent } from './plan-canonical';
import { planContentOpenApiSchemas } from './plan-content.openapi';
import { planSchemaJson } from './plan-content.schema-file';
import { validatePlanContent } from './plan-content.validator';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = ['party-khoi-2024-04-KH-BCD.json', 'party-thixa-2023-draft.json', 'state-xa-2024-48-KH-UBND.json'];
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8'));

describe('docs/plan.schema.json', () => {
  it('is the committed copy of the schema in code (rewrite it with libs/plans/src/cli/write-plan-schema.ts)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'plan.schema.json'), 'utf8')).toBe(planSchemaJson());
  });

  it('compiles on its own with a stock draft 2020-12 validator and accepts the three seed fixtures', () => {
    const ajv = new Ajv2020({ allErrors: true, discriminator: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs', 'plan.schema.json'), 'utf8')));
    for (const name of FIXTURES) {
      expect({ name, valid: validate(fixture(name)), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
    }
    expect(
      validate({
        schemaVersion: 1,
        documentType: 'KH',
        summary: 'x',
        parts: [],
        recipients: [],
        signature: { capacityLines: [], signerName: '' },
        extra: 1,
      }),
    ).toBe(false);
  });

  it('the seed fixtures pass the API validator unchanged (already NFC, trimmed, complete)', () => {
    for (const name of FIXTURES) {
      const result = validatePlanContent(fixture(name));
      expect(result.ok).toBe(true);
      if (result.ok) expect(JSON.stringify(canonicalContent(result.content))).toBe(JSON.stringify(fixture(name)));
    }
  });

  it('the OpenAPI 3.0 form has no 2020-12-only keywords and points its $refs at components', () => {
    const schemas = planContentOpenApiSchemas();
    const text = JSON.stringify(schemas);
    expect(text).not.toContain('"const"');
    expect(text).not.toContain('$defs');
    expect(text).not.toMatch(/"type":\[/);
    for (const ref of text.match(/"\$ref":"[^"]+"/g) ?? []) {
      const name = ref.replace('"$ref":"#/components/schemas/', '').replace('"', '');
      expect(schemas).toHaveProperty([name]);
    }
    expect(schemas.PlanContentRecipient).toMatchObject({ properties: { organizationId: { type: 'string', nullable: true, format: 'uuid' } } });
  });
});
