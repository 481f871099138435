import { defineJob } from '@app/jobs';

/** Jobs of the plan workflow itself. The hand-overs (issuance, distribution, cascade) are other modules' jobs: see PlanHandOversService. */

/** Fires DEADLINE when a consultation round's deadline passes. */
export interface ConsultationDeadlineJob {
  planId: string;
  round: number;
}

export const CONSULTATION_DEADLINE_JOB = defineJob<ConsultationDeadlineJob>({
  name: 'consultation_deadline',
  version: 1,
  schema: {
    type: 'object',
    properties: { planId: { type: 'string', format: 'uuid' }, round: { type: 'integer', minimum: 1 } },
    required: ['planId', 'round'],
    additionalProperties: false,
  },
});

/** A review or signature still waiting N days after transition `transition`: level 1 reminds the person, level 2 (2N) their superior. */
export interface WorkflowReminderJob {
  planId: string;
  transition: number;
  level: 1 | 2;
}

export const WORKFLOW_REMINDER_JOB = defineJob<WorkflowReminderJob>({
  name: 'workflow_reminder',
  version: 1,
  schema: {
    type: 'object',
    properties: {
      planId: { type: 'string', format: 'uuid' },
      transition: { type: 'integer', minimum: 1 },
      level: { type: 'integer', enum: [1, 2] },
    },
    required: ['planId', 'transition', 'level'],
    additionalProperties: false,
  },
});
