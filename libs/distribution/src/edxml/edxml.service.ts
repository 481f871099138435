import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor, citedDate, parseIsoDate } from '@app/common';
import { Organization } from '@app/identity';
import { documentTypeName, PlanAccessService, PlansService } from '@app/plans';
import { DistributionError, DistributionErrorCode } from '../distribution.error';
import { IssuedPlanFactsService } from '../services/issued-plan-facts.service';
import { pdfFileName } from '../services/delivery-message';
import { buildEdxml, EdxmlParty, signerOf, splitNumberSymbol } from './edxml-builder';

/** An issued plan as an edXML package (QCVN 102:2016), for exchange with other document systems. */
@Injectable()
export class EdxmlService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planAccess: PlanAccessService,
    private readonly plans: PlansService,
    private readonly facts: IssuedPlanFactsService,
  ) {}

  async export(actor: Actor, planId: string): Promise<{ fileName: string; xml: string }> {
    // The package of an issued plan is what its recipients were sent: they may export it too.
    const { plan } = await this.planAccess.readableInPart(actor, planId);
    if (!plan.numberSymbol || !plan.issuedOn || !plan.pdfSha256) {
      throw new DistributionError(DistributionErrorCode.PlanNotIssued, 'Chỉ xuất gói edXML cho văn bản đã ban hành');
    }
    const facts = await this.facts.load(planId);
    const content = await this.plans.contentOf(plan);
    const orgIds = [...new Set([plan.organizationId, ...content.recipients.map((r) => r.organizationId).filter((id): id is string => !!id)])];
    const orgs = new Map((await this.dataSource.getRepository(Organization).find({ where: { id: In(orgIds) } })).map((o) => [o.id, o]));
    const issuer = orgs.get(plan.organizationId)!;
    const partyOf = (org: Organization): EdxmlParty => ({ organId: org.code, organName: org.fullName, email: org.email });
    const to = content.recipients
      .filter((line) => line.purpose !== 'archive')
      .map((line): EdxmlParty => {
        const org = line.organizationId ? orgs.get(line.organizationId) : undefined;
        return org
          ? { ...partyOf(org), organName: line.name, email: line.email ?? org.email }
          : { organId: '', organName: line.name, email: line.email };
      });
    const pdf = await this.facts.pdf(plan.pdfSha256);
    const xml = buildEdxml({
      documentId: plan.id,
      from: partyOf(issuer),
      to,
      ...splitNumberSymbol(plan.numberSymbol),
      place: content.place ?? issuer.placeName,
      promulgationDate: plan.issuedOn,
      typeCode: plan.documentType,
      typeName: documentTypeName(plan.documentType),
      subject: content.summary.replace(/\s*\n\s*/g, ' '),
      signer: signerOf(content.signature.capacityLines, content.signature.signerName),
      // As printed: "Lưu VP, BTGĐUK" (Party), "Lưu: VT, VP" (State).
      toPlaces: content.recipients.map((line) =>
        line.purpose === 'archive' ? `Lưu${issuer.family === 'state' ? ':' : ''} ${line.name}` : line.name,
      ),
      // A revoked plan travels as a revocation (BussinessDocType 1), its reason in BussinessDocReason;
      // a replacing plan as a replacement (3), naming the plan it replaces and whom that one reached.
      businessType: plan.revokedAt ? 'revoke' : plan.replacesPlanId ? 'replace' : 'new',
      businessReason: plan.revokedAt ? (plan.revocationReason ?? '') : plan.replacesPlanId ? await this.replacementReason(plan.replacesPlanId) : '',
      replaces: plan.replacesPlanId && !plan.revokedAt ? [await this.replacedDocument(plan.replacesPlanId)] : [],
      timestamp: (plan.revokedAt ?? plan.signedAt ?? new Date()).toISOString(),
      attachments: [
        { name: pdfFileName(facts), contentType: 'application/pdf', description: `${facts.documentTypeName} số ${plan.numberSymbol}`, bytes: pdf },
      ],
    });
    return { fileName: pdfFileName(facts).replace(/\.pdf$/, '.edxml'), xml };
  }

  /** "Thay thế Kế hoạch số 04-KH/BCĐ ngày 24/01/2024". */
  private async replacementReason(replacedPlanId: string): Promise<string> {
    const replaced = await this.facts.load(replacedPlanId);
    return `Thay thế ${replaced.documentTypeName} số ${replaced.numberSymbol} ngày ${citedDate(parseIsoDate(replaced.issuedOn))}`;
  }

  /** The replaced plan as QCVN 102 names a document (its DocumentId here: the plan id) and the bodies it reached. */
  private async replacedDocument(replacedPlanId: string): Promise<{ documentId: string; organIds: string[] }> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT o.code FROM delivery d JOIN organization o ON o.id = d.organization_id
        WHERE d.plan_id = $1 AND d.purpose = 'issue' AND d.channel = 'inbox' ORDER BY o.code`,
      [replacedPlanId],
    );
    return { documentId: replacedPlanId, organIds: rows.map((r) => r.code) };
  }
}
