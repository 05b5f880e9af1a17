import { Injectable, NotFoundException } from '@nestjs/common';
import type { ProviderExportManifest } from '@kpi/contracts';
import { Zip, ZipDeflate } from 'fflate';
import { Readable } from 'node:stream';
import { ProviderScope } from '../auth/provider-scope';
import { EXPORT_BATCH_ROWS } from './data-protection.constants';
import { DataProtectionRepository } from './data-protection.repository';
import { csvHeaderLine, csvValueLine } from './export-csv';
import { PROVIDER_EXPORT_NOTES, PROVIDER_EXPORT_TABLES } from './provider-export.tables';

const BOM = '\uFEFF';
const encoder = new TextEncoder();

export interface ProviderExport {
  fileName: string;
  /** The ZIP, produced while it is read: one CSV per table, then manifest.json. */
  content: Readable;
}

/** Everything held about one provider, for the end of an engagement: a streamed ZIP of CSVs and a manifest. */
@Injectable()
export class ProviderExportService {
  constructor(private readonly repository: DataProtectionRepository) {}

  async export(scope: ProviderScope, providerId: string, now = new Date()): Promise<ProviderExport> {
    scope.assertVisible(providerId);
    const provider = await this.repository.findProvider(providerId);
    if (!provider) throw new NotFoundException('Provider not found');
    const stamp = now.toISOString().slice(0, 10);
    return {
      fileName: `provider-${provider.code}-export-${stamp}.zip`.replace(/[^A-Za-z0-9._-]/g, '_'),
      content: Readable.from(this.zip(provider, now), { objectMode: false }),
    };
  }

  /**
   * The archive's bytes. The database snapshot opens when the first byte is read and closes when the archive
   * is complete or the reader goes away; rows stream through a cursor, so memory stays flat however big the
   * provider, and the next batch is fetched only when the client has taken the previous one.
   */
  private async *zip(provider: { id: string; code: string; name: string }, now: Date): AsyncGenerator<Buffer> {
    const pending: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else pending.push(chunk);
    });
    const take = (): Buffer | null => {
      if (failure) throw failure;
      if (pending.length === 0) return null;
      const bytes = Buffer.concat(pending);
      pending.length = 0;
      return bytes;
    };
    const addFile = (name: string): ZipDeflate => {
      const file = new ZipDeflate(name, { level: 6 });
      file.mtime = now;
      zip.add(file);
      return file;
    };

    const snapshot = await this.repository.openExportSnapshot();
    try {
      const files: ProviderExportManifest['files'] = [];
      for (const table of PROVIDER_EXPORT_TABLES) {
        const file = addFile(table.file);
        let rows = 0;
        let header = true;
        for await (const batch of snapshot.batches(table.sql, [provider.id], EXPORT_BATCH_ROWS)) {
          let text = header ? BOM + csvHeaderLine(batch.columns) : '';
          header = false;
          for (const row of batch.rows) text += csvValueLine(row, batch.typeIds);
          file.push(encoder.encode(text));
          rows += batch.rows.length;
          const chunk = take();
          if (chunk) yield chunk;
        }
        file.push(new Uint8Array(0), true);
        files.push({ name: table.file, table: table.table, rows });
      }
      const manifest: ProviderExportManifest = {
        provider: { id: provider.id, code: provider.code, name: provider.name },
        generatedAt: now.toISOString(),
        notes: [...PROVIDER_EXPORT_NOTES],
        files,
      };
      addFile('manifest.json').push(encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
      zip.end();
      const last = take();
      if (last) yield last;
    } finally {
      await snapshot.release();
    }
  }
}
