import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { Plan } from '@app/plans';
import { PlanHandOversService, type TransitionDone } from '@app/workflow';

/** The audit event on the original when a correction notice of it is issued (its history shows it). */
export const CORRECTION_ISSUED_EVENT = 'CORRECTION_ISSUED';

/**
 * When a correction notice is issued (ISSUED, whose hand-over to distribution sends it to the
 * original's recipients), the original's trail records it in the same transaction: the original
 * is never edited, its history says where its correction is.
 */
@Injectable()
export class CorrectionIssuedService implements OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.handOvers.follow('handOverToDistribution', { queues: [], take: (manager, done) => this.noteOnOriginal(manager, done) });
  }

  private async noteOnOriginal(manager: EntityManager, done: TransitionDone): Promise<void> {
    if (!done.plan.correctsPlanId) return;
    const notice = await manager.findOneByOrFail(Plan, { id: done.plan.id });
    const original = await manager.findOneByOrFail(Plan, { id: done.plan.correctsPlanId });
    await this.audit.append(manager, {
      planId: original.id,
      organizationId: original.organizationId,
      actor: SYSTEM_AUDIT_ACTOR,
      event: CORRECTION_ISSUED_EVENT,
      data: { noticeId: notice.id, documentType: notice.documentType, numberSymbol: notice.numberSymbol, issuedOn: notice.issuedOn },
    });
  }
}
