import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkflowService } from '@app/workflow';
import { DistributionEvent, PlanStateEvents } from '../distribution.ports';

/** The plan's workflow: system events through the machine, with its snapshot and audit row, in the caller's transaction. */
@Injectable()
export class WorkflowPlanEvents extends PlanStateEvents {
  constructor(private readonly workflow: WorkflowService) {
    super();
  }

  async lockState(manager: EntityManager, planId: string): Promise<string> {
    const [row]: { state: string }[] = await manager.query(`SELECT state FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
    return row?.state ?? '';
  }

  async apply(manager: EntityManager, planId: string, event: DistributionEvent, data: Record<string, unknown> = {}): Promise<void> {
    await this.workflow.applySystemEvent(planId, { type: event }, { manager, data });
  }
}
