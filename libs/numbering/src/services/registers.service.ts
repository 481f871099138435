import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Actor, audits, csvCell, hasRole, organizationsWithRole, parseIsoDate, shortDate, toIsoDate, vietnamDate } from '@app/common';
import { AdministrationScope, Organization } from '@app/identity';
import { documentTypeName } from '@app/plans';
import { ISSUED_STATES, REPLACED_STATES } from '@workflows/index';
import {
  CreateRegisterDto,
  CreateTermDto,
  OutgoingRegisterDto,
  OutgoingRegisterLineDto,
  OutgoingRegisterQueryDto,
  RegisterDto,
  TermDto,
} from '../dtos/register.dto';
import { CommitteeTerm } from '../entities/committee-term.entity';
import { RegisterCounter } from '../entities/register-counter.entity';
import { RegisterEntry } from '../entities/register-entry.entity';
import { Register } from '../entities/register.entity';
import { NumberingError, NumberingErrorCode } from '../numbering.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Columns of the CSV, as Nghị định 30/2020 (Phụ lục IV) names them. */
const CSV_COLUMNS: [string, (line: OutgoingRegisterLineDto) => string][] = [
  ['Số, ký hiệu văn bản', (l) => l.numberSymbol],
  ['Ngày tháng văn bản', (l) => shortDate(parseIsoDate(l.issuedOn))],
  ['Tên loại và trích yếu nội dung văn bản', (l) => `${documentTypeName(l.documentType)} ${l.summary}`],
  ['Người ký', (l) => l.signer],
  ['Nơi nhận văn bản', (l) => l.recipients],
  ['Đơn vị, người nhận bản lưu', (l) => l.archiveUnit],
  ['Số lượng bản', (l) => String(l.copies)],
  ['Ngày chuyển', (l) => (l.sentOn ? shortDate(parseIsoDate(l.sentOn)) : '')],
  ['Ký nhận', (l) => l.receipt ?? ''],
  ['Ghi chú', (l) => l.notes ?? ''],
  // After issuance (Nghị định 30 Art. 18): the line stays, the revocation is written beside it.
  ['Ngày thu hồi', (l) => (l.revokedOn ? shortDate(parseIsoDate(l.revokedOn)) : '')],
  ['Quyết định thu hồi', (l) => l.revocationDecision ?? ''],
  ['Lý do thu hồi', (l) => l.revocationReason ?? ''],
  // and the replacement (thay thế), on both lines: the one replaced and the one that replaces it
  ['Được thay thế bởi', (l) => l.replacedBy ?? ''],
  ['Thay thế văn bản', (l) => l.replaces ?? ''],
];

type Revocation = Pick<OutgoingRegisterLineDto, 'revokedOn' | 'revocationReason' | 'revocationDecision'>;
const NOT_REVOKED: Revocation = { revokedOn: null, revocationReason: null, revocationDecision: null };
type Replacement = Pick<OutgoingRegisterLineDto, 'replacedBy' | 'replaces'>;
const NOT_REPLACED: Replacement = { replacedBy: null, replaces: null };

/** How far each plan's sending went (ngày chuyển, ký nhận), by plan id. */
export interface PlanSending {
  firstSentAt: Date | null;
  total: number;
  delivered: number;
  acknowledged: number;
}

/** Reads the sending of issued plans: registered by the module that sends them (distribution). */
export type PlanSendingSource = (manager: EntityManager, planIds: string[]) => Promise<Map<string, PlanSending>>;

/**
 * The outgoing register (sổ đăng ký văn bản đi), read by the clerks of the issuing
 * organization and by auditors, as JSON or CSV; committee terms and registers, set by admins.
 */
@Injectable()
export class RegistersService {
  private sendingSource: PlanSendingSource | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly administration: AdministrationScope,
  ) {}

  /** The register shows the sending of each document as the distribution reports it; numbering itself knows nothing of deliveries. */
  setSendingSource(source: PlanSendingSource): void {
    this.sendingSource = source;
  }

  async outgoing(actor: Actor, query: OutgoingRegisterQueryDto): Promise<OutgoingRegisterDto> {
    if (query.from && query.to && query.from > query.to) {
      throw NumberingError.invalid([{ path: 'to', code: 'before_from', message: 'to: ngày kết thúc phải sau ngày bắt đầu' }]);
    }
    const organization = await this.readableOrganization(actor, query.org);
    const qb = this.dataSource.manager
      .createQueryBuilder(RegisterEntry, 'e')
      .where('e.organizationId = :org', { org: organization.id })
      .orderBy('e.issuedOn', 'ASC')
      .addOrderBy('e.documentType', 'ASC')
      .addOrderBy('e.number', 'ASC');
    if (query.from) qb.andWhere('e.issuedOn >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.issuedOn <= :to', { to: query.to });
    const entries = await qb.getMany();
    const sending = await this.sending(entries.filter((e) => !e.voidedAt).map((e) => e.planId));
    const revocations = await this.revocations(entries.map((e) => e.planId));
    const replacements = await this.replacements(entries.map((e) => e.planId));
    return {
      organizationId: organization.id,
      organizationName: organization.fullName,
      from: query.from ?? null,
      to: query.to ?? null,
      lines: entries.map((e) => {
        const line = { ...toLine(e), ...(revocations.get(e.planId) ?? NOT_REVOKED), ...(replacements.get(e.planId) ?? NOT_REPLACED) };
        const sent = e.voidedAt ? undefined : sending.get(e.planId);
        if (sent) {
          line.sentOn ??= sent.firstSentAt ? toIsoDate(vietnamDate(sent.firstSentAt)) : null;
          line.receipt ??= `${sent.delivered}/${sent.total} nơi đã nhận${sent.acknowledged ? `, ${sent.acknowledged} đã xác nhận` : ''}`;
        }
        return line;
      }),
    };
  }

  /** Ngày chuyển and ký nhận, from the distribution of each plan (a value written in the register itself wins). */
  private async sending(planIds: string[]): Promise<Map<string, PlanSending>> {
    if (!planIds.length || !this.sendingSource) return new Map();
    return this.sendingSource(this.dataSource.manager, planIds);
  }

  /** The revocation of each revoked plan (plan columns written by REVOKE), by plan id. */
  private async revocations(planIds: string[]): Promise<Map<string, Revocation>> {
    if (!planIds.length) return new Map();
    const rows: { id: string; revokedAt: Date; revocationReason: string | null; revocationDecision: string | null }[] = await this.dataSource.query(
      `SELECT id, revoked_at AS "revokedAt", revocation_reason AS "revocationReason", revocation_decision AS "revocationDecision"
         FROM plan WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL`,
      [planIds],
    );
    return new Map(rows.map(({ id, revokedAt, ...rest }) => [id, { revokedOn: toIsoDate(vietnamDate(revokedAt)), ...rest }]));
  }

  /**
   * Each plan's replacement, by plan id: the number of the issued plan that replaced it (its
   * state `replaced`), and the number of the plan it replaces (written once that one is issued).
   */
  private async replacements(planIds: string[]): Promise<Map<string, Replacement>> {
    if (!planIds.length) return new Map();
    const rows: { id: string; replacedBy: string | null; replaces: string | null }[] = await this.dataSource.query(
      `SELECT p.id,
              CASE WHEN p.state = ANY($2::text[]) THEN (SELECT r.number_symbol FROM plan r WHERE r.replaces_plan_id = p.id AND r.state = ANY($3::text[])) END AS "replacedBy",
              o.number_symbol AS "replaces"
         FROM plan p LEFT JOIN plan o ON o.id = p.replaces_plan_id
        WHERE p.id = ANY($1::uuid[]) AND (p.replaces_plan_id IS NOT NULL OR p.state = ANY($2::text[]))`,
      [planIds, REPLACED_STATES, ISSUED_STATES],
    );
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }

  /** UTF-8 with a byte order mark, so that Excel shows Vietnamese; CRLF line ends. */
  async outgoingCsv(actor: Actor, query: OutgoingRegisterQueryDto): Promise<{ csv: string; filename: string }> {
    const register = await this.outgoing(actor, query);
    const rows = [CSV_COLUMNS.map(([name]) => name), ...register.lines.map((line) => CSV_COLUMNS.map(([, cell]) => cell(line)))];
    const csv = '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
    const period = [register.from, register.to].filter(Boolean).join('_');
    return { csv, filename: `so-van-ban-di${period ? `_${period}` : ''}.csv` };
  }

  async terms(actor: Actor, org: string): Promise<TermDto[]> {
    const organization = await this.findOrganization(org);
    const reads =
      actor.memberships.some((m) => m.organizationId === organization.id) ||
      audits(actor, organization.id) ||
      (await this.administration.administers(actor, organization.id));
    if (!reads) {
      throw new NumberingError(NumberingErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${org}`);
    }
    const terms = await this.dataSource.manager.find(CommitteeTerm, { where: { organizationId: organization.id }, order: { startsOn: 'ASC' } });
    return terms.map(toTerm);
  }

  /** A new committee term; terms of one organization never overlap. */
  async createTerm(actor: Actor, dto: CreateTermDto): Promise<TermDto> {
    if (dto.endsOn && dto.endsOn < dto.startsOn) {
      throw NumberingError.invalid([{ path: 'endsOn', code: 'before_start', message: 'endsOn: ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.findOrganization(dto.organizationId);
      await this.administration.require(actor, [dto.organizationId], manager);
      // Serialize term changes of one organization, so that two overlapping terms cannot both pass the check.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`committee_term:${dto.organizationId}`]);
      const overlapping = await manager
        .createQueryBuilder(CommitteeTerm, 't')
        .where('t.organizationId = :org', { org: dto.organizationId })
        .andWhere(new Brackets((b) => b.where('t.endsOn IS NULL').orWhere('t.endsOn >= :start', { start: dto.startsOn })))
        .andWhere(dto.endsOn ? 't.startsOn <= :end' : '1 = 1', { end: dto.endsOn })
        .getOne();
      if (overlapping) {
        throw new NumberingError(
          NumberingErrorCode.TermOverlaps,
          `Nhiệm kỳ trùng với "${overlapping.name}" (${overlapping.startsOn} - ${overlapping.endsOn ?? 'nay'})`,
          {
            termId: overlapping.id,
          },
        );
      }
      const term = await manager.save(
        CommitteeTerm,
        manager.create(CommitteeTerm, { organizationId: dto.organizationId, name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn ?? null }),
      );
      return toTerm(term);
    });
  }

  async registers(actor: Actor, org: string | undefined): Promise<RegisterDto[]> {
    const organization = await this.readableOrganization(actor, org);
    const registers = await this.dataSource.manager.find(Register, { where: { organizationId: organization.id }, order: { createdAt: 'ASC' } });
    const counters = registers.length
      ? await this.dataSource.manager
          .createQueryBuilder(RegisterCounter, 'c')
          .where('c.registerId IN (:...ids)', { ids: registers.map((r) => r.id) })
          .getMany()
      : [];
    return registers.map((r) => ({
      id: r.id,
      organizationId: r.organizationId,
      documentType: r.documentType,
      period: r.period,
      lastNumbers: Object.fromEntries(counters.filter((c) => c.registerId === r.id).map((c) => [c.periodKey, c.lastNumber])),
    }));
  }

  /** A register of its own for one type (or the shared one), before the first number is given from it. */
  async createRegister(actor: Actor, dto: CreateRegisterDto): Promise<RegisterDto> {
    const organization = await this.findOrganization(dto.organizationId);
    await this.administration.require(actor, [organization.id]);
    const period = dto.period ?? (organization.family === 'party' ? 'term' : 'year');
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(Register)
      .values({ organizationId: organization.id, documentType: dto.documentType, period })
      .orIgnore()
      .returning('id')
      .execute();
    if (!result.raw.length) {
      throw new NumberingError(
        NumberingErrorCode.RegisterExists,
        `${organization.fullName} đã có sổ ${dto.documentType ? `riêng cho loại ${dto.documentType}` : 'chung'}`,
      );
    }
    return { id: result.raw[0].id, organizationId: organization.id, documentType: dto.documentType, period, lastNumbers: {} };
  }

  private async findOrganization(org: string): Promise<Organization> {
    const organization = await this.dataSource.manager.findOne(Organization, { where: UUID.test(org) ? { id: org } : { code: org } });
    if (!organization) throw new NumberingError(NumberingErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${org}`);
    return organization;
  }

  /** The register's organization, if the actor keeps its registers (clerk), audits it, or administers it (their subtree). */
  private async readableOrganization(actor: Actor, org: string | undefined): Promise<Organization> {
    if (!org) {
      const mine = organizationsWithRole(actor, 'clerk');
      if (mine.length !== 1) {
        throw new NumberingError(NumberingErrorCode.OrganizationRequired, 'Cần chọn tổ chức (tham số org)', {
          errors: [{ path: 'org', code: 'required', message: 'org: cần chọn tổ chức có sổ đăng ký' }],
        });
      }
      org = mine[0];
    }
    const organization = await this.findOrganization(org);
    if (
      hasRole(actor, 'clerk', organization.id) ||
      audits(actor, organization.id) ||
      (await this.administration.administers(actor, organization.id))
    ) {
      return organization;
    }
    if (actor.memberships.some((m) => m.organizationId === organization.id)) {
      throw new NumberingError(NumberingErrorCode.NotClerk, 'Chỉ văn thư của cơ quan (và kiểm tra viên) được xem sổ đăng ký văn bản đi');
    }
    throw new NumberingError(NumberingErrorCode.OrganizationNotFound, `Không tìm thấy tổ chức ${org}`);
  }
}

function toLine(e: RegisterEntry): Omit<OutgoingRegisterLineDto, keyof Revocation | keyof Replacement> {
  return {
    id: e.id,
    numberSymbol: e.numberSymbol,
    number: e.number,
    issuedOn: e.issuedOn,
    documentType: e.documentType,
    summary: e.summary,
    signer: e.signer,
    recipients: e.recipients,
    archiveUnit: e.archiveUnit,
    copies: e.copies,
    sentOn: e.sentOn,
    receipt: e.receipt,
    notes: e.notes,
    planId: e.planId,
    voided: e.voidedAt !== null,
    voidReason: e.voidReason,
  };
}

function toTerm(t: CommitteeTerm): TermDto {
  return { id: t.id, organizationId: t.organizationId, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn };
}
