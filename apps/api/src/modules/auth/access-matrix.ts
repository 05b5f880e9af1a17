import { ROLES, type Role } from '@kpi/contracts';
import { actorSideForRole, ESCALATION_TRANSITIONS, type EscalationActionType } from '@kpi/domain';

/** The global route prefix; bootstrap.ts sets it, and matrix keys include it. */
export const API_PREFIX = 'api';

/**
 * Who may call a route: anyone ('public'), a provider system with its X-Api-Key ('api-key'), or signed-in
 * people with one of the listed roles.
 */
export type AccessAllowance = 'public' | 'api-key' | readonly Role[];

export interface AccessRule {
  readonly allow: AccessAllowance;
  /**
   * The route acts on one provider's data named by the request (a provider id, or the id of a feed, run,
   * contract, escalation, ... of that provider). The service checks it with the caller's ProviderScope,
   * so a signed-in caller outside that provider gets 404 (never 403: nothing is revealed about what exists).
   */
  readonly providerScoped?: boolean;
}

/** `'METHOD /api/path/:param'`, exactly as Express registers the route. */
export type RouteKey = string;

const EVERYONE: readonly Role[] = ROLES;
const ADMINS: readonly Role[] = ['admin'];
/** The client's people who change governance data; executives are read-only, provider staff never manage it. */
const CLIENT_EDITORS: readonly Role[] = ['admin', 'account_manager'];
/** Client staff who may produce a quarterly review pack (a read-only export). */
const CLIENT_STAFF: readonly Role[] = ['admin', 'account_manager', 'executive'];

const everyone = (providerScoped = false): AccessRule => ({ allow: EVERYONE, providerScoped });
const admins = (): AccessRule => ({ allow: ADMINS });
const editors = (providerScoped = false): AccessRule => ({ allow: CLIENT_EDITORS, providerScoped });
const PUBLIC: AccessRule = { allow: 'public' };

/** The roles whose side of the escalation workflow may take this action (the state machine in @kpi/domain). */
function escalationActors(action: EscalationActionType): AccessRule {
  const actors = ESCALATION_TRANSITIONS[action].actors;
  return { allow: ROLES.filter((role) => actors.includes(actorSideForRole(role))), providerScoped: true };
}

/**
 * The role x endpoint matrix: every api route and who may call it. The global AuthGuard enforces it (a route
 * missing here is refused), and tests/integration/authorization-matrix.integration.spec.ts calls every route
 * as every kind of caller against it. A new route needs an entry here.
 */
export const ACCESS_MATRIX: Readonly<Record<RouteKey, AccessRule>> = {
  // Sign-in and operations.
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/refresh': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': everyone(),
  'POST /api/auth/password': everyone(),
  'GET /api/auth/sso/config': PUBLIC,
  'GET /api/auth/sso/login': PUBLIC,
  'GET /api/auth/sso/callback': PUBLIC,
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  // What open dashboards poll (scoped to the caller's providers in the query itself).
  'GET /api/live/changes': everyone(),

  // Administration.
  'GET /api/admin/users': admins(),
  'POST /api/admin/users': admins(),
  'PATCH /api/admin/users/:id': admins(),
  'POST /api/admin/users/:id/password': admins(),
  'GET /api/admin/audit': admins(),
  'GET /api/admin/audit/export': admins(),
  'GET /api/admin/audit/verify': admins(),
  'GET /api/providers/:providerId/access-log': editors(true),
  'POST /api/admin/feed-credentials/reseal': admins(),
  // Data protection: retention, erasure of one QA agent, provider export.
  'GET /api/admin/retention': admins(),
  'POST /api/admin/retention/purge': admins(),
  'POST /api/admin/providers/:providerId/agents/erase': admins(),
  'GET /api/admin/providers/:providerId/export': admins(),

  // Providers, KPI catalog and trends.
  'GET /api/portfolio/overview': everyone(),
  'GET /api/providers': everyone(),
  'GET /api/providers/:id': everyone(true),
  'GET /api/kpis': everyone(),
  'GET /api/kpis/:code': everyone(),
  'POST /api/kpis': admins(),
  'PUT /api/kpis/:code': admins(),
  'DELETE /api/kpis/:code': admins(),
  'GET /api/providers/:providerId/kpis/:kpiCode/trend': everyone(true),
  'GET /api/metrics/rollup': everyone(),

  // SLA contracts and performance.
  'GET /api/sla/contracts': everyone(),
  'POST /api/sla/contracts': editors(true),
  'GET /api/sla/contracts/:contractId': everyone(true),
  'PATCH /api/sla/contracts/:contractId': editors(true),
  'DELETE /api/sla/contracts/:contractId': admins(),
  'POST /api/sla/contracts/:contractId/versions': editors(true),
  'PATCH /api/sla/contracts/:contractId/versions/:versionId': editors(true),
  'DELETE /api/sla/contracts/:contractId/versions/:versionId': editors(true),
  'POST /api/sla/contracts/:contractId/versions/:versionId/service-levels': editors(true),
  'PUT /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': editors(true),
  'DELETE /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': editors(true),
  'POST /api/sla/contracts/:contractId/exclusions': editors(true),
  'PATCH /api/sla/contracts/:contractId/exclusions/:exclusionId': editors(true),
  'DELETE /api/sla/contracts/:contractId/exclusions/:exclusionId': editors(true),
  'POST /api/sla/contracts/:contractId/exclusions/:exclusionId/approve': editors(true),
  'GET /api/providers/:providerId/sla/attainment': everyone(true),
  'GET /api/providers/:providerId/sla/burn-rate': everyone(true),
  'GET /api/providers/:providerId/sla/credits': everyone(true),
  'GET /api/providers/:providerId/scorecard': everyone(true),
  'GET /api/providers/:providerId/site-comparison': everyone(true),
  'GET /api/scorecards': everyone(),
  'GET /api/scorecard-weights': everyone(),
  'PUT /api/scorecard-weights': admins(),

  // Drift.
  'GET /api/drift/events': everyone(),
  'GET /api/drift/events/:id': everyone(true),
  'GET /api/providers/:providerId/kpis/:kpiCode/drift-overlay': everyone(true),
  'POST /api/drift/evaluations': admins(),
  'GET /api/drift/settings': admins(),
  'PUT /api/drift/settings/:kpiCode': admins(),
  'DELETE /api/drift/settings/:kpiCode': admins(),
  'PUT /api/drift/settings/:kpiCode/providers/:providerId': admins(),
  'DELETE /api/drift/settings/:kpiCode/providers/:providerId': admins(),

  // Escalations: the workflow actions follow the escalation state machine's actors.
  'GET /api/escalations': everyone(),
  'POST /api/escalations': editors(true),
  'GET /api/escalations/responsiveness': everyone(),
  'GET /api/escalations/matrix': everyone(),
  'GET /api/escalations/matrix/:providerId': everyone(true),
  'PUT /api/escalations/matrix/:providerId': editors(true),
  'GET /api/escalations/:id': everyone(true),
  'POST /api/escalations/:id/acknowledge': escalationActors('acknowledge'),
  'POST /api/escalations/:id/action-plan': escalationActors('propose_action_plan'),
  'POST /api/escalations/:id/action-plan/agree': escalationActors('agree_action_plan'),
  'POST /api/escalations/:id/resolve': escalationActors('resolve'),
  'POST /api/escalations/:id/close': escalationActors('close'),
  'POST /api/escalations/:id/reopen': escalationActors('reopen'),
  'POST /api/escalations/:id/comments': escalationActors('comment'),
  'POST /api/escalations/:id/escalate': escalationActors('escalate'),
  'POST /api/escalations/:id/assign': escalationActors('assign'),

  // Notifications: each person's own settings, subscriptions and mail (the services narrow to the caller).
  'GET /api/notifications/settings': everyone(),
  'PUT /api/notifications/settings': everyone(),
  'GET /api/notifications/subscriptions': everyone(),
  'POST /api/notifications/subscriptions': everyone(),
  'PUT /api/notifications/subscriptions/:id': everyone(),
  'DELETE /api/notifications/subscriptions/:id': everyone(),
  'POST /api/notifications/subscriptions/:id/send-digest': everyone(),
  'GET /api/notifications/mute-windows': everyone(),
  'POST /api/notifications/mute-windows': everyone(),
  'DELETE /api/notifications/mute-windows/:id': everyone(),
  'GET /api/notifications/outbox': everyone(),
  'POST /api/notifications/outbox/:id/retry': editors(),
  'GET /api/notifications/mailbox/status': everyone(),
  'GET /api/notifications/mailbox': everyone(),
  'GET /api/notifications/mailbox/:id': everyone(),
  // The link in every email carries its own signed token.
  'GET /api/notifications/unsubscribe': PUBLIC,
  'POST /api/notifications/unsubscribe': PUBLIC,

  // Reports.
  'GET /api/providers/:providerId/quarterly-commentary': everyone(true),
  'PUT /api/providers/:providerId/quarterly-commentary': editors(true),
  // The provider is optional here: without one the pack covers every provider the caller sees.
  'POST /api/reports': { allow: CLIENT_STAFF },
  'GET /api/reports': everyone(),
  'GET /api/reports/:id': everyone(true),
  'GET /api/reports/:id/download': everyone(true),

  // Ingestion: feeds and keys are managed by the client; provider staff see their own runs and feeds.
  'GET /api/ingestion/feeds': everyone(),
  'POST /api/ingestion/feeds': editors(true),
  'GET /api/ingestion/feeds/:id': everyone(true),
  'PATCH /api/ingestion/feeds/:id': editors(true),
  'DELETE /api/ingestion/feeds/:id': editors(true),
  'POST /api/ingestion/feeds/:id/run': editors(true),
  'POST /api/ingestion/feeds/:id/backfill': editors(true),
  'POST /api/ingestion/feeds/:id/preview': editors(true),
  'POST /api/ingestion/feeds/:id/upload': editors(true),
  'GET /api/ingestion/providers/:providerId/restatements': everyone(true),
  'GET /api/ingestion/providers/:providerId/api-keys': editors(true),
  'POST /api/ingestion/providers/:providerId/api-keys': editors(true),
  'POST /api/ingestion/providers/:providerId/api-keys/:keyId/rotate': editors(true),
  'DELETE /api/ingestion/providers/:providerId/api-keys/:keyId': editors(true),
  'GET /api/ingestion/runs': everyone(),
  'GET /api/ingestion/runs/:id': everyone(true),
  'POST /api/ingestion/runs/:id/resubmit': editors(true),
  'GET /api/ingestion/stale-feeds': everyone(),
  // Provider systems push with their key; IngestionRequestsService keeps each key to its own provider.
  'POST /api/ingest/push': { allow: 'api-key' },
  'GET /api/ingest/runs/:id': { allow: 'api-key', providerScoped: true },
  // The simulated provider endpoint of the demo checks its own demo token (404 unless demo data is seeded).
  'GET /api/demo-provider/:code/observations': PUBLIC,
};

/** Normalises a route to its matrix key: `routeKey('GET', 'api', 'providers', ':id')` is `'GET /api/providers/:id'`. */
export function routeKey(method: string, ...pathParts: readonly string[]): RouteKey {
  const segments = pathParts.flatMap((part) => part.split('/')).filter((segment) => segment.length > 0);
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

/**
 * The one rule for a handler that is registered under `keys` (usually one). Undefined, i.e. refused, when any
 * of its keys is missing from the matrix or its keys disagree: access is never guessed.
 */
export function accessRuleFor(matrix: Readonly<Record<RouteKey, AccessRule>>, keys: readonly RouteKey[]): AccessRule | undefined {
  const [first, ...others] = keys.map((key) => (Object.prototype.hasOwnProperty.call(matrix, key) ? matrix[key] : undefined));
  if (!first) return undefined;
  const same = (rule: AccessRule | undefined) =>
    rule !== undefined && sameAllowance(rule.allow, first.allow) && !rule.providerScoped === !first.providerScoped;
  return others.every(same) ? first : undefined;
}

/** Who is calling: a signed-in person, a provider system presenting its API key, or nobody we know. */
export type Caller = { readonly kind: 'user'; readonly role: Role } | { readonly kind: 'api-key' } | null;

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/** Allow, 401 (no valid credential) or 403 (a credential this route does not accept). */
export function decideAccess(rule: AccessRule, caller: Caller): AccessDecision {
  if (rule.allow === 'public') return 'allow';
  if (!caller) return 'unauthenticated';
  if (rule.allow === 'api-key') return caller.kind === 'api-key' ? 'allow' : 'forbidden';
  return caller.kind === 'user' && rule.allow.includes(caller.role) ? 'allow' : 'forbidden';
}

function sameAllowance(a: AccessAllowance, b: AccessAllowance): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((role) => b.includes(role));
}
