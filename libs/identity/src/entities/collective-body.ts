import type { Family } from './organization.entity';

/**
 * Whether an organization decides as a collective (chế độ tập thể), so that its documents are
 * signed on behalf of the collective, "TM. ỦY BAN NHÂN DÂN" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
 * Known from its kind, which its full name states: a People's Committee or a People's Council.
 */
export function isCollectiveBody(organization: { family: Family; fullName: string }): boolean {
  const name = organization.fullName.normalize('NFC').trim().toLocaleLowerCase('vi');
  return organization.family === 'state' && /^(ủy|uỷ) ban nhân dân\b|^hội đồng nhân dân\b/u.test(name);
}
