import { cleanText } from '@app/common';

/** Lines saying on whose behalf a collective signs: "T/M BAN THƯỜNG VỤ" (Party), "TM. ỦY BAN NHÂN DÂN" (State). */
const COLLECTIVE = /^(T\/M|TM\.)\s/;
const DELEGATION_MARK = /^(K\/T|KT\.)\s/;

export type DelegationProblem = 'already_delegated' | 'deputy_title_required';

/**
 * The capacity lines of a deputy signing in the holder's stead (domain.md, "Signature block").
 * State: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" becomes "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
 * Party: "TRƯỞNG BAN" becomes "K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN"; but for a collective (T/M)
 * a deputy signs with T/M and no K/T: "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ". Lines of the holder's
 * own other posts ("PHÓ BÍ THƯ / kiêm") do not pass to the deputy.
 */
export function delegatedCapacity(
  family: 'party' | 'state',
  holderLines: string[],
  deputyTitle?: string,
): { lines: string[] } | { problem: DelegationProblem } {
  const lines = holderLines.map(cleanText).filter(Boolean);
  if (lines.some((l) => DELEGATION_MARK.test(l))) return { problem: 'already_delegated' };
  const collective = lines.filter((l) => COLLECTIVE.test(l));
  const title = lines[lines.length - 1];
  if (!title || COLLECTIVE.test(title)) return { problem: 'deputy_title_required' };
  const deputy = deputyTitle ? cleanText(deputyTitle).toLocaleUpperCase('vi') : /^PHÓ\s/.test(title) ? null : `PHÓ ${title}`;
  if (!deputy) return { problem: 'deputy_title_required' };
  if (family === 'party') {
    return { lines: collective.length ? [...collective, deputy] : [`K/T ${title}`, deputy] };
  }
  return { lines: [...collective, `KT. ${title}`, deputy] };
}
