import { randomUUID } from 'node:crypto';
import type { ReportingDuty } from '@app/plans';
import { citedDateToIso } from './date-line';
import { readableText } from './inline-markup';

const DEADLINE = /\(?\s*(?:trước|chậm nhất|hạn chót)\s+(?:là\s+)?ngày\s+(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*\)?/giu;

/** The period a deadline belongs to: "6 tháng", "cuối năm", "năm 2024", "hằng quý". */
function periodBefore(text: string): string | null {
  const before = text
    .replace(/\s*[,(]\s*$/, '')
    .split(/[,;)]|(?<![\p{L}\d])và(?![\p{L}\d])/u)
    .pop()!
    .trim();
  // "... cơ sở định kỳ 6 tháng": the period is what follows "định kỳ".
  const periodic = /(?:định kỳ|định kì)\s+([\s\S]*)$/iu.exec(before);
  const cleaned = (periodic ? periodic[1] : before).replace(/\s*\($/, '').trim();
  if (!cleaned || cleaned.split(/\s+/).length > 6) return null;
  return cleaned;
}

/** What is reported and to whom, from "báo cáo <what> về <to> (qua ...)". */
function whatAndTo(sentence: string): { what: string; to: string } {
  const clean = sentence.replace(DEADLINE, ' ').replace(/\s+/g, ' ');
  const report = /báo cáo\s+([\s\S]*)$/iu.exec(clean);
  if (!report) return { what: '', to: '' };
  const after = report[1];
  const toMatch = /\s(?:về|cho|gửi|lên)\s+([\s\S]*)$/u.exec(after);
  let what = (toMatch ? after.slice(0, toMatch.index) : after).trim();
  let to = toMatch ? toMatch[1] : '';
  // The addressee, with its "(qua ...)" channel when one follows.
  const via = /^([^(,;.]*?)\s*(\(\s*qua\s[^)]*\))/u.exec(to);
  to = via ? `${via[1].trim()} ${via[2]}` : to.split(/\s*\(|\s+để\s|\s+định kỳ|\s+trước\s|[,;.]/u)[0].trim();
  what = what
    .replace(/\s+định kỳ[\s\S]*$/u, '')
    .replace(/[,;.]\s*$/, '')
    .trim();
  return { what, to };
}

/**
 * Reporting duties in a text: each "(trước ngày 15/6/2024)" in a sentence that asks to
 * "báo cáo" gives a duty with its period ("6 tháng", "cuối năm"), what, to whom.
 */
export function extractReportingDuties(text: string): ReportingDuty[] {
  const duties: ReportingDuty[] = [];
  const visible = readableText(text);
  for (const sentence of visible.split(/(?<=[.;])\s+(?=\p{Lu})|;\s+/u)) {
    if (!/báo cáo/iu.test(sentence)) continue;
    const { what, to } = whatAndTo(sentence);
    for (const match of sentence.matchAll(DEADLINE)) {
      const deadline = citedDateToIso(match[1], match[2], match[3]);
      if (!deadline) continue;
      duties.push({
        id: randomUUID(),
        what,
        period: periodBefore(sentence.slice(0, match.index)),
        deadline,
        to,
        toOrganizationId: null,
        reporterOrganizationIds: [],
      });
    }
  }
  return duties;
}
