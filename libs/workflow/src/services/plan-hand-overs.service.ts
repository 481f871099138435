import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlanHandOver } from '@workflows/index';
import type { TransitionDone } from './workflow-effects.service';

/** How a module takes an effect the machine hands over: usually by enqueuing its own job. */
export interface HandOverTaker {
  /** Queues the taker may write to, woken once the transition commits. */
  queues: string[];
  /**
   * Runs in the transition's transaction: what it writes commits or rolls back with the state change.
   * It never writes the plan row: the transition answers with the row version its own UPDATE returned.
   */
  take(manager: EntityManager, done: TransitionDone): Promise<unknown>;
}

/**
 * Effects the machine names for other modules (issuance after SIGN, distribution and the
 * cascade after ISSUED). Those modules register here when they start; the workflow never
 * imports them, so each can depend on the workflow and not the other way round.
 */
@Injectable()
export class PlanHandOversService {
  private readonly takers = new Map<PlanHandOver, HandOverTaker>();

  register(effect: PlanHandOver, taker: HandOverTaker): void {
    if (this.takers.has(effect)) throw new Error(`the effect ${effect} already has a taker`);
    this.takers.set(effect, taker);
  }

  taker(effect: PlanHandOver): HandOverTaker {
    const taker = this.takers.get(effect);
    // A missing taker is a wiring mistake (its module not loaded): the transition must not commit without it.
    if (!taker) throw new Error(`no module takes the plan effect ${effect}: import the module that registers it`);
    return taker;
  }

  get queues(): string[] {
    return [...this.takers.values()].flatMap((t) => t.queues);
  }
}
