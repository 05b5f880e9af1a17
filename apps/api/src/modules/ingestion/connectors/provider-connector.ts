import type { ConnectorType, PayloadFormat } from '@kpi/contracts';

/** Everything a connector may need to fetch one batch from a provider. */
export interface ConnectorContext {
  feedId: string;
  config: Record<string, unknown>;
  credentials: Record<string, string> | null;
  /** Periods requested (yyyy-mm-dd, inclusive). */
  window: { from: string; to: string };
  /** Base URL of this api (for feeds pointing at a path on the api itself, e.g. the demo provider). */
  selfBaseUrl: string | null;
}

/** What a connector hands to the pipeline: the raw payload and how to read it. */
export interface FetchedPayload {
  format: PayloadFormat;
  /** Bytes (CSV/XLSX) or parsed JSON. */
  body: Uint8Array | unknown;
  fileName?: string;
  /** Requests made, pages read (for the run's warnings). */
  notes: string[];
}

/**
 * One way data reaches the api. Pull connectors fetch on schedule / on demand; push and upload
 * connectors receive payloads through the api and only declare themselves here.
 */
export interface ProviderConnector {
  readonly type: ConnectorType;
  readonly pulls: boolean;
  fetch?(context: ConnectorContext): Promise<FetchedPayload>;
  /** Checks a feed's config when it is saved; returns the problems. */
  validateConfig(config: Record<string, unknown>): string[];
}

/** Factory token: every connector, registered in the ingestion module. */
export const PROVIDER_CONNECTORS = Symbol('PROVIDER_CONNECTORS');

/** A fetch failure worth retrying (5xx, time-out, network), or not (4xx, unreadable answer). */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
