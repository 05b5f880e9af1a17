import { generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

/** A person at the test identity provider; `sub` is also the login name typed on its sign-in form. */
export interface OidcTestAccount {
  sub: string;
  email: string;
  name: string;
  groups: string[];
}

export interface OidcTestProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts: OidcTestAccount[];
}

export interface OidcTestProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Where the provider sends the browser to sign in: `/interaction/<uid>`; the form posts to `/interaction/<uid>/login`. */
const INTERACTION_PATH = /^\/interaction\/([\w-]+)(\/login)?$/;

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1, with one confidential client and a
 * minimal sign-in page: posting `login=<sub>` signs that account in and grants the requested scopes (no consent
 * screen). Email and groups are released for the `email` and `groups` scopes.
 */
export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'test-signing-key' }] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
      };
    },
  });
  const oidcCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, withLogin: boolean): Promise<void> {
    if (!withLogin) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<form method="post" action="login"><input name="login"><button>Sign in</button></form>');
      return;
    }
    const details = await provider.interactionDetails(req, res);
    const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
    if (!accounts.has(login)) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('unknown account');
      return;
    }
    const grant = new provider.Grant({ accountId: login, clientId: String(details.params['client_id']) });
    grant.addOIDCScope(String(details.params['scope']));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const server: Server = createServer((req, res) => {
    const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return void oidcCallback(req, res);
    interaction(req, res, req.method === 'POST' && match[2] === '/login').catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
