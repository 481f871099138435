import { foldVietnamese } from '@app/common';
import { taskEntries, type PlanContent } from '@app/plans';
import { ReportBuilder } from '../parser/import-report';
import { normalizeNumberSymbol } from '../parser/number-symbol';

/** An organization as the linker needs it. */
export interface LinkableOrganization {
  id: string;
  parentId: string | null;
  fullName: string;
  shortName: string;
  placeName: string;
}

/** An issued plan a citation may point to. */
export interface LinkablePlan {
  id: string;
  numberSymbol: string;
  issuedOn: string | null;
}

/** Abbreviations offices write in names, spelled out so that both spellings meet. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bbcd\b/g, 'ban chi dao'],
  [/\bduk\b/g, 'dang uy khoi'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bqcdc\b/g, 'quy che dan chu'],
  [/\btt\b/g, 'thuong truc'],
  [/\bbtv\b/g, 'ban thuong vu'],
];

/** A name folded for comparison: no diacritics, lower case, abbreviations spelled out, no punctuation. */
export function comparableName(name: string): string {
  let folded = foldVietnamese(name).replace(/[.,;:()"“”'&/-]+/g, ' ');
  for (const [pattern, full] of ABBREVIATIONS) folded = folded.replace(pattern, full);
  return folded.replace(/\s+/g, ' ').trim();
}

/**
 * Finds organizations by the names a plan writes. A full name is unique in the system; a short
 * name ("UBND thị xã", "Ban Chỉ đạo") only means something near the issuer, so it matches only
 * the issuer's parent, children, siblings and the issuer itself.
 */
export class OrganizationMatcher {
  private readonly byFullName = new Map<string, LinkableOrganization[]>();
  private readonly byShortName = new Map<string, LinkableOrganization[]>();
  private readonly near = new Set<string>();

  constructor(organizations: LinkableOrganization[], issuerId: string | null) {
    for (const org of organizations) {
      const full = comparableName(org.fullName);
      this.byFullName.set(full, [...(this.byFullName.get(full) ?? []), org]);
      const short = comparableName(org.shortName);
      this.byShortName.set(short, [...(this.byShortName.get(short) ?? []), org]);
    }
    const issuer = organizations.find((o) => o.id === issuerId);
    if (issuer) {
      for (const org of organizations) {
        if (org.id === issuer.id || org.id === issuer.parentId || org.parentId === issuer.id || (issuer.parentId && org.parentId === issuer.parentId))
          this.near.add(org.id);
      }
    }
  }

  find(name: string): LinkableOrganization | null {
    const key = comparableName(name.replace(/\(\s*qua\s[^)]*\)/iu, ''));
    if (!key) return null;
    const full = this.byFullName.get(key) ?? [];
    if (full.length === 1) return full[0];
    const short = (this.byShortName.get(key) ?? []).filter((o) => this.near.has(o.id));
    return short.length === 1 ? short[0] : null;
  }
}

export interface LinkContext {
  organizations: LinkableOrganization[];
  /** The organization the draft is made at (the importing drafter's). */
  issuer: LinkableOrganization | null;
  /** Issued plans the actor may read, by their number and symbol. */
  plans: LinkablePlan[];
}

/**
 * Links an imported content to the system: cited documents that are issued plans here get
 * `planId`, recipients, reporting addressees and task assignees named like organizations get
 * their ids, and a place equal to the issuer's own becomes null (the organization's place).
 */
export function linkContent(content: PlanContent, context: LinkContext, report: ReportBuilder): PlanContent {
  const matcher = new OrganizationMatcher(context.organizations, context.issuer?.id ?? null);
  const linked: PlanContent = structuredClone(content);
  if (context.issuer && linked.place && comparableName(linked.place) === comparableName(context.issuer.placeName)) linked.place = null;

  linked.preamble.references.forEach((reference, i) => {
    if (!reference.numberSymbol) return;
    const key = normalizeNumberSymbol(reference.numberSymbol);
    const candidates = context.plans.filter(
      (p) => normalizeNumberSymbol(p.numberSymbol) === key && (!reference.date || !p.issuedOn || p.issuedOn === reference.date),
    );
    if (candidates.length === 1) {
      reference.planId = candidates[0].id;
      report.recognized('reference.plan', `preamble.references[${i}].planId`, 0);
    }
  });
  linked.recipients.forEach((recipient, i) => {
    if (recipient.purpose === 'archive') return;
    const org = matcher.find(recipient.name);
    if (org && org.id !== context.issuer?.id) {
      recipient.organizationId = org.id;
      report.recognized('recipient.organization', `recipients[${i}].organizationId`, 0);
    }
  });
  linked.reportingDuties.forEach((duty, i) => {
    const org = matcher.find(duty.to);
    if (org) {
      duty.toOrganizationId = org.id;
      report.recognized('reportingDuty.organization', `reportingDuties[${i}].toOrganizationId`, 0);
    }
  });
  // Tasks of items and of table rows (a cell may list its bodies one per line).
  for (const { task } of taskEntries(linked)) {
    const ids = task.carriedOutBy
      .split(/\s*[;,\n]\s*|\s+và\s+/u)
      .map((piece) => matcher.find(piece.replace(/^[-–+]\s*/u, '').replace(/^.*?:\s*/u, ''))?.id)
      .filter((id): id is string => !!id);
    task.assigneeOrganizationIds = [...new Set(ids)];
  }
  return linked;
}
