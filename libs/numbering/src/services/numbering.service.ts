import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { parseIsoDate } from '@app/common';
import { SYSTEM_AUDIT_ACTOR, AuditService } from '@app/audit';
import { Organization } from '@app/identity';
import { Plan, PlanContent } from '@app/plans';
import { CommitteeTerm } from '../entities/committee-term.entity';
import { RegisterCounter } from '../entities/register-counter.entity';
import { RegisterEntry } from '../entities/register-entry.entity';
import { Register } from '../entities/register.entity';
import { NumberingError, NumberingErrorCode } from '../numbering.error';

/** How the register describes a document: the columns of its line, as the issuing side writes them. */
export interface RegisterLine {
  summary: string;
  signer: string;
  recipients: string;
  archiveUnit: string;
  copies: number;
}

/** What the issuing transaction knows when it asks for a number. */
export interface NumberRequest {
  organization: Organization;
  content: Pick<PlanContent, 'documentType'>;
  /** The date on the document (ISO). */
  issuedOn: string;
  /** Now, in the issuing transaction. */
  at: Date;
  /** The number and symbol as printed (số, ký hiệu), for the number the register gives. */
  symbolOf: (number: number) => string;
  line: RegisterLine;
  /** The register the clerk chose at the desk (one of the organization's); absent: the register of the type. */
  registerId?: string;
}

// The date rule lives with the other Vietnamese dates; numbering keeps its name for it.
export { issuanceDate } from '@app/common';

/**
 * Registers and numbers (domain.md, "Number and symbol"). A number is taken inside the
 * caller's issuing transaction from the register's counter row, locked FOR UPDATE: numbers
 * run 01, 02... with no gap (a rolled-back issuance gives its number back) and no duplicate,
 * whatever the number of processes. A number once given is never given again; a voided one
 * stays in the register with its reason.
 */
@Injectable()
export class NumberingService {
  constructor(private readonly audit: AuditService) {}

  /** The plan's number: the one already given (a re-run), or the next of its register. */
  async assign(manager: EntityManager, plan: Plan, request: NumberRequest): Promise<RegisterEntry> {
    const live = await manager.findOne(RegisterEntry, { where: { planId: plan.id, voidedAt: IsNull() } });
    if (live) return live;
    const { organization, content } = request;
    const register = request.registerId
      ? await manager.findOneByOrFail(Register, { id: request.registerId, organizationId: organization.id })
      : await this.registerFor(manager, organization, content.documentType);
    const periodKey = await this.periodKey(manager, register, organization, request.issuedOn);
    const number = await this.nextNumber(manager, register.id, periodKey);
    const symbol = request.symbolOf(number);
    const entry = manager.create(RegisterEntry, {
      registerId: register.id,
      periodKey,
      number,
      numberSymbol: symbol,
      planId: plan.id,
      organizationId: organization.id,
      documentType: content.documentType,
      issuedOn: request.issuedOn,
      ...request.line,
      sentOn: null,
      receipt: null,
      notes: null,
      assignedAt: request.at,
      voidedAt: null,
      voidReason: null,
    });
    await manager.insert(RegisterEntry, entry);
    await manager.update(Plan, { id: plan.id }, { number, numberSymbol: symbol, issuedOn: request.issuedOn });
    Object.assign(plan, { number, numberSymbol: symbol, issuedOn: request.issuedOn });
    return entry;
  }

  /** Voids the plan's live number (it stays in the register, never to be given again). */
  async void(manager: EntityManager, planId: string, reason: string, at: Date): Promise<RegisterEntry | null> {
    const live = await manager.findOne(RegisterEntry, { where: { planId, voidedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!live) return null;
    await manager.update(RegisterEntry, { id: live.id }, { voidedAt: at, voidReason: reason, notes: `Hủy số: ${reason}` });
    await manager.update(Plan, { id: planId }, { number: null, numberSymbol: null });
    await this.audit.append(manager, {
      planId,
      actor: SYSTEM_AUDIT_ACTOR,
      event: 'NUMBER_VOIDED',
      reason,
      data: { number: live.number, numberSymbol: live.numberSymbol, registerId: live.registerId, periodKey: live.periodKey },
    });
    return { ...live, voidedAt: at, voidReason: reason };
  }

  /** Records the day the document was sent (ngày chuyển), for distribution. */
  async markSent(manager: EntityManager, planId: string, sentOn: string): Promise<void> {
    await manager.update(RegisterEntry, { planId, voidedAt: IsNull(), sentOn: IsNull() }, { sentOn });
  }

  /** The register a document type counts in: its own, else the organization's shared one, else a new one by family. */
  async registerFor(manager: EntityManager, organization: Organization, documentType: string): Promise<Register> {
    const find = async () =>
      (await manager.findOne(Register, { where: { organizationId: organization.id, documentType } })) ??
      (await manager.findOne(Register, { where: { organizationId: organization.id, documentType: IsNull() } }));
    const existing = await find();
    if (existing) return existing;
    // Party: one register per type and term; State: one register shared by every type, per year (settable per type).
    const party = organization.family === 'party';
    await manager
      .createQueryBuilder()
      .insert()
      .into(Register)
      .values({ organizationId: organization.id, documentType: party ? documentType : null, period: party ? 'term' : 'year' })
      .orIgnore()
      .execute();
    const created = await find();
    if (!created) throw new NumberingError(NumberingErrorCode.RegisterMissing, `Không tạo được sổ đăng ký cho ${organization.fullName}`);
    return created;
  }

  /** "year:2024", or "term:<id>" of the committee term (the organization's, else its nearest superior's) holding the date. */
  async periodKey(manager: EntityManager, register: Register, organization: Organization, issuedOn: string): Promise<string> {
    if (register.period === 'year') return `year:${parseIsoDate(issuedOn).year}`;
    const term = await this.termOn(manager, organization.id, issuedOn);
    return term ? `term:${term.id}` : 'term:open';
  }

  async termOn(manager: EntityManager, organizationId: string, date: string): Promise<CommitteeTerm | null> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE chain AS (
         SELECT id, parent_id, 0 AS depth FROM organization WHERE id = $1
         UNION ALL
         SELECT o.id, o.parent_id, c.depth + 1 FROM organization o JOIN chain c ON o.id = c.parent_id
       )
       SELECT t.id FROM committee_term t JOIN chain c ON c.id = t.organization_id
       WHERE t.starts_on <= $2 AND (t.ends_on IS NULL OR t.ends_on >= $2)
       ORDER BY c.depth, t.starts_on DESC LIMIT 1`,
      [organizationId, date],
    );
    return rows.length ? manager.findOneByOrFail(CommitteeTerm, { id: rows[0].id }) : null;
  }

  private async nextNumber(manager: EntityManager, registerId: string, periodKey: string): Promise<number> {
    await manager.createQueryBuilder().insert().into(RegisterCounter).values({ registerId, periodKey, lastNumber: 0 }).orIgnore().execute();
    // The row lock is held until the issuing transaction ends: the next issuer waits here.
    const [counter]: { id: string; last_number: number }[] = await manager.query(
      'SELECT id, last_number FROM register_counter WHERE register_id = $1 AND period_key = $2 FOR UPDATE',
      [registerId, periodKey],
    );
    const next = counter.last_number + 1;
    await manager.query('UPDATE register_counter SET last_number = $2, updated_at = now() WHERE id = $1', [counter.id, next]);
    return next;
  }
}
