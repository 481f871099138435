import Ajv, { JSONSchemaType, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

/**
 * A kind of job: a stable name, a version (a payload change is a new version, and workers of
 * the old one keep running until its queue is empty) and the JSON Schema of its payload.
 * The queue is `<name>_v<version>` (pg-boss allows letters, digits and underscores).
 */
export interface JobDefinition<T> {
  name: string;
  version: number;
  queue: string;
  validate: ValidateFunction<T>;
  /** Retries after a failure, and seconds between them (doubled each time). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long one run may take before the queue considers it lost and runs it again. */
  expireInSeconds: number;
}

export function defineJob<T>(options: {
  name: string;
  version: number;
  schema: JSONSchemaType<T>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}): JobDefinition<T> {
  if (!/^[a-z][a-z0-9_]*$/.test(options.name)) throw new Error(`job name ${options.name}: lower case letters, digits and underscores`);
  return {
    name: options.name,
    version: options.version,
    queue: `${options.name}_v${options.version}`,
    validate: ajv.compile(options.schema),
    retryLimit: options.retryLimit ?? 5,
    retryDelaySeconds: options.retryDelaySeconds ?? 10,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
  };
}

export function payloadProblems(definition: JobDefinition<unknown>, data: unknown): string[] {
  if (definition.validate(data)) return [];
  return (definition.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
