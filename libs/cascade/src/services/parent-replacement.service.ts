import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxService } from '@app/inbox';
import { Plan } from '@app/plans';
import { PlanHandOversService, TransitionDone } from '@app/workflow';
import { CANCELLED_STATES } from '@workflows/index';

/**
 * Takes the machine's `relinkChildren` (REPLACED), in the replacing plan's issuance transaction:
 * each child plan of the old plan (not cancelled) now implements the new one (its parent link
 * and the cascade's record move), and its drafter and signer are told to check it against the
 * new parent. The new parent's own cascade then finds these organizations served and drafts no
 * second child for them. Repeating it changes nothing: the children have moved already.
 */
@Injectable()
export class ParentReplacementService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly inbox: InboxService,
  ) {}

  onModuleInit(): void {
    this.handOvers.register('relinkChildren', { queues: [], take: (manager, done) => this.relinkChildren(manager, done) });
  }

  async relinkChildren(manager: EntityManager, done: Pick<TransitionDone, 'plan' | 'event'>): Promise<number> {
    if (done.event.type !== 'REPLACED') throw new Error(`relinkChildren taken for ${done.event.type}`);
    const old = await manager.findOneByOrFail(Plan, { id: done.plan.id });
    const replacing = await manager.findOneByOrFail(Plan, { id: done.event.replacementId });
    const children = (await manager.find(Plan, { where: { parentPlanId: old.id }, order: { createdAt: 'ASC' } })).filter(
      (child) => !CANCELLED_STATES.includes(child.state),
    );
    if (!children.length) return 0;
    const ids = children.map((c) => c.id);
    await manager.query(`UPDATE plan SET parent_plan_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids, replacing.id]);
    await manager.query(`UPDATE child_plan SET parent_plan_id = $2 WHERE plan_id = ANY($1::uuid[])`, [ids, replacing.id]);
    for (const child of children) {
      await this.inbox.notify(manager, {
        userIds: [child.createdById, ...(child.signedById ? [child.signedById] : [])],
        planId: child.id,
        kind: 'parent_replaced',
        message:
          `Văn bản cấp trên đã được thay thế: Kế hoạch số ${old.numberSymbol ?? ''} được thay thế bằng Kế hoạch số ${replacing.numberSymbol ?? ''} ` +
          `(${replacing.summary}). Đề nghị rà soát kế hoạch ${child.numberSymbol ?? 'dự thảo'} của đơn vị theo văn bản mới.`,
        dedupeKey: `cascade:parent_replaced:${child.id}:${replacing.id}`,
      });
    }
    return children.length;
  }
}
