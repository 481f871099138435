import type { DocumentMode } from '@app/rendering';

/** States in which the text is final and waits for, or has, its signature but not yet its number. */
const FINAL_STATES = new Set(['awaitingSignature', 'awaitingIssue', 'signed', 'numbered']);

/**
 * What the document is at this point of the plan's road, for the web preview: issued once it
 * has its number and date; from the signature on, the text as it will be issued (no DỰ THẢO,
 * number and date blank for the register); before that a draft with its round.
 */
/** How a plan prints now; `year` is the year an undated plan shows (the year it would be dated if signed now). */
export function documentModeOf(
  plan: { state: string; numberSymbol: string | null; issuedOn: string | null; draftRound: number },
  year: number,
): DocumentMode {
  if (plan.numberSymbol && plan.issuedOn) return { kind: 'issued', numberSymbol: plan.numberSymbol, issuedOn: plan.issuedOn, stamp: null };
  if (FINAL_STATES.has(plan.state)) return { kind: 'final', year };
  return { kind: 'draft', round: plan.draftRound, year };
}
