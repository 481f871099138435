import { timeframeText } from '@app/plans';
import type { Timeframe } from '@app/plans';
import { citedDateToIso } from './date-line';
import { readableText } from './inline-markup';

const QUARTER_NUMBERS: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * "Thời gian thực hiện: ..." to a Timeframe: "Thường xuyên", a date ("30/6/2023", "Trước ngày
 * 30/6/2023"), quarters ("Quý I/2023", "Quý II, III/ 2023", "Quý IV năm 2023"), a year ("Năm
 * 2023", "Trong năm 2023"), else free text. `text` keeps the wording when it differs from the
 * canonical one, so the plan prints as it was written.
 */
export function parseTimeframe(raw: string): Timeframe {
  const written = readableText(raw)
    .replace(/[.;,]+$/, '')
    .trim();
  const withText = <T extends Timeframe>(timeframe: T): T => {
    if (timeframe.kind === 'text') return timeframe;
    // Wording is kept only when it differs from how the plan would print the timeframe anyway.
    return { ...timeframe, text: timeframeText({ ...timeframe, text: null } as Timeframe) === written ? null : written };
  };
  if (/^(thường xuyên|hằng ngày|hàng ngày|liên tục)$/iu.test(written)) return withText({ kind: 'ongoing', text: null });
  const quarter = /^(?:trong\s+)?quý\s+((?:[IV]+|[1-4])(?:\s*(?:,|và|-|–)\s*(?:[IV]+|[1-4]))*)\s*(?:\/|năm)\s*(\d{4})$/iu.exec(written);
  if (quarter) {
    const quarters = quarter[1]
      .split(/\s*(?:,|và|-|–)\s*/u)
      .map((q) => QUARTER_NUMBERS[q.toUpperCase()])
      .filter((q): q is number => !!q);
    if (quarters.length) return withText({ kind: 'quarter', quarters, year: Number(quarter[2]), text: null });
  }
  const year = /^(?:trong\s+|cả\s+|suốt\s+)?năm\s+(\d{4})$/iu.exec(written);
  if (year) return withText({ kind: 'year', year: Number(year[1]), text: null });
  const date = /^(?:(?:trước|hoàn thành trước|chậm nhất|trong)\s+)?(?:ngày\s+)?(\d{1,2})\/(\d{1,2})\/(\d{4})$/iu.exec(written);
  if (date) {
    const iso = citedDateToIso(date[1], date[2], date[3]);
    if (iso) return withText({ kind: 'date', date: iso, text: null });
  }
  return { kind: 'text', text: written };
}
