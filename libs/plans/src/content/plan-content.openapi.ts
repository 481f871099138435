import { PLAN_CONTENT_SCHEMA } from './plan-content.schema';

type Json = unknown;
type OpenApiLike = { components?: { schemas?: Record<string, unknown> } };

/** Component names of the plan content schema in the OpenAPI document. */
const componentName = (def: string) => (def === 'PlanContent' ? 'PlanContent' : `PlanContent${def}`);

/**
 * The plan content JSON Schema (2020-12) rewritten for OpenAPI 3.0, which Nest's document
 * uses: `$defs` become components, `const` a one-value `enum`, `["x", "null"]` and
 * `anyOf [..., null]` become `nullable`. The validator itself uses the original schema.
 */
export function planContentOpenApiSchemas(): Record<string, unknown> {
  const {
    $defs,
    $schema: _schema,
    $id: _id,
    ...root
  } = PLAN_CONTENT_SCHEMA as unknown as Record<string, unknown> & { $defs: Record<string, unknown> };
  const out: Record<string, unknown> = { PlanContent: convert(root) };
  for (const [name, schema] of Object.entries($defs)) out[componentName(name)] = convert(schema);
  return out;
}

/** Adds the plan content schemas to an OpenAPI document (registered in apps/server configure-app). */
export function addPlanContentSchema(document: OpenApiLike): void {
  document.components ??= {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ...planContentOpenApiSchemas() };
}

function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = `#/components/schemas/${componentName(value.replace('#/$defs/', ''))}`;
    else if (key === 'const') out.enum = [value];
    else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      out.type = types[0];
      if (types.length !== value.length) out.nullable = true;
    } else if (key === 'anyOf' && Array.isArray(value) && value.some((v) => (v as { type?: string }).type === 'null')) {
      const rest = value.filter((v) => (v as { type?: string }).type !== 'null').map(convert);
      if (rest.length === 1) out.allOf = rest;
      else out.anyOf = rest;
      out.nullable = true;
    } else out[key] = convert(value);
  }
  // OpenAPI 3.0 does not allow siblings of $ref: wrap.
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  return out;
}
