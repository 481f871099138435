import { PLAN_CONTENT_SCHEMA } from './plan-content.schema';

/** The text of docs/plan.schema.json. */
export function planSchemaJson(): string {
  return `${JSON.stringify(PLAN_CONTENT_SCHEMA, null, 2)}\n`;
}
