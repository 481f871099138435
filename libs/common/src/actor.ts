import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const ROLES = ['drafter', 'consultee', 'reviewer', 'format_checker', 'signer', 'clerk', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ActorMembership {
  organizationId: string;
  roles: Role[];
}

/** The signed-in person a request acts for: who they are and what they may do where. */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  memberships: ActorMembership[];
  /** Administers the whole installation, not only the subtrees of their admin memberships. */
  installationAdmin: boolean;
  /**
   * Organizations whose plans and trails the person audits (need to know): each organization
   * where they hold `auditor` — their assignment — and its subtree. Computed at sign-in.
   */
  auditedOrganizations?: string[];
  /** 'session' for the web UI, 'token' for API clients. */
  via: 'session' | 'token';
}

export function hasRole(actor: Actor, role: Role, organizationId?: string): boolean {
  return actor.memberships.some((m) => m.roles.includes(role) && (organizationId === undefined || m.organizationId === organizationId));
}

export function organizationsWithRole(actor: Actor, role: Role): string[] {
  return actor.memberships.filter((m) => m.roles.includes(role)).map((m) => m.organizationId);
}

/** The one rule of an auditor's reach: the organizations assigned to them, with their subtrees. */
export function audits(actor: Actor, organizationId: string): boolean {
  return !!actor.auditedOrganizations?.includes(organizationId);
}

export const IS_PUBLIC = 'kehoach:public';
/** Opts a route out of the global authentication guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'kehoach:roles';
/** The actor must hold one of these roles at some organization (ownership is checked by the service). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().user;
});
