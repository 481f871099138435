import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, issuanceYear } from '@app/common';
import { AppConfig } from '@app/config';
import { Organization, SigningAuthority, User } from '@app/identity';
import { Clock } from '@app/jobs';
import { Plan, PlanVersion } from '@app/plans';
import { IssuedDocumentService, SignerKeyService, StampImageService, StampKind } from '@app/rendering';
import { DocumentSignatureRequest, DocumentSigner, PlanHandOversService, WorkflowService } from '@app/workflow';
import { VerificationCodesService } from '@app/verification';
import { IssuanceError, IssuanceErrorCode } from '../issuance.error';

/**
 * SIGN is the signer's own PAdES signature (Nghị định 30, Art. 5 and 32): in the SIGN
 * transaction, the submitted text is printed as the signing page shows it (no DỰ THẢO, number
 * and date blank, the signer's name and capacity from identity and their signature image),
 * signed with the signer's key (opened by the password they re-entered, never stored) and
 * stored by its SHA-256 on the plan, with the places the clerk fills at issuance.
 */
@Injectable()
export class PlanSignatureService implements DocumentSigner, OnModuleInit {
  constructor(
    private readonly handOvers: PlanHandOversService,
    private readonly documents: IssuedDocumentService,
    private readonly keys: SignerKeyService,
    private readonly stamps: StampImageService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly workflow: WorkflowService,
    private readonly verificationCodes: VerificationCodesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.handOvers.registerDocumentSigner(this);
  }

  async sign(manager: EntityManager, { plan, actor, authority, secret }: DocumentSignatureRequest): Promise<void> {
    const { request, person, organization } = await this.signerDocumentRequest(manager, plan, actor.id, authority);
    const capacityLines = authority.capacityLines;
    const unlocked = await this.keys.unlock(
      {
        userId: person.id,
        fullName: person.fullName,
        title: capacityLines[capacityLines.length - 1] ?? '',
        organizationId: organization.id,
        organizationName: organization.fullName,
        organizationCode: organization.code,
      },
      secret,
    );
    const document = await this.documents.signedBySigner({ ...request, signedAt: this.clock.now(), key: unlocked.key });
    await manager.update(Plan, { id: plan.id }, { signedPdfSha256: document.sha256, signatureSlots: document.slots });
  }

  /** `GET /api/plans/:id/signing.pdf`: the exact document SIGN will sign, for the person who may sign it now. */
  async preview(actor: Actor, planId: string): Promise<Buffer> {
    const { plan, authority } = await this.workflow.signingAuthority(actor, planId);
    if (!authority) {
      throw new IssuanceError(IssuanceErrorCode.NotSigner, 'Chỉ người có thẩm quyền ký kế hoạch này lúc này mới xem được bản sẽ ký', {
        state: plan.state,
      });
    }
    const { request } = await this.signerDocumentRequest(this.dataSource.manager, plan, actor.id, authority);
    return (await this.documents.signerDocument(request)).pdf;
  }

  /** The submitted text, and the signer as identity knows them: the authority's capacity lines, their full name, their signature image. */
  private async signerDocumentRequest(manager: EntityManager, plan: Plan, userId: string, authority: SigningAuthority) {
    // One query at a time: in SIGN's transaction the manager is one connection.
    const organization = await manager.findOneByOrFail(Organization, { id: plan.organizationId });
    const version = await manager.findOneByOrFail(PlanVersion, { planId: plan.id, version: plan.submittedVersion ?? plan.currentVersion });
    const person = await manager.findOneByOrFail(User, { id: userId });
    const image = await this.picture(StampKind.Signature, authority.id, () =>
      this.stamps.ensureDemo([{ authorityId: authority.id, fullName: person.fullName }], []),
    );
    const signer = {
      capacityLines: authority.capacityLines,
      fullName: person.fullName,
      signatureImage: image ? `data:image/png;base64,${image.toString('base64')}` : null,
    };
    // The verification address is made with the signer's document: it is printed in what they sign.
    const verification = await this.verificationCodes.markFor(manager, plan.id);
    const request = { organization, content: version.content, year: issuanceYear(this.clock.now(), this.config.holidays), signer, verification };
    return { request, person, organization };
  }

  /** The organization's seal for the clerk's issuance. */
  seal(organization: Organization): Promise<Buffer | null> {
    return this.picture(StampKind.Seal, organization.id, () =>
      this.stamps.ensureDemo([], [{ organizationId: organization.id, name: organization.fullName, place: organization.placeName }]),
    );
  }

  /**
   * The uploaded picture. An installation that makes its own certificates (demo mode, tests:
   * PKI_AUTO_CREATE) draws one the first time it is needed; any other signs without a
   * signature image and issues without a seal until one is uploaded.
   */
  private async picture(kind: StampKind, ownerId: string, drawForDemo: () => Promise<unknown>): Promise<Buffer | null> {
    const uploaded = await this.stamps.current(kind, ownerId);
    if (uploaded || !(this.config.demo || this.config.pkiAutoCreate)) return uploaded;
    await drawForDemo();
    return this.stamps.current(kind, ownerId);
  }
}
