import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { SsoConfigResponse, SsoErrorCode } from '@kpi/contracts';
import * as oidc from 'openid-client';
import { AppConfig, SsoSettings } from '../../../config/app-config.service';
import { isLoopbackHost } from '../../../config/env.schema';
import { AuditService } from '../../audit/audit.service';
import { AuthService, IssuedSession } from '../auth.service';
import { UsersRepository } from '../users.repository';
import { SsoAccountsRepository, SsoIdentity } from './sso-accounts.repository';
import { openLoginState, sealLoginState, SsoLoginState } from './sso-login-state';
import { groupsFromClaims, roleForGroups, SsoRole } from './sso-role-map';

/** How long a sign-in may spend at the identity provider. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/** A refused single sign-on: `code` goes to the sign-in page, `reason` to the audit trail and the log. */
export class SsoSignInError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly reason: string,
    readonly email: string | null = null,
  ) {
    super(reason);
  }
}

export interface SsoRequestContext {
  ip: string | null;
  userAgent: string | null;
}

type Claims = Record<string, unknown>;

/**
 * Single sign-on through OpenID Connect (authorization code flow with PKCE, state and nonce; openid-client does
 * the protocol). Users are created on their first sign-in with the role their groups map to, kept in step with
 * it afterwards, and get the same session as after a password sign-in.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly accounts: SsoAccountsRepository,
    private readonly audit: AuditService,
  ) {}

  publicConfig(): SsoConfigResponse {
    const settings = this.config.sso;
    return { enabled: settings !== null, label: settings?.displayName ?? null };
  }

  /** The identity provider's authorization URL and the sealed state for the cookie. */
  async start(requestOrigin: string, returnUrl: string | undefined): Promise<{ authorizationUrl: URL; sealedState: string }> {
    const settings = this.requireSettings();
    const oidcConfig = await this.oidcConfiguration(settings);
    const loginState: SsoLoginState = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      redirectUri: settings.redirectUrl ?? new URL(SSO_CALLBACK_PATH, requestOrigin).href,
      returnUrl: safeReturnPath(returnUrl),
      expiresAt: Date.now() + SSO_LOGIN_TTL_MS,
    };
    const authorizationUrl = oidc.buildAuthorizationUrl(oidcConfig, {
      redirect_uri: loginState.redirectUri,
      scope: settings.scopes,
      state: loginState.state,
      nonce: loginState.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(loginState.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl, sealedState: sealLoginState(loginState, this.stateKey()) };
  }

  /**
   * Finishes a sign-in from the identity provider's redirect (`query` = the callback's raw query string):
   * checks it, provisions or updates the user and issues a session. Every outcome is audited.
   */
  async complete(
    query: string,
    sealedState: string | undefined,
    context: SsoRequestContext,
  ): Promise<{ issued: IssuedSession; returnUrl: string }> {
    const settings = this.requireSettings();
    let email: string | null = null;
    try {
      const loginState = openLoginState(sealedState, this.stateKey(), Date.now());
      if (!loginState) throw new SsoSignInError('expired', 'no valid sign-in attempt in this browser (missing, altered or expired state cookie)');
      const claims = await this.verifiedClaims(settings, query, loginState);
      email = typeof claims['email'] === 'string' ? claims['email'].trim().toLowerCase() : null;
      const groups = groupsFromClaims(claims, settings.groupsClaim);
      if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new SsoSignInError('no_email', 'the identity provider sent no email address');
      if (claims['email_verified'] === false) throw new SsoSignInError('no_email', 'the email address is not verified at the identity provider', email);
      const role = roleForGroups(groups, settings.roleMap, settings.defaultRole);
      if (!role) {
        throw new SsoSignInError('no_role', `none of the groups in claim "${settings.groupsClaim}" maps to a role (groups: ${groups.join(', ') || 'none'})`, email);
      }
      const identity: SsoIdentity = { issuer: String(claims['iss']), subject: String(claims['sub']) };
      const userId = await this.provision(identity, email, displayNameOf(claims, email), role, context);
      const user = await this.users.findActiveById(userId);
      if (!user) throw new SsoSignInError('disabled', 'the account is disabled', email);
      const issued = await this.auth.issueFor(user, context.userAgent ?? undefined);
      await this.audit.record({
        action: 'auth.sign_in',
        actorUserId: user.id,
        actorLabel: email,
        resourceType: 'user',
        resourceId: user.id,
        details: { method: 'sso', role, groups },
        ip: context.ip,
        userAgent: context.userAgent,
      });
      return { issued, returnUrl: loginState.returnUrl };
    } catch (error) {
      const refusal = error instanceof SsoSignInError ? error : new SsoSignInError('invalid', describe(error), email);
      if (!(error instanceof SsoSignInError)) this.logger.warn(`single sign-on failed: ${refusal.reason}`);
      await this.audit.record({
        action: 'auth.sign_in_failed',
        outcome: outcomeOf(refusal.code),
        actorLabel: refusal.email ?? email,
        resourceType: 'user',
        details: { method: 'sso', code: refusal.code, reason: refusal.reason },
        ip: context.ip,
        userAgent: context.userAgent,
      });
      throw refusal;
    }
  }

  /** Audits a sign-in that could not even be started (identity provider unreachable). */
  async recordStartFailure(error: unknown, context: SsoRequestContext): Promise<void> {
    await this.audit.record({
      action: 'auth.sign_in_failed',
      outcome: 'error:503',
      resourceType: 'user',
      details: { method: 'sso', code: 'unavailable', reason: describe(error) },
      ip: context.ip,
      userAgent: context.userAgent,
    });
  }

  /** Exchanges the code (PKCE, state and nonce checked) and returns the ID token's claims, completed from userinfo. */
  private async verifiedClaims(settings: SsoSettings, query: string, loginState: SsoLoginState): Promise<Claims> {
    const params = new URLSearchParams(query);
    const idpError = params.get('error');
    if (idpError) {
      const description = params.get('error_description');
      throw new SsoSignInError('denied', `the identity provider answered ${idpError}${description ? `: ${description}` : ''}`);
    }
    if (params.get('state') !== loginState.state) throw new SsoSignInError('invalid', 'state mismatch: the answer does not belong to this sign-in attempt');
    const oidcConfig = await this.oidcConfiguration(settings);
    const callbackUrl = new URL(loginState.redirectUri);
    callbackUrl.search = params.toString();
    const tokens = await oidc.authorizationCodeGrant(oidcConfig, callbackUrl, {
      pkceCodeVerifier: loginState.codeVerifier,
      expectedState: loginState.state,
      expectedNonce: loginState.nonce,
      idTokenExpected: true,
    });
    const idToken: Claims = { ...tokens.claims() };
    // Many identity providers put email and groups in userinfo only (e.g. when the ID token is kept small).
    if (typeof idToken['email'] !== 'string' || groupsFromClaims(idToken, settings.groupsClaim).length === 0) {
      try {
        const userInfo: Claims = { ...(await oidc.fetchUserInfo(oidcConfig, tokens.access_token, String(idToken['sub']))) };
        const idTokenGroups = groupsFromClaims(idToken, settings.groupsClaim);
        const groups = idTokenGroups.length > 0 ? idTokenGroups : groupsFromClaims(userInfo, settings.groupsClaim);
        return { ...userInfo, ...idToken, [settings.groupsClaim]: groups };
      } catch (error) {
        this.logger.warn(`single sign-on: userinfo failed, using the ID token alone: ${describe(error)}`);
      }
    }
    return idToken;
  }

  /** Creates the user on first sign-in, links an existing account by email, and moves the role with the groups. */
  private async provision(identity: SsoIdentity, email: string, displayName: string, role: SsoRole, context: SsoRequestContext): Promise<string> {
    let account = await this.accounts.find(identity, email);
    if (!account) {
      const createdId = await this.accounts.create({ email, displayName, role }, identity);
      if (createdId) {
        await this.audit.record({
          action: 'user.sso_provisioned',
          actorUserId: createdId,
          actorLabel: email,
          resourceType: 'user',
          resourceId: createdId,
          after: await this.audit.snapshot('user', createdId),
          ip: context.ip,
          userAgent: context.userAgent,
        });
        return createdId;
      }
      account = await this.accounts.find(identity, email); // created concurrently by a parallel sign-in
      if (!account) throw new SsoSignInError('invalid', 'the account could not be created', email);
    }
    if (account.disabled) throw new SsoSignInError('disabled', 'the account is disabled', email);
    if (account.role === 'provider') throw new SsoSignInError('provider_account', 'provider accounts sign in with their password, not single sign-on', email);
    const linkedElsewhere = account.ssoSubject !== null && (account.ssoIssuer !== identity.issuer || account.ssoSubject !== identity.subject);
    if (linkedElsewhere) throw new SsoSignInError('invalid', 'the account with this email is linked to another identity at the identity provider', email);
    if (account.ssoSubject === null) await this.accounts.link(account.id, identity);
    if (account.role !== role) {
      const before = await this.audit.snapshot('user', account.id);
      await this.accounts.changeRole(account.id, role);
      await this.audit.record({
        action: 'user.sso_role_changed',
        actorUserId: account.id,
        actorLabel: email,
        resourceType: 'user',
        resourceId: account.id,
        before,
        after: await this.audit.snapshot('user', account.id),
        details: { from: account.role, to: role },
        ip: context.ip,
        userAgent: context.userAgent,
      });
    }
    return account.id;
  }

  private requireSettings(): SsoSettings {
    const settings = this.config.sso;
    if (!settings) throw new NotFoundException('Single sign-on is not configured (OIDC_ISSUER_URL is not set)');
    return settings;
  }

  /** Discovered once; a failed discovery is retried on the next sign-in. */
  private oidcConfiguration(settings: SsoSettings): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(settings.issuerUrl);
      // Plain http only for an identity provider on this machine (env.schema refuses it elsewhere).
      const execute = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) ? [oidc.allowInsecureRequests] : [];
      this.discovered = oidc
        .discovery(
          issuer,
          settings.clientId,
          undefined,
          settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
          { execute, timeout: 10 },
        )
        .catch((error: unknown) => {
          this.discovered = null;
          throw new SsoSignInError('unavailable', `identity provider ${settings.issuerUrl} unreachable: ${describe(error)}`);
        });
    }
    return this.discovered;
  }

  private stateKey(): string {
    return this.config.jwtSecret;
  }
}

/** A path of this site to go to after signing in; anything else (another site, `//host`) becomes `/`. */
export function safeReturnPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value.slice(0, 500) : '/';
}

/** The audit outcome of a refusal, as the status a plain api call would have had. */
function outcomeOf(code: SsoErrorCode): string {
  if (code === 'unavailable') return 'error:503';
  if (code === 'no_role' || code === 'disabled' || code === 'provider_account') return 'error:403';
  return 'error:401';
}

function displayNameOf(claims: Claims, email: string): string {
  const name = [claims['name'], [claims['given_name'], claims['family_name']].filter((part) => typeof part === 'string').join(' ')]
    .find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
  return (name ?? email.split('@')[0]).trim().slice(0, 160);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
