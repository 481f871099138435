import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxService } from '@app/inbox';
import { Plan } from '@app/plans';
import { PlanHandOversService, TransitionDone, WorkflowError, WorkflowErrorCode, WorkflowService } from '@app/workflow';
import { CANCELLED_STATES } from '@workflows/index';

/**
 * Takes the machine's `revokeChildren` (REVOKE), in the revocation's own transaction: each child
 * plan still on its road (up to the clerk's desk: signed, not yet numbered) is cancelled with the
 * parent's reason (PARENT_REVOKED); each child past the desk or issued is flagged "văn bản cấp trên đã bị thu hồi" for its own organization to decide. The
 * children's drafters and signers are told. Repeating it changes nothing (states and the flag).
 */
@Injectable()
export class ParentRevocationService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly workflow: WorkflowService,
    private readonly inbox: InboxService,
  ) {}

  onModuleInit(): void {
    this.handOvers.register('revokeChildren', { queues: [], take: (manager, done) => this.revokeChildren(manager, done) });
  }

  async revokeChildren(manager: EntityManager, done: Pick<TransitionDone, 'plan'>): Promise<{ cancelled: number; flagged: number }> {
    const parent = await manager.findOneByOrFail(Plan, { id: done.plan.id });
    const reason = parent.revocationReason ?? '';
    const cited = `${parent.numberSymbol ?? ''} (${parent.summary})`;
    const children = await manager.find(Plan, { where: { parentPlanId: parent.id }, order: { createdAt: 'ASC' } });
    let cancelled = 0;
    let flagged = 0;
    for (const child of children) {
      if (CANCELLED_STATES.includes(child.state)) continue;
      if (await this.cancelled(manager, child.id, parent.id, reason)) {
        await this.tell(
          manager,
          child,
          `Kế hoạch cấp trên số ${cited} đã bị thu hồi; dự thảo kế hoạch thực hiện của đơn vị đã bị hủy. Lý do: ${reason}`,
        );
        cancelled++;
      } else {
        const [, marked] = (await manager.query(
          `UPDATE child_plan SET parent_revoked_at = now() WHERE plan_id = $1 AND parent_revoked_at IS NULL RETURNING plan_id`,
          [child.id],
        )) as [unknown[], number];
        if (!marked) continue;
        await this.tell(
          manager,
          child,
          `Văn bản cấp trên đã bị thu hồi: Kế hoạch số ${cited}. Lý do: ${reason}. Đề nghị xem xét kế hoạch ${child.numberSymbol ?? ''} của đơn vị.`,
        );
        flagged++;
      }
    }
    return { cancelled, flagged };
  }

  /** The machine says where PARENT_REVOKED stops a child (not yet numbered); elsewhere it refuses and the child is flagged. */
  private async cancelled(manager: EntityManager, childId: string, parentPlanId: string, reason: string): Promise<boolean> {
    try {
      await this.workflow.applySystemEvent(childId, { type: 'PARENT_REVOKED', reason }, { manager, data: { parentPlanId } });
      return true;
    } catch (error) {
      if (error instanceof WorkflowError && error.code === WorkflowErrorCode.TransitionRefused) return false;
      throw error;
    }
  }

  /** The child's drafter and signer (whoever signed it, when it was signed). */
  private async tell(manager: EntityManager, child: Plan, message: string): Promise<void> {
    await this.inbox.notify(manager, {
      userIds: [child.createdById, ...(child.signedById ? [child.signedById] : [])],
      planId: child.id,
      kind: 'parent_revoked',
      message,
      dedupeKey: `cascade:parent_revoked:${child.id}`,
    });
  }
}
