import type { ProviderConnector } from '../provider-connector';

/** Providers POST batches to /api/ingest/push with their API key; nothing to fetch. */
export class PushConnector implements ProviderConnector {
  readonly type = 'push' as const;
  readonly pulls = false;
  validateConfig(): string[] {
    return [];
  }
}
