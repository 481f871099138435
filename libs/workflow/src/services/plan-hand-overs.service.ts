import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '@app/common';
import { SigningAuthority } from '@app/identity';
import { Plan } from '@app/plans';
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

/** What the signer's own signature needs at SIGN, in its transaction: the secret that opens their key. */
export interface DocumentSignatureRequest {
  plan: Plan;
  actor: Actor;
  /** The authority they sign under (their own, or one delegated to them). */
  authority: SigningAuthority;
  /** The step-up password, already verified; never stored. */
  secret: string;
}

/**
 * Signs the document shown on the signing page with the signer's own key (the issuance
 * module, which renders). Runs in the SIGN transaction: a failure rolls the signature back.
 */
export interface DocumentSigner {
  sign(manager: EntityManager, request: DocumentSignatureRequest): Promise<void>;
}

/**
 * Effects the machine names for other modules (issuance after SIGN, distribution and the
 * cascade after ISSUED). Those modules register here when they start; the workflow never
 * imports them, so each can depend on the workflow and not the other way round.
 */
@Injectable()
export class PlanHandOversService {
  private readonly takers = new Map<PlanHandOver, HandOverTaker>();
  private readonly followers = new Map<PlanHandOver, HandOverTaker[]>();
  private signer: DocumentSigner | null = null;

  /** The module that signs documents at SIGN (without one, SIGN records the decision only, as before). */
  registerDocumentSigner(signer: DocumentSigner): void {
    if (this.signer) throw new Error('a document signer is already registered');
    this.signer = signer;
  }

  get documentSigner(): DocumentSigner | null {
    return this.signer;
  }

  register(effect: PlanHandOver, taker: HandOverTaker): void {
    if (this.takers.has(effect)) throw new Error(`the effect ${effect} already has a taker`);
    this.takers.set(effect, taker);
  }

  /**
   * A module that records something of its own when the effect happens, beside the module that
   * takes it (the corrections note on the original that a notice of it was issued). Runs after
   * the taker, in the same transaction.
   */
  follow(effect: PlanHandOver, follower: HandOverTaker): void {
    this.followers.set(effect, [...(this.followers.get(effect) ?? []), follower]);
  }

  followersOf(effect: PlanHandOver): HandOverTaker[] {
    return this.followers.get(effect) ?? [];
  }

  taker(effect: PlanHandOver): HandOverTaker {
    const taker = this.takers.get(effect);
    // A missing taker is a wiring mistake (its module not loaded): the transition must not commit without it.
    if (!taker) throw new Error(`no module takes the plan effect ${effect}: import the module that registers it`);
    return taker;
  }

  get queues(): string[] {
    return [...this.takers.values(), ...[...this.followers.values()].flat()].flatMap((t) => t.queues);
  }
}
