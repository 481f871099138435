import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Organization } from '@app/identity';
import { documentTypeName, Plan } from '@app/plans';
import { ISSUED_STATES } from '@workflows/index';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { IssuedPdfReader } from '../distribution.ports';
import type { IssuedPlanFacts, ReplacementFacts, RevocationFacts } from './delivery-message';

const FACTS_CACHED = 200;
const PDFS_CACHED = 4;

/**
 * The facts of issued plans and their PDF bytes, kept for a while in memory: once issued they
 * never change, and a plan with a thousand recipients would otherwise read them a thousand times.
 */
@Injectable()
export class IssuedPlanFactsService {
  private readonly facts = new Map<string, IssuedPlanFacts>();
  private readonly pdfs = new Map<string, Buffer>();
  private readonly revocations = new Map<string, RevocationFacts>();
  private readonly replacements = new Map<string, ReplacementFacts>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly pdfReader: IssuedPdfReader,
  ) {}

  async load(planId: string, manager: EntityManager = this.dataSource.manager): Promise<IssuedPlanFacts> {
    const cached = this.facts.get(planId);
    if (cached) return cached;
    const plan = await manager.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan) throw new DistributionError(DistributionErrorCode.PlanNotFound, `Không tìm thấy văn bản ${planId}`);
    if (!plan.numberSymbol || !plan.issuedOn || !plan.pdfSha256) {
      throw new DistributionError(DistributionErrorCode.PlanNotIssued, 'Văn bản chưa được ban hành (chưa có số, ngày hoặc bản PDF)');
    }
    const issuer = await manager.getRepository(Organization).findOneOrFail({ where: { id: plan.organizationId } });
    const facts: IssuedPlanFacts = {
      planId: plan.id,
      documentType: plan.documentType,
      documentTypeName: documentTypeName(plan.documentType),
      number: plan.number,
      numberSymbol: plan.numberSymbol,
      issuedOn: plan.issuedOn,
      summary: plan.summary,
      pdfSha256: plan.pdfSha256,
      issuer: { id: issuer.id, code: issuer.code, fullName: issuer.fullName },
    };
    remember(this.facts, planId, facts, FACTS_CACHED);
    return facts;
  }

  /** What the revocation notice of a revoked plan says (never changes once revoked). */
  async revocation(planId: string, manager: EntityManager = this.dataSource.manager): Promise<RevocationFacts> {
    const cached = this.revocations.get(planId);
    if (cached) return cached;
    const plan = await manager.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan?.revokedAt || !plan.revocationReason) {
      throw new DistributionError(DistributionErrorCode.PlanNotIssued, 'Văn bản chưa bị thu hồi: không có thông báo thu hồi để gửi');
    }
    const facts: RevocationFacts = {
      revokedAt: plan.revokedAt.toISOString(),
      reason: plan.revocationReason,
      decisionNumber: plan.revocationDecision,
    };
    remember(this.revocations, planId, facts, FACTS_CACHED);
    return facts;
  }

  /** The issued plan that replaces this one (never changes once issued). */
  async replacement(planId: string, manager: EntityManager = this.dataSource.manager): Promise<ReplacementFacts> {
    const cached = this.replacements.get(planId);
    if (cached) return cached;
    const replacing = await manager.getRepository(Plan).findOne({ where: { replacesPlanId: planId, state: In(ISSUED_STATES as string[]) } });
    if (!replacing?.numberSymbol || !replacing.issuedOn) {
      throw new DistributionError(DistributionErrorCode.PlanNotIssued, 'Văn bản thay thế chưa được ban hành: không có thông báo thay thế để gửi');
    }
    const facts: ReplacementFacts = {
      planId: replacing.id,
      documentTypeName: documentTypeName(replacing.documentType),
      numberSymbol: replacing.numberSymbol,
      issuedOn: replacing.issuedOn,
      summary: replacing.summary,
    };
    remember(this.replacements, planId, facts, FACTS_CACHED);
    return facts;
  }

  async pdf(sha256: string): Promise<Buffer> {
    const cached = this.pdfs.get(sha256);
    if (cached) return cached;
    const bytes = await this.pdfReader.read(sha256);
    // Never send bytes other than the issued original, whatever the store.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new DistributionError(DistributionErrorCode.PdfMissing, `Bản PDF ${sha256.slice(0, 12)}… trong kho không khớp mã băm`);
    }
    remember(this.pdfs, sha256, bytes, PDFS_CACHED);
    return bytes;
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}
