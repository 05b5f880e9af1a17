import type { ProviderConnector } from '../provider-connector';

/** CSV/XLSX files uploaded from the web app (multipart); the mapping is saved on the feed. */
export class FileUploadConnector implements ProviderConnector {
  readonly type = 'file_upload' as const;
  readonly pulls = false;
  validateConfig(): string[] {
    return [];
  }
}
