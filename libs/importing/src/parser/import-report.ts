import type { Family } from '@app/identity';
import type { DocumentTypeCode, PlanContent } from '@app/plans';

/** One thing the importer recognized: what, where it went in the content, from which line. */
export interface RecognizedEntry {
  what: string;
  path: string;
  line: number;
}

/** Text that fitted nowhere: kept as a paragraph at `keptAt`, never dropped. */
export interface UnrecognizedEntry {
  line: number;
  text: string;
  keptAt: string;
}

export interface ImportReport {
  recognized: RecognizedEntry[];
  unrecognized: UnrecognizedEntry[];
  /** In Vietnamese: what the drafter should check. */
  warnings: string[];
}

/** What the header says about the document (it has no place in the content itself). */
export interface DetectedHeader {
  family: Family | null;
  documentType: DocumentTypeCode;
  /** Lines separated by \n, as printed. */
  superiorBody: string | null;
  issuingBody: string | null;
  /** 4 for "04-KH/BCĐ"; null for a draft's blank number. */
  number: number | null;
  numberSymbol: string | null;
  /** The issuer's abbreviation in the symbol: "BCĐ", "UBND". */
  symbolOrganization: string | null;
  place: string | null;
  /** ISO date of the date line; null when left blank. */
  date: string | null;
  /** The year of a draft's "ngày ... tháng ... năm 2023". */
  year: number | null;
  draft: boolean;
  /** 2 for "DỰ THẢO LẦN 2". */
  draftRound: number | null;
  /** Format and encoding the file was read in: "txt/utf-8", "txt/tcvn3", "docx". */
  source: string;
}

export interface ImportResult {
  content: PlanContent;
  report: ImportReport;
  detected: DetectedHeader;
}

export class ReportBuilder {
  constructor(readonly report: ImportReport = { recognized: [], unrecognized: [], warnings: [] }) {}

  recognized(what: string, path: string, line: number): void {
    this.report.recognized.push({ what, path, line });
  }

  unrecognized(line: number, text: string, keptAt: string): void {
    this.report.unrecognized.push({ line, text, keptAt });
  }

  warn(message: string): void {
    if (!this.report.warnings.includes(message)) this.report.warnings.push(message);
  }
}
