import type { HttpPullConfig, PayloadFormat } from '@kpi/contracts';
import { PAYLOAD_FORMATS } from '@kpi/contracts';
import { ConnectorContext, ConnectorError, FetchedPayload, ProviderConnector } from '../provider-connector';

const DEFAULTS = { timeoutMs: 15_000, retries: 2, retryDelayMs: 500, maxPages: 100 };

/**
 * Pulls JSON or CSV from a provider's reporting endpoint: `GET url?from=..&to=..` with the credential in an
 * auth header, JSON paging through `nextPage`, a time-out per request and retries with exponential backoff
 * on 5xx / 429 / time-outs / network errors. 4xx and unreadable answers fail at once.
 */
export class HttpPullConnector implements ProviderConnector {
  readonly type = 'http_pull' as const;
  readonly pulls = true;

  constructor(private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {}

  validateConfig(raw: Record<string, unknown>): string[] {
    const config = raw as Partial<HttpPullConfig>;
    const problems: string[] = [];
    if (typeof config.url !== 'string' || config.url.length === 0) problems.push('config.url is required');
    else if (!config.url.startsWith('/')) {
      try {
        const url = new URL(config.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('config.url must be http(s)');
      } catch {
        problems.push('config.url must be an absolute URL or a path on this api');
      }
    }
    if (config.format !== undefined && !PAYLOAD_FORMATS.includes(config.format)) problems.push(`config.format must be one of ${PAYLOAD_FORMATS.join(', ')}`);
    for (const key of ['timeoutMs', 'retries', 'retryDelayMs', 'maxPages', 'overlapDays'] as const) {
      const value = config[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) problems.push(`config.${key} must be a whole number`);
    }
    return problems;
  }

  async fetch(context: ConnectorContext): Promise<FetchedPayload> {
    const config = context.config as unknown as HttpPullConfig;
    const format: PayloadFormat = config.format ?? 'json';
    const base = config.url.startsWith('/') ? `${context.selfBaseUrl ?? ''}${config.url}` : config.url;
    const headers: Record<string, string> = { accept: format === 'csv' ? 'text/csv' : 'application/json' };
    const token = context.credentials?.['token'];
    if (token) {
      const header = config.authHeader ?? 'Authorization';
      headers[header.toLowerCase()] = header.toLowerCase() === 'authorization' && !/^\w+ /.test(token) ? `Bearer ${token}` : token;
    }
    const notes: string[] = [];
    const pageParam = config.pageParam ?? 'page';
    const maxPages = config.maxPages ?? DEFAULTS.maxPages;
    const items: unknown[] = [];
    let page: string | null = null;
    for (let n = 0; n < maxPages; n++) {
      const url = new URL(base);
      url.searchParams.set(config.fromParam ?? 'from', context.window.from);
      url.searchParams.set(config.toParam ?? 'to', context.window.to);
      if (page !== null) url.searchParams.set(pageParam, page);
      const bytes = await this.request(url, headers, config);
      if (format !== 'json') {
        notes.push(`GET ${redact(url)}: ${bytes.length} bytes`);
        return { format, body: format === 'genesys' || format === 'amazon_connect' ? parseJson(bytes) : bytes, notes };
      }
      const body = parseJson(bytes);
      const list = Array.isArray(body) ? body : (body as { observations?: unknown }).observations;
      if (!Array.isArray(list)) throw new ConnectorError('The answer has no "observations" list', false);
      items.push(...list);
      notes.push(`GET ${redact(url)}: ${list.length} observations`);
      const next = Array.isArray(body) ? null : (body as { nextPage?: unknown }).nextPage;
      if (next === null || next === undefined || next === '') return { format, body: { observations: items }, notes };
      page = String(next);
    }
    throw new ConnectorError(`More than ${maxPages} pages`, false);
  }

  private async request(url: URL, headers: Record<string, string>, config: HttpPullConfig): Promise<Uint8Array> {
    const retries = config.retries ?? DEFAULTS.retries;
    const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
          throw new ConnectorError(`${redact(url)} answered HTTP ${response.status}`, retryable);
        }
        return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        const failure =
          error instanceof ConnectorError
            ? error
            : (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError'
              ? new ConnectorError(`${redact(url)} did not answer within ${timeoutMs} ms`, true)
              : new ConnectorError(`${redact(url)}: ${(error as Error).message}`, true);
        if (!failure.retryable || attempt >= retries) throw failure;
        await this.sleep((config.retryDelayMs ?? DEFAULTS.retryDelayMs) * 2 ** attempt);
      }
    }
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ConnectorError('The answer is not valid JSON', false);
  }
}

/** Query strings may carry tokens: keep host and path only in messages. */
function redact(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
