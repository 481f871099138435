import type { Family } from '@app/identity';
import type { RecipientPurpose } from '@app/plans';
import { foldVietnamese } from '@app/common';

/**
 * The purpose of a "Nơi nhận" line that states none, from how these lists are written:
 * leadership bodies and higher levels get copies to be informed of the plan as a report
 * ("để báo cáo"), the issuer's own leaders and the press to know, the Front and bodies of the
 * other family to coordinate, members, units "thuộc" the issuer and lower levels to implement.
 */

/** 0 central, 1 province, 2 district / town / khối, 3 commune / ward / grassroots. */
export type AdministrativeLevel = 0 | 1 | 2 | 3;

const BODY_LEVELS: [RegExp, AdministrativeLevel][] = [
  [/\b(trung uong|tw|bo chinh tri|ban bi thu|chinh phu|quoc hoi)\b/, 0],
  [/\b(tinh uy|thanh uy|ubnd tinh|hdnd tinh)\b/, 1],
  [/\b(dang uy khoi|duk|khoi)\b/, 2],
  [/\b(thi uy|huyen uy|quan uy)\b/, 2],
];
const PLACE_LEVELS: [RegExp, AdministrativeLevel][] = [
  [/\btinh\b/g, 1],
  [/\b(huyen|thi xa|quan|thanh pho)\b/g, 2],
  [/\b(xa|phuong|thi tran|co so)\b/g, 3],
];

/** The level a name speaks of: its body type first ("Đảng ủy Khối ... tỉnh" is a khối), else its last place word. */
export function levelOf(name: string): AdministrativeLevel | null {
  const folded = foldVietnamese(name);
  for (const [pattern, level] of BODY_LEVELS) if (pattern.test(folded)) return level;
  let best: { index: number; level: AdministrativeLevel } | null = null;
  for (const [pattern, level] of PLACE_LEVELS) {
    for (const match of folded.matchAll(pattern)) {
      // "thi xa" also contains "xa": the longer, earlier-starting word wins at the same place.
      const end = match.index + match[0].length;
      if (!best || end > best.index || (end === best.index && level < best.level)) best = { index: end, level };
    }
  }
  return best?.level ?? null;
}

function familyOf(name: string): Family | null {
  const folded = foldVietnamese(name);
  if (/\b(uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan|so|phong)\b/.test(folded)) return 'state';
  if (/\b(dang uy|tinh uy|thi uy|huyen uy|chi bo|dang bo|ban dan van|ban tuyen giao|ban to chuc)\b/.test(folded)) return 'party';
  return null;
}

export interface IssuerContext {
  family: Family | null;
  level: AdministrativeLevel | null;
}

/** The issuer's family and level, from the header's bodies (superior first: a steering committee sits at its parent's level). */
export function issuerContext(family: Family | null, superiorBody: string | null, issuingBody: string | null): IssuerContext {
  const level = levelOf(superiorBody ?? '') ?? levelOf(issuingBody ?? '');
  return { family, level };
}

export function inferPurpose(name: string, issuer: IssuerContext): RecipientPurpose {
  const folded = foldVietnamese(name);
  if (/^(thuong truc|tt\.|tt |ban thuong vu|btv|thuong vu)/.test(folded)) return 'report';
  if (/^(ct|pct|chu tich|pho chu tich|lanh dao|bi thu|pho bi thu|truong ban|pho truong ban|giam doc|pho giam doc)\b/.test(folded)) return 'inform';
  if (/\b(website|cong thong tin|trang thong tin|bao|dai|dai truyen thanh)\b/.test(folded)) return 'inform';
  if (/\b(mat tran|mttq|mt|doan the|ct-xh|chinh tri - xa hoi)\b/.test(folded) || /^mt&/.test(folded)) return 'coordinate';
  const level = levelOf(name);
  if (level !== null && issuer.level !== null && level < issuer.level) return 'report';
  if (/^(cac |thanh vien|to giup viec)/.test(folded) || /\bthuoc\b/.test(folded)) return 'implement';
  const family = familyOf(name);
  if (family && issuer.family && family !== issuer.family && (level === null || level === issuer.level)) return 'coordinate';
  if (level !== null && issuer.level !== null && level > issuer.level) return 'implement';
  return 'inform';
}
