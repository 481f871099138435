import type { Role } from '@app/common';

/**
 * The authorization matrix (issue 16, point 3): every route of the application (API and web) ×
 * every role × every relation to the organization whose data the route touches → the expected
 * answer. The test (`test/e2e/security/authorization-matrix.e2e-spec.ts`) sends one request per
 * cell and fails on a route registered in the running app without a row here.
 *
 * The organization touched is bcd-duk (Ban Chỉ đạo, under duk-bd under tu-bd). Each relation is a
 * demo organization whose people ask: own = bcd-duk, parent = duk-bd, child = a body the test
 * adds under bcd-duk, sibling = db-stc (also a recipient of the issued plan), unrelated =
 * ubnd-an (another tree). Each has one person per role (`<code>.<role>`); plus someone signed
 * out and the installation administrator (`quantri`).
 *
 * Adding a route is one line: `'METHOD /path': rule(expectedWhenAllowed)`, with a rule below.
 * Requests change nothing: reads, or writes whose body the rules refuse after deciding who asks
 * (a transition not allowed in the state, a stale base version, an empty change).
 */

export const RELATIONS = ['own', 'parent', 'child', 'sibling', 'unrelated'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_ORGANIZATIONS: Record<Relation, string> = {
  own: 'bcd-duk',
  parent: 'duk-bd',
  child: 'bcd-duk-to',
  sibling: 'db-stc',
  unrelated: 'ubnd-an',
};

/** States of the plan a plan route is asked about, where the answer may depend on it. */
export const PLAN_STATES_ASKED = ['draft', 'review', 'issued'] as const;
export type AskedState = (typeof PLAN_STATES_ASKED)[number];

export type Persona = { kind: 'anonymous' } | { kind: 'installationAdmin' } | { kind: 'member'; role: Role; relation: Relation };

export interface Cell {
  persona: Persona;
  state: AskedState | null;
}

/** The expected status of a cell (or the statuses, when the answer depends on what came before: a throttle). */
export type Rule = (cell: Cell, web: boolean, write: boolean) => number | number[];

export interface MatrixRow {
  rule: Rule;
  /** Which plan states to ask in (plan routes whose answer depends on it). */
  states?: readonly AskedState[];
  /** The body sent (JSON for the API, a form for the web). */
  body?: Record<string, unknown>;
  /** What a path parameter names, when its prefix does not say (see the test's fixtures). */
  params?: Record<string, string>;
  /** A query string, so that the request reaches the service (a missing one is 422 for everyone). */
  query?: string;
}

// ---- who is who ----

const member = (c: Cell, roles?: Role[], relations?: Relation[]) =>
  c.persona.kind === 'member' && (!roles || roles.includes(c.persona.role)) && (!relations || relations.includes(c.persona.relation));
/** A person of the organization or of one above it (whose subtree holds it). */
const ABOVE_OR_OWN: Relation[] = ['own', 'parent'];
const signedOut = (c: Cell) => c.persona.kind === 'anonymous';
/** Signed out: 401, but 403 for a web form (its CSRF check comes first). */
const signedOutStatus = (web: boolean, write: boolean) => (web && write ? 403 : 401);

/** Holds one of the roles at some organization (the route's guard). */
const holds = (c: Cell, roles: Role[]) => member(c, roles) || (c.persona.kind === 'installationAdmin' && roles.includes('admin'));

// ---- the rules ----

/** Anyone, signed in or not. */
export const open =
  (ok = 200): Rule =>
  () =>
    ok;

/** Anyone signed in. */
export const signedIn =
  (ok = 200): Rule =>
  (c, web, write) =>
    signedOut(c) ? signedOutStatus(web, write) : ok;

/** Whoever holds one of the roles anywhere (the service then narrows what they see, not whether). */
export const withRole =
  (roles: Role[], ok = 200): Rule =>
  (c, web, write) =>
    signedOut(c) ? signedOutStatus(web, write) : holds(c, roles) ? ok : 403;

/**
 * The whole plan: the members of its organization and its auditors (theirs or above); a
 * recipient (the sibling, once issued) gets `partial` (the issued version, or 403 need_to_know),
 * and so does a signer of the organization above once it is issued (it may revoke it); anyone else 404.
 */
export const planReaders =
  (ok = 200, partial = 403, guard?: Role[]): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (guard && !holds(c, guard)) return 403;
    if (member(c, undefined, ['own']) || member(c, ['auditor'], ABOVE_OR_OWN)) return ok;
    if (c.state === 'issued' && (member(c, undefined, ['sibling']) || member(c, ['signer'], ['parent']))) return partial;
    return 404;
  };

/** Drafters of the plan's organization write; its other readers get 403; strangers 404. */
export const planDrafters =
  (ok: number): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (member(c, ['drafter'], ['own'])) return ok;
    return planReaders(403, 403)(c, web, write);
  };

/** Drafters and signers of the plan's organization draft its correction notice (đính chính); its other readers get 403; strangers 404. */
export const planCorrectors =
  (ok: number): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (member(c, ['drafter', 'signer'], ['own'])) return ok;
    return planReaders(403, 403)(c, web, write);
  };

/**
 * Soạn văn bản thay thế: drafters and signers of the plan's organization (asked about plans not
 * yet issued, so the answer is the refusal `not_distributed` and nothing is written); its other
 * readers 403; strangers 404; a person with neither role anywhere 403 (the guard).
 */
export const planReplacers =
  (ok: number): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (!holds(c, ['drafter', 'signer'])) return 403;
    if (member(c, ['drafter', 'signer'], ['own'])) return ok;
    return planReaders(403, 403)(c, web, write);
  };

/** Administrators of the organization or above, and the installation's; others `denied` (403; 404 where a person is hidden). */
export const administrators =
  (ok = 200, denied = 403): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (c.persona.kind === 'installationAdmin' || member(c, ['admin'], ABOVE_OR_OWN)) return ok;
    return holds(c, ['admin']) ? denied : 403;
  };

/** Auditors assigned to the organization or above; other auditors and everyone else 403. */
export const auditors =
  (ok = 200): Rule =>
  (c, web, write) =>
    signedOut(c) ? signedOutStatus(web, write) : member(c, ['auditor'], ABOVE_OR_OWN) ? ok : 403;

/** A signing authority's picture: the person who holds it (bcd-duk.signer) and the organization's administrators (theirs or above). */
export const signatureKeepers =
  (ok = 200): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (c.persona.kind === 'installationAdmin' || member(c, ['signer'], ['own']) || member(c, ['admin'], ABOVE_OR_OWN)) return ok;
    return 403;
  };

/** The organization's seal: looked at by its clerks and signers, changed by administrators (theirs or above). */
export const sealKeepers =
  (ok = 200): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (c.persona.kind === 'installationAdmin' || member(c, ['clerk', 'signer'], ['own']) || member(c, ['admin'], ABOVE_OR_OWN)) return ok;
    return 403;
  };

/** The outgoing register of the organization: its clerks, its auditors and administrators (theirs or above); its other members 403, others 404. */
export const registerKeepers =
  (ok = 200): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (!holds(c, ['clerk', 'auditor', 'admin'])) return 403;
    if (c.persona.kind === 'installationAdmin' || member(c, ['clerk'], ['own']) || member(c, ['auditor', 'admin'], ABOVE_OR_OWN)) return ok;
    return member(c, undefined, ['own']) ? 403 : 404;
  };

/** The organization's settings read by its members, its auditors and administrators (theirs or above); others 404. */
export const organizationReaders =
  (ok = 200): Rule =>
  (c, web, write) => {
    if (signedOut(c)) return signedOutStatus(web, write);
    if (c.persona.kind === 'installationAdmin' || member(c, undefined, ['own']) || member(c, ['auditor', 'admin'], ABOVE_OR_OWN)) return ok;
    return 404;
  };

/** Removing an organization: only from above (an admin of it cannot remove their own); one with people and plans is refused (409). */
export const organizationRemovers: Rule = (c, web, write) => {
  if (signedOut(c)) return signedOutStatus(web, write);
  return c.persona.kind === 'installationAdmin' || member(c, ['admin'], ['parent']) ? 409 : 403;
};

/** What no signed-in person reaches with the ids the test gives (someone else's notice, mail...). */
export const nobody =
  (status = 404, guard?: Role[]): Rule =>
  (c, web, write) =>
    signedOut(c) ? signedOutStatus(web, write) : guard && !holds(c, guard) ? 403 : status;

/** Draft and issued: the states where who reads what differs (the recipient reads the issued plan). */
const ALL_STATES: readonly AskedState[] = ['draft', 'issued'];
/** Who gets the incoming documents (văn bản đến): clerks, signers, reviewers. */
const INCOMING: Role[] = ['clerk', 'signer', 'reviewer'];
/** A correction item whose "Đã in là" the issued plan does not print. */
const NOT_IN_THE_PLAN = { where: 'Mục I', wrong: 'đoạn chữ không có trong kế hoạch', right: 'đoạn chữ khác' };
/** A transition no person may send (system only): refused (409) for readers, after deciding who may read. */
const REFUSED_EVENT = { type: 'NUMBERED' };

/** Every route: `METHOD path` as Express registers it. */
export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  // ---- public ----
  'GET /health': { rule: open() },
  'GET /health/ready': { rule: open() },
  'GET /login': { rule: open() },
  // A bearer request skips the form's CSRF check and is a failed sign-in (429 once the address failed often).
  'POST /login': { rule: (c) => (c.persona.kind === 'anonymous' ? 403 : [401, 429]), body: {} },
  'POST /api/auth/login': { rule: open(422), body: {} },
  'GET /document.css': { rule: open() },
  'GET /metrics': { rule: open(404) },
  'GET /api/docs': { rule: open() },
  'GET /api/docs-json': { rule: open() },
  // The public verification page of the issued plan (no session; an upload without a file is 422).
  'GET /v/:code': { rule: open(), params: { code: 'verificationCode' } },
  'GET /v/:code/pdf': { rule: open(), params: { code: 'verificationCode' } },
  'POST /v/:code': { rule: open(422), params: { code: 'verificationCode' }, body: {} },

  // ---- one's own session ----
  'POST /api/auth/logout': { rule: signedIn(204) },
  'GET /api/auth/me': { rule: signedIn() },
  'POST /api/auth/password': { rule: signedIn(422), body: {} },
  'POST /logout': { rule: signedIn(303) },
  'GET /account/password': { rule: signedIn() },
  'POST /account/password': { rule: signedIn(422), body: {} },
  'GET /account/signature': { rule: signedIn() },
  'POST /account/signature/:id': { rule: signatureKeepers(422), params: { id: 'authority' }, body: {} },
  'GET /': { rule: signedIn() },
  'GET /api/inbox': { rule: signedIn() },
  'GET /api/inbox/unread-count': { rule: signedIn() },
  'POST /api/inbox/read': { rule: signedIn(422), body: {} },
  'POST /api/inbox/:id/read': { rule: nobody(404) },
  'GET /api/notifications': { rule: signedIn() },
  'POST /api/notifications/:id/read': { rule: nobody(404) },
  'GET /api/incoming-notifications': { rule: signedIn() },
  'POST /api/incoming-notifications/:id/read': { rule: nobody(404) },
  'GET /api/cascade/notices': { rule: signedIn() },
  'POST /api/cascade/notices/read': { rule: signedIn(422), body: {} },
  'POST /inbox/read-all': { rule: signedIn(303) },
  'POST /inbox/:id/read': { rule: nobody(404) },

  // ---- plans (API) ----
  'GET /api/plans': { rule: signedIn() },
  'POST /api/plans': { rule: withRole(['drafter'], 422), body: {} },
  'POST /api/plans/import.json': { rule: withRole(['drafter'], 422), body: {} },
  'POST /api/plans/import': { rule: withRole(['drafter'], 422), body: {} },
  'GET /api/plans/:id': { rule: planReaders(200, 200), states: ALL_STATES },
  'PUT /api/plans/:id/content': { rule: withRole(['drafter'], 422), states: ['draft'], body: { baseVersion: 0, content: {} } },
  'GET /api/plans/:id/versions': { rule: planReaders(200, 200), states: ALL_STATES },
  'GET /api/plans/:id/versions/:n': { rule: planReaders(200, 200), states: ALL_STATES, params: { n: '1' } },
  'GET /api/plans/:id/diff': { rule: planReaders(200), states: ['draft'], query: 'from=1&to=1' },
  'GET /api/plans/:id/check': { rule: planReaders(), states: ALL_STATES },
  'GET /api/plans/:id/export.json': { rule: planReaders(), states: ALL_STATES },
  'GET /api/plans/:id/export.docx': { rule: planReaders(), states: ['draft'] },
  'GET /api/plans/:id/import-report': { rule: planReaders(404), states: ['draft'] },
  'POST /api/plans/:id/events': { rule: planReaders(409, 409), states: PLAN_STATES_ASKED, body: REFUSED_EVENT },
  'POST /api/plans/:id/replacement': { rule: planReplacers(409), states: ['draft', 'review'], body: {} },
  'GET /api/plans/:id/allowed-events': { rule: planReaders(200, 200), states: ALL_STATES },
  'GET /api/plans/:id/workflow': { rule: planReaders(200, 200), states: ALL_STATES },
  'GET /api/plans/:id/history': { rule: planReaders(), states: ALL_STATES },
  'GET /api/plans/:id/comments': { rule: planReaders(200, 200), states: ALL_STATES },
  // A Chromium render per reader: asked in draft here; the recipient's refusal is in need-to-know.e2e-spec.ts.
  'GET /api/plans/:id/preview.pdf': { rule: planReaders(), states: ['draft'] },
  'GET /api/plans/:id/pdf': { rule: planReaders(200, 200), states: ['issued'] },
  // The signer's signed document: readers of the whole plan (404 until the signer has signed).
  'GET /api/plans/:id/signed.pdf': { rule: planReaders(404, 403), states: ALL_STATES },
  // What SIGN will sign: only a person who may sign it now (nobody while in review).
  'GET /api/plans/:id/signing.pdf': { rule: planReaders(403, 403), states: ['review'] },
  // The clerk's desk: clerks only; one plan there only for a clerk of its organization (an unknown id: 404).
  'GET /api/issuance/desk': { rule: withRole(['clerk']) },
  // A signer imports their own PKCS#12 (multipart): anyone signed in reaches the service, which refuses an empty upload.
  'POST /api/signing-certificates': { rule: signedIn(422), body: {} },
  'GET /api/issuance/desk/:planId': { rule: nobody(404, ['clerk']) },
  'GET /api/plans/:id/deliveries': { rule: planReaders(200, 403), states: ['issued'] },
  'GET /api/plans/:id/edxml': { rule: planReaders(200, 200), states: ['issued'] },
  'GET /api/plans/:id/tree': { rule: planReaders(200, 200), states: ['issued'] },
  'GET /api/plans/:id/parent': { rule: planReaders(404, 404), states: ['issued'] },
  'GET /api/plans/:id/children': { rule: planReaders(200, 200), states: ['issued'] },
  // Đính chính: a text the issued plan does not hold is refused (422) once the service knows who asks; nothing is written.
  'POST /api/plans/:id/corrections': { rule: planCorrectors(422), states: ['issued'], body: { items: [NOT_IN_THE_PLAN] } },
  'GET /api/plans/:id/corrections': { rule: planReaders(200, 200), states: ALL_STATES },
  'POST /api/plans/:id/reports': { rule: signedIn(422), states: ['issued'], body: {} },
  'GET /api/plans/:id/reports': { rule: planReaders(200, 200), states: ['issued'] },
  'GET /api/plans/:id/reports/:reportId/attachments/:attachmentId': { rule: planReaders(404, 404), states: ['issued'] },
  'GET /api/plans/:id/report-matrix': { rule: planReaders(200, 403), states: ['issued'] },
  'GET /api/cascade/report-duties': { rule: signedIn() },

  // ---- workflow settings, authorities ----
  'GET /api/organizations/:id/review-chain': { rule: signedIn() },
  'PUT /api/organizations/:id/review-chain': { rule: withRole(['admin'], 422), body: { steps: [] } },
  'POST /api/authorities/:id/delegations': { rule: signedIn(422), body: {} },
  'GET /api/authorities': { rule: signedIn() },
  'POST /api/authorities': { rule: withRole(['admin'], 422), body: {} },
  'DELETE /api/authorities/:id': { rule: nobody(404, ['admin']) },
  // Pictures printed on issued documents (no file sent: 422 once allowed; none put up in the fixture: 404 once allowed).
  'PUT /api/authorities/:id/signature-image': { rule: signatureKeepers(422), params: { id: 'authority' }, body: {} },
  'GET /api/authorities/:id/signature-image': { rule: signatureKeepers(404), params: { id: 'authority' } },
  'PUT /api/organizations/:id/seal-image': { rule: administrators(422), body: {} },
  'GET /api/organizations/:id/seal-image': { rule: sealKeepers(404) },

  // ---- organizations, users ----
  'GET /api/organizations': { rule: signedIn() },
  'GET /api/organizations/:id': { rule: signedIn() },
  'POST /api/organizations': { rule: withRole(['admin'], 422), body: {} },
  'PATCH /api/organizations/:id': { rule: administrators(200), body: {} },
  'DELETE /api/organizations/:id': { rule: organizationRemovers },
  'GET /api/users': { rule: withRole(['admin']) },
  'GET /api/users/:id': { rule: administrators(200, 404) },
  'POST /api/users': { rule: withRole(['admin'], 422), body: {} },
  'PATCH /api/users/:id': { rule: administrators(200), body: {} },
  'PUT /api/users/:id/memberships': { rule: withRole(['admin'], 422), body: {} },
  'PUT /api/users/:id/installation-admin': { rule: withRole(['admin'], 422), body: {} },

  // ---- audit ----
  'GET /api/audit/verify': { rule: withRole(['auditor']) },
  'GET /api/audit/organizations/:id': { rule: auditors() },

  // ---- registers, distribution ----
  'GET /api/registers/outgoing': { rule: registerKeepers(), query: 'org=bcd-duk' },
  'GET /api/registers/outgoing.csv': { rule: registerKeepers(), query: 'org=bcd-duk' },
  'GET /api/registers': { rule: registerKeepers(), query: 'org=bcd-duk' },
  'POST /api/registers': { rule: withRole(['admin'], 422), body: {} },
  'GET /api/registers/terms': { rule: organizationReaders(), query: 'org=bcd-duk' },
  'POST /api/registers/terms': { rule: withRole(['admin'], 422), body: {} },
  'POST /api/deliveries/:id/resend': { rule: nobody(404, ['clerk']) },
  'GET /api/incoming': { rule: withRole(INCOMING) },
  'GET /api/incoming/:id': { rule: nobody(404, INCOMING) },
  'POST /api/incoming/:id/acknowledge': { rule: nobody(404, INCOMING) },
  'POST /api/incoming/:id/acknowledge-revocation': { rule: nobody(404, INCOMING) },
  'POST /api/incoming/:id/status': { rule: nobody(422, INCOMING), body: {} },

  // ---- web: plans ----
  'GET /plans': { rule: signedIn() },
  'GET /plans/new': { rule: withRole(['drafter']) },
  'POST /plans/new': { rule: withRole(['drafter'], 303), body: {} },
  'GET /import': { rule: withRole(['drafter']) },
  'POST /import': { rule: withRole(['drafter'], 422), body: {} },
  'GET /plans/:id': { rule: planReaders(200, 200), states: ALL_STATES },
  'GET /plans/:id/edit': { rule: planReaders(200), states: ['draft'] },
  'POST /plans/:id/edit': { rule: planDrafters(409), states: ['draft'], body: {} },
  'POST /plans/:id/replacement': { rule: planReplacers(409), states: ['draft', 'review'], body: {} },
  'GET /plans/:id/versions': { rule: planReaders(200, 200), states: ALL_STATES },
  'GET /plans/:id/check': { rule: planReaders(), states: ['draft'] },
  'POST /plans/:id/events': { rule: planReaders(303, 303), states: ['draft'], body: REFUSED_EVENT },
  'GET /plans/:id/review': { rule: planReaders(), states: ['review'] },
  'GET /plans/:id/sign': { rule: planReaders(), states: ['review'] },
  'GET /plans/:id/progress': { rule: planReaders(200, 200), states: ['issued'] },
  // The desk page of one plan: a clerk of the plan's organization (409 while the plan is not at the desk); its other readers 403, strangers 404.
  'GET /plans/:id/issue': {
    rule: (c, web, write) => (member(c, ['clerk'], ['own']) ? 409 : planReaders(403, 403)(c, web, write)),
    states: ['review'],
  },
  'GET /plans/:id/consult': { rule: planReaders(200, 200), states: ['draft'] },
  'GET /plans/:id/history': { rule: planReaders(), states: ALL_STATES },
  'GET /plans/:id/history.csv': { rule: planReaders(), states: ['issued'] },
  'GET /plans/:id/history.json': { rule: planReaders(), states: ['issued'] },
  'GET /plans/:id/cascade': { rule: planReaders(200, 200), states: ['issued'] },
  'GET /plans/:id/distribution': { rule: planReaders(200, 403), states: ['issued'] },
  'POST /plans/:id/distribution/:deliveryId/resend': { rule: nobody(404, ['clerk']), states: ['issued'] },
  'GET /plans/:id/reports/new': { rule: signedIn(), states: ['issued'] },
  'POST /plans/:id/reports': { rule: signedIn(422), states: ['issued'], body: {} },
  // Đính chính: the form and its post, for the drafters and signers of the issuing organization (an empty form is 422).
  'GET /plans/:id/corrections/new': { rule: planCorrectors(200), states: ['issued'] },
  'POST /plans/:id/corrections': { rule: planCorrectors(422), states: ['issued'], body: {} },

  // ---- web: audit, registers, incoming, administration, demo mail ----
  'GET /audit': { rule: withRole(['auditor']) },
  'GET /register': { rule: withRole(['clerk', 'auditor', 'admin']) },
  'GET /admin/registers': { rule: withRole(['admin']) },
  'POST /admin/registers': { rule: withRole(['admin'], 422), body: {} },
  'POST /admin/registers/terms': { rule: withRole(['admin'], 422), body: {} },
  'POST /admin/registers/chain': { rule: withRole(['admin'], 422), body: {} },
  'GET /incoming': { rule: withRole(INCOMING) },
  'POST /incoming/:id/acknowledge': { rule: nobody(404, INCOMING) },
  'POST /incoming/:id/acknowledge-revocation': { rule: nobody(404, INCOMING) },
  'POST /incoming/:id/status': { rule: nobody(303, INCOMING) },
  'GET /admin/organizations': { rule: withRole(['admin']) },
  'GET /admin/organizations/new': { rule: withRole(['admin']) },
  'POST /admin/organizations/new': { rule: withRole(['admin'], 422), body: {} },
  'GET /admin/organizations/:id': { rule: administrators() },
  'POST /admin/organizations/:id': { rule: administrators(422), body: {} },
  'POST /admin/organizations/:id/seal-image': { rule: administrators(422), body: {} },
  'GET /admin/users': { rule: withRole(['admin']) },
  'GET /admin/users/new': { rule: withRole(['admin']) },
  'POST /admin/users/new': { rule: withRole(['admin'], 422), body: {} },
  'GET /admin/users/:id': { rule: administrators(200, 404) },
  'POST /admin/users/:id': { rule: administrators(422, 404), body: {} },
  'POST /admin/users/:id/memberships': { rule: administrators(422, 404), body: { 'new.organizationId': 'khong-phai-ma', 'new.roles': 'drafter' } },
  'GET /admin/authorities': { rule: withRole(['admin']) },
  'POST /admin/authorities': { rule: withRole(['admin'], 422), body: {} },
  'POST /admin/authorities/:id/delete': { rule: nobody(404, ['admin']) },
  'POST /admin/authorities/:id/signature-image': { rule: administrators(422), params: { id: 'authority' }, body: {} },
  'GET /demo-mail': { rule: withRole(['admin'], 404) },
  'GET /demo-mail/:id': { rule: nobody(404, ['admin']) },
  'GET /demo-mail/:id/attachments/:index': { rule: nobody(404, ['admin']), params: { index: '0' } },
};

/** Routes the framework registers that are not the application's (the API explorer's files, the 404 fallback). */
export const NOT_APPLICATION_ROUTES = [/^GET \/api\/docs\//, /^GET \/api\/docs-yaml$/, /^[A-Z-]+ \/\*path$/];
