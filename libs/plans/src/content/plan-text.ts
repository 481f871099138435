import { citedDate, parseIsoDate } from '@app/common';
import type { NumberingFamily } from './numbering';
import type { RecipientPurpose, Timeframe } from './plan-content';

/** How each recipient purpose reads in the UI. */
export const RECIPIENT_PURPOSE_LABELS: Record<RecipientPurpose, string> = {
  report: 'để báo cáo',
  implement: 'để thực hiện',
  inform: 'để biết',
  coordinate: 'để phối hợp',
  archive: 'lưu',
};

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * "Thời gian thực hiện" as printed, without the label and the final period: the text as
 * written when the drafter gave one, otherwise "Thường xuyên", "Quý I/2023", "Quý II, III/2023",
 * "Năm 2023", "Trước ngày 21/3/2024".
 */
export function timeframeText(timeframe: Timeframe): string {
  if (timeframe.text) return timeframe.text;
  switch (timeframe.kind) {
    case 'ongoing':
      return 'Thường xuyên';
    case 'date':
      return `Trước ngày ${citedDate(parseIsoDate(timeframe.date))}`;
    case 'quarter':
      return `Quý ${[...timeframe.quarters]
        .sort()
        .map((q) => ROMAN_QUARTERS[q - 1])
        .join(', ')}/${timeframe.year}`;
    case 'year':
      return `Năm ${timeframe.year}`;
    case 'text':
      return timeframe.text;
  }
}

/** The archive line of "Nơi nhận": "Lưu VP, BTGĐUK." (Party) or "Lưu: VT, VP." (State). */
export function archiveLine(units: string, family: NumberingFamily): string {
  return `${family === 'party' ? 'Lưu' : 'Lưu:'} ${units}.`;
}
