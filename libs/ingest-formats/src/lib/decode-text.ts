/**
 * Bytes -> text for provider files. Exports arrive as UTF-8, UTF-8 with a BOM (Excel "CSV UTF-8"),
 * Windows-1252 / Latin-1 (Excel "CSV" on a Spanish Windows) or, rarely, UTF-16 LE with a BOM
 * (Excel "Unicode text").
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function hasUtf16LeBom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
}

/**
 * Decodes a whole file. A UTF-8 BOM is stripped; bytes that are not valid UTF-8 are read as
 * Windows-1252 (a superset of Latin-1), so `Quer\xe9taro` comes out as `Querétaro`.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (hasUtf8Bom(bytes)) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (hasUtf16LeBom(bytes)) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Incremental variant for streamed files. The encoding is decided at the first non-ASCII byte (ASCII reads
 * the same in every supported encoding): valid UTF-8 there means UTF-8 for the whole stream, otherwise
 * Windows-1252. A later invalid UTF-8 sequence in a stream already judged UTF-8 is decoded as U+FFFD and
 * reported through `invalidSequences` (a whole-file `decodeText` would have switched to Windows-1252).
 */
export class StreamingTextDecoder {
  private decoder: TextDecoder | null = null;
  private started = false;
  private pending: Uint8Array | null = null;
  private chosen: TextEncodingName | null = null;
  /** Number of decoded chunks that contained invalid UTF-8 after UTF-8 was chosen. */
  invalidSequences = 0;

  get encoding(): TextEncodingName | null {
    return this.chosen;
  }

  write(chunk: Uint8Array): string {
    let bytes = chunk;
    if (!this.started) {
      bytes = this.pending ? concatBytes(this.pending, chunk) : chunk;
      if (bytes.length < 3 && !(bytes.length === 2 && hasUtf16LeBom(bytes))) {
        this.pending = bytes;
        return '';
      }
      this.pending = null;
      this.started = true;
      if (hasUtf8Bom(bytes)) {
        this.choose('utf-8-bom');
        bytes = bytes.subarray(3);
      } else if (hasUtf16LeBom(bytes)) {
        this.choose('utf-16le');
        bytes = bytes.subarray(2);
      }
    }
    if (this.decoder !== null) return this.decodeChosen(bytes, false);
    if (isAscii(bytes)) return asciiToString(bytes);
    const probe = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      const text = probe.decode(bytes, { stream: true });
      this.decoder = probe;
      this.chosen = 'utf-8';
      return text;
    } catch {
      this.choose('windows-1252');
      return this.decodeChosen(bytes, false);
    }
  }

  end(): string {
    if (!this.started && this.pending) {
      this.started = true;
      const pending = this.pending;
      this.pending = null;
      const decoded = decodeText(pending);
      this.chosen = decoded.encoding;
      return decoded.text;
    }
    if (this.decoder === null) {
      if (this.chosen === null) this.chosen = 'utf-8';
      return '';
    }
    return this.decodeChosen(new Uint8Array(0), true);
  }

  private choose(encoding: TextEncodingName): void {
    this.chosen = encoding;
    const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
    this.decoder = new TextDecoder(label, { fatal: label === 'utf-8', ignoreBOM: true });
  }

  private decodeChosen(bytes: Uint8Array, final: boolean): string {
    const decoder = this.decoder as TextDecoder;
    try {
      return decoder.decode(bytes, { stream: !final });
    } catch {
      // Invalid UTF-8 after UTF-8 was chosen: decode leniently from here on and report it.
      this.invalidSequences++;
      this.decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
      return this.decoder.decode(bytes, { stream: !final });
    }
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function asciiToString(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
