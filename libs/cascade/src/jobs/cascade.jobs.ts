import { JSONSchemaType } from 'ajv';
import { defineJob } from '@app/jobs';

export interface CreateChildrenJob {
  parentPlanId: string;
}

/**
 * The payload of both deadline jobs: the children of one parent that share one due date (all of
 * them, usually: the default), so that a plan with a thousand implementing bodies makes two
 * deadline jobs, not two thousand.
 */
export interface ChildDeadlineJob {
  parentPlanId: string;
  dueDate: string;
}

const DEADLINE_SCHEMA: JSONSchemaType<ChildDeadlineJob> = {
  type: 'object',
  properties: { parentPlanId: { type: 'string', format: 'uuid' }, dueDate: { type: 'string', format: 'date' } },
  required: ['parentPlanId', 'dueDate'],
  additionalProperties: false,
};

/** Creates the child plans of an issued plan: enqueued in the transaction that issues it. */
export const CREATE_CHILDREN_JOB = defineJob<CreateChildrenJob>({
  name: 'cascade_create_children',
  version: 1,
  schema: {
    type: 'object',
    properties: { parentPlanId: { type: 'string', format: 'uuid' } },
    required: ['parentPlanId'],
    additionalProperties: false,
  },
  retryLimit: 8,
  retryDelaySeconds: 5,
});

/** Reminds the drafters and signers of the children still to be issued that their due date is near. */
export const DUE_REMINDER_JOB = defineJob<ChildDeadlineJob>({ name: 'cascade_due_reminder', version: 1, schema: DEADLINE_SCHEMA });

/** Tells the parent organization which children are past their due date and not issued. */
export const OVERDUE_CHECK_JOB = defineJob<ChildDeadlineJob>({ name: 'cascade_overdue_check', version: 1, schema: DEADLINE_SCHEMA });

export const CASCADE_JOBS = [CREATE_CHILDREN_JOB, DUE_REMINDER_JOB, OVERDUE_CHECK_JOB];
