import { Injectable } from '@nestjs/common';
import { Actor, audits, organizationsWithRole } from '@app/common';
import { AdministeredOrganizations, AdministrationScope, includes, OrganizationsService } from '@app/identity';
import { RegistersService, TermDto } from '@app/numbering';
import { DOCUMENT_TYPES, documentTypeName } from '@app/plans';
import { ReviewChainService } from '@app/workflow';
import { REVIEW_STEP_ROLES } from '@workflows/index';
import { organizationOptions } from '../admin/admin-views.service';
import { ROLE_NAMES } from '../view-helpers';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The organizations a person sees registers of: as clerk, as auditor (those they audit), as admin (those they administer). */
function registerOrganizations(actor: Actor, all: { id: string }[], administered: AdministeredOrganizations): string[] {
  const reaches = (id: string) => audits(actor, id) || includes(administered, id);
  return [...new Set([...organizationsWithRole(actor, 'clerk'), ...all.filter((o) => reaches(o.id)).map((o) => o.id)])];
}

/** View models of the outgoing register (sổ văn bản đi) and of the administration of registers, terms and review chains. */
@Injectable()
export class RegisterViewsService {
  constructor(
    private readonly registers: RegistersService,
    private readonly organizations: OrganizationsService,
    private readonly chains: ReviewChainService,
    private readonly administration: AdministrationScope,
  ) {}

  async outgoingPage(actor: Actor, filter: { org?: string; from?: string; to?: string }) {
    const orgs = await this.organizations.list();
    const allowed = new Set(registerOrganizations(actor, orgs, await this.administration.administered(actor)));
    const choices = orgs.filter((o) => allowed.has(o.id));
    const mine = organizationsWithRole(actor, 'clerk');
    const org = choices.find((o) => o.id === filter.org) ?? choices.find((o) => mine.includes(o.id)) ?? choices[0];
    const from = filter.from && ISO.test(filter.from) ? filter.from : undefined;
    const to = filter.to && ISO.test(filter.to) ? filter.to : undefined;
    const register = org ? await this.registers.outgoing(actor, { org: org.id, from, to }) : null;
    const query = new URLSearchParams({ ...(org ? { org: org.id } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return {
      title: 'Sổ văn bản đi',
      organizations: organizationOptions(choices, org?.id),
      from: from ?? '',
      to: to ?? '',
      register,
      lines: register?.lines ?? [],
      csvHref: `/api/registers/outgoing.csv?${query}`,
    };
  }

  /** Registers, counters and committee terms of one organization. */
  async adminPage(actor: Actor, orgId: string | undefined, typed?: Record<string, string>) {
    // An administrator configures the organizations at and below those they administer.
    const administered = new Set((await Promise.all(organizationsWithRole(actor, 'admin').map((id) => this.organizations.subtreeIds(id)))).flat());
    const orgs = (await this.organizations.list()).filter((o) => administered.has(o.id));
    const org = orgs.find((o) => o.id === orgId) ?? orgs[0];
    if (!org)
      return {
        title: 'Sổ văn bản và quy trình duyệt',
        organization: null,
        organizations: [],
        registers: [],
        terms: [],
        types: [],
        chain: null,
        stepRoles: [],
        form: {},
      };
    const [registers, terms, chain] = await Promise.all([
      this.registers.registers(actor, org.id),
      this.registers.terms(actor, org.id),
      this.chains.get(org.id),
    ]);
    return {
      title: 'Sổ văn bản và quy trình duyệt',
      organization: org,
      organizations: organizationOptions(orgs, org.id),
      registers: registers.map((r) => ({
        ...r,
        typeName: r.documentType ? documentTypeName(r.documentType) : 'Sổ chung mọi loại văn bản',
        periodName: r.period === 'term' ? 'theo nhiệm kỳ' : 'theo năm',
        counters: Object.entries(r.lastNumbers).map(([period, last]) => ({ period: this.periodName(period, terms), last })),
      })),
      terms,
      types: Object.entries(DOCUMENT_TYPES).map(([code, name]) => ({ code, name })),
      chain: {
        ...chain,
        steps: chain.steps.map((s) => ({ ...s, roles: REVIEW_STEP_ROLES.map((r) => ({ code: r, name: ROLE_NAMES[r], selected: r === s.role })) })),
      },
      stepRoles: REVIEW_STEP_ROLES.map((r) => ({ code: r, name: ROLE_NAMES[r] })),
      form: typed ?? {},
    };
  }

  private periodName(period: string, terms: TermDto[]): string {
    const [kind, value] = period.split(':');
    if (kind === 'year') return `Năm ${value}`;
    const term = terms.find((t) => t.id === value);
    return term ? term.name : 'Nhiệm kỳ';
  }
}
