import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxService } from '@app/inbox';
import { Plan } from '@app/plans';
import { PlanHandOversService, TransitionDone } from '@app/workflow';
import { CANCELLED_STATES } from '@workflows/index';

/**
 * Takes the machine's `relinkChildren` (REPLACED), in the replacing plan's issuance transaction:
 * the new plan takes the old one's place in the tree. Each child plan of the old plan (not
 * cancelled) now implements the new one (its parent link and the cascade's record move), and its
 * drafter and signer are told to check it against the new parent; the new parent's own cascade
 * then finds these organizations served and drafts no second child for them. An old plan that
 * was itself a child hands its place under its parent (link, due date, the cascade's record) to
 * the new one: one plan per parent and organization. Repeating it changes nothing.
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
    if (old.parentPlanId) await this.takePlaceUnderParent(manager, old, replacing);
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

  /** The old plan leaves its parent's tree first (the unique parent and organization), then the new one takes its place. */
  private async takePlaceUnderParent(manager: EntityManager, old: Plan, replacing: Plan): Promise<void> {
    await manager.query(`UPDATE plan SET parent_plan_id = NULL, updated_at = now() WHERE id = $1`, [old.id]);
    await manager.query(`UPDATE plan SET parent_plan_id = $2, due_date = $3, updated_at = now() WHERE id = $1`, [
      replacing.id,
      old.parentPlanId,
      old.dueDate,
    ]);
    await manager.query(`UPDATE child_plan SET plan_id = $2 WHERE plan_id = $1`, [old.id, replacing.id]);
  }
}
