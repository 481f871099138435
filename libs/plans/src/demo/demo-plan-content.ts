import { randomUUID } from 'node:crypto';
import type { PlanContent, Recipient } from '../content/plan-content';
import { recipientLine } from '../content/plan-content';

/**
 * How the demo binds a seed's "Nơi nhận" lines to the demo organizations they name. A line that
 * names several bodies at once ("Ban Chỉ đạo các xã, phường") becomes one line per demo body, as
 * plans list them when the bodies are few; a line `before` the archive copy is added where the
 * seed's own text names implementing bodies its list leaves out.
 */
export interface DemoRecipientBinding {
  /** The line as the seed prints it (without dash and punctuation); absent: a line to add. */
  line?: string;
  organizationCodes: string[];
  /** The subordinate bodies draft their own implementing plans (cascade). */
  mustImplement?: boolean;
}

export const DEMO_RECIPIENT_BINDINGS: Record<string, DemoRecipientBinding[]> = {
  // Its part III.2: "Cấp ủy các chi, đảng bộ cơ sở căn cứ ... xây dựng kế hoạch": the demo Party
  // bodies under the Đảng ủy Khối, whom the seed's list does not name one by one.
  'party-khoi-2024-04-KH-BCD.json': [
    { line: 'Ban Thường vụ Đảng ủy Khối', organizationCodes: ['duk-bd'] },
    { organizationCodes: ['db-stc', 'db-syt', 'db-sgd'], mustImplement: true },
  ],
  'party-thixa-2023-draft.json': [
    { line: 'Thường trực Thị ủy', organizationCodes: ['tu-dp'] },
    { line: 'Ban Chỉ đạo các xã, phường', organizationCodes: ['bcd-pn', 'bcd-pc'], mustImplement: true },
  ],
  'state-xa-2024-48-KH-UBND.json': [],
};

export interface DemoOrganizationRef {
  id: string;
  code: string;
  shortName: string;
  fullName: string;
}

/** The seed's lines with the demo organizations bound, group lines spread over their bodies. */
export function bindDemoRecipients(
  recipients: Recipient[],
  bindings: DemoRecipientBinding[],
  organizations: Map<string, DemoOrganizationRef>,
): Recipient[] {
  const lineFor = (org: DemoOrganizationRef, base: Partial<Recipient>, mustImplement: boolean): Recipient =>
    recipientLine(randomUUID(), org.shortName, {
      organizationId: org.id,
      purpose: mustImplement ? 'implement' : (base.purpose ?? 'inform'),
      note: base.note ?? null,
      mustImplement,
    });
  const out: Recipient[] = [];
  for (const recipient of recipients) {
    const binding = bindings.find((b) => b.line === recipient.name);
    const orgs = (binding?.organizationCodes ?? []).map((code) => organizations.get(code)).filter((o): o is DemoOrganizationRef => !!o);
    if (recipient.purpose === 'archive') {
      // Lines to add go before the archive copy, which stays last.
      for (const added of bindings.filter((b) => !b.line)) {
        for (const code of added.organizationCodes) {
          const org = organizations.get(code);
          if (org) out.push(lineFor(org, { purpose: 'implement' }, !!added.mustImplement));
        }
      }
      out.push(recipient);
    } else if (orgs.length === 1 && !binding?.mustImplement) {
      out.push({ ...recipient, organizationId: orgs[0].id });
    } else if (orgs.length) {
      for (const org of orgs) out.push(lineFor(org, recipient, !!binding?.mustImplement));
    } else out.push(recipient);
  }
  return out;
}

const ISO_FIELDS = new Set(['date', 'deadline', 'implementationDueDate']);
const KEPT_FIELDS = new Set(['numberSymbol', 'schemaVersion', 'documentType']);

/**
 * The first year from today's on in which the seed's dated duties (reporting deadlines, task
 * dates) all fall after today: a plan of that year can be submitted today.
 */
export function demoYear(content: PlanContent, seedYear: number, today: string): number {
  const dates = [...content.reportingDuties.map((d) => d.deadline), ...JSON.stringify(content.parts).matchAll(/"date":"(\d{4}-\d{2}-\d{2})"/g)].map(
    (d) => (typeof d === 'string' ? d : d[1]),
  );
  let year = Math.max(Number(today.slice(0, 4)), seedYear);
  while (dates.some((d) => shiftIso(d, seedYear, year) <= today)) year++;
  return year;
}

function shiftIso(date: string, from: number, to: number): string {
  if (Number(date.slice(0, 4)) !== from) return date;
  const shifted = `${to}${date.slice(4)}`;
  // 29 February of a leap year has no twin in a common year.
  return shifted.endsWith('-02-29') && !(to % 4 === 0 && (to % 100 !== 0 || to % 400 === 0)) ? `${to}-02-28` : shifted;
}

/** "15/6/2024", "năm 2024", "Quý II/2024" in the seed's year read in the demo's year; other years stay. */
export function shiftYearInText(text: string, from: number, to: number): string {
  if (from === to) return text;
  return text.replace(new RegExp(`(?<![\\d-])${from}(?![\\d/-])`, 'g'), String(to));
}

/**
 * The seed moved to the demo's year, so that its dates allow a SUBMIT today: every date and
 * mention of the seed's own year becomes `year` (other years, numbers and symbols stay).
 */
export function moveToYear(content: PlanContent, seedYear: number, year: number): PlanContent {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') {
      if (KEPT_FIELDS.has(key) || key === 'id' || key.endsWith('Id')) return value;
      if (ISO_FIELDS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return shiftIso(value, seedYear, year);
      return shiftYearInText(value, seedYear, year);
    }
    if (typeof value === 'number') return key === 'year' && value === seedYear ? year : value;
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(content, '') as PlanContent;
}
