import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { correctionNoticesOf } from '@app/plans';
import { PlanHandOversService, TransitionDone, WorkflowError, WorkflowErrorCode, WorkflowService } from '@app/workflow';
import { CANCELLED_STATES } from '@workflows/index';

/**
 * A revoked plan is no longer corrected: when it is revoked (REVOKE, whose hand-over cancels the
 * children still on their road), its correction notices still on theirs stop too, with the same
 * reason (PARENT_REVOKED, in the revocation's transaction). A notice already issued stays issued.
 */
@Injectable()
export class OriginalRevokedService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly workflow: WorkflowService,
  ) {}

  onModuleInit(): void {
    this.handOvers.follow('revokeChildren', { queues: [], take: (manager, done) => this.stopNotices(manager, done) });
  }

  private async stopNotices(manager: EntityManager, done: TransitionDone): Promise<void> {
    const reason = done.plan.revocationReason ?? (done.event.type === 'REVOKE' ? done.event.reason : '');
    for (const notice of await correctionNoticesOf(manager, done.plan.id, { issuedOnly: false })) {
      if (CANCELLED_STATES.includes(notice.state)) continue;
      try {
        await this.workflow.applySystemEvent(notice.id, { type: 'PARENT_REVOKED', reason }, { manager, data: { correctsPlanId: done.plan.id } });
      } catch (error) {
        // Past the clerk's desk (numbered, issued): the machine refuses, the notice stands.
        if (!(error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused)) throw error;
      }
    }
  }
}
