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
    return {
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)),
      encoding: 'utf-8-bom',
    };
  }
  if (hasUtf16LeBom(bytes)) {
    return {
      text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)),
      encoding: 'utf-16le',
    };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252 characters of bytes 0x80-0x9F (0xA0-0xFF are the Latin-1 characters). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 (a superset of Latin-1). Node's TextDecoder reads the `windows-1252` label as plain
 * Latin-1 (0x80-0x9F become control characters), so those 32 bytes are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * Incremental variant for streamed files. The encoding is decided at the first non-ASCII character (ASCII
 * reads the same in every supported encoding): valid UTF-8 there means UTF-8 for the whole stream,
 * otherwise Windows-1252. A later invalid UTF-8 sequence in a stream already judged UTF-8 is decoded as
 * U+FFFD and counted in `invalidSequences` (a whole-file `decodeText` would have switched to Windows-1252).
 */
export class StreamingTextDecoder {
  private decoder: TextDecoder | null = null;
  private pending: Uint8Array | null = null;
  private started = false;
  private chosen: TextEncodingName | null = null;
  /** Number of decoded pieces that held invalid UTF-8 after UTF-8 was chosen. */
  invalidSequences = 0;

  get encoding(): TextEncodingName | null {
    return this.chosen;
  }

  write(chunk: Uint8Array): string {
    let bytes = this.pending ? concatBytes(this.pending, chunk) : chunk;
    this.pending = null;
    if (!this.started) {
      if (
        bytes.length < 3 &&
        (bytes.length === 0 || bytes[0] === 0xef || (bytes[0] === 0xff && bytes.length < 2))
      ) {
        this.pending = bytes;
        return '';
      }
      this.started = true;
      if (hasUtf8Bom(bytes)) {
        this.chosen = 'utf-8-bom';
        this.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        bytes = bytes.subarray(3);
      } else if (hasUtf16LeBom(bytes)) {
        this.chosen = 'utf-16le';
        this.decoder = new TextDecoder('utf-16le', { ignoreBOM: true });
        bytes = bytes.subarray(2);
      }
    }
    if (this.chosen === 'windows-1252') return decodeWindows1252(bytes);
    if (this.decoder !== null) return this.decodeChosen(bytes, false);
    // Undecided: everything so far was ASCII.
    const tail = incompleteUtf8Tail(bytes);
    const head = bytes.subarray(0, bytes.length - tail);
    if (tail > 0) this.pending = bytes.slice(bytes.length - tail);
    if (isAscii(head)) return asciiToString(head);
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head);
      this.chosen = 'utf-8';
      this.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      return text;
    } catch {
      this.chosen = 'windows-1252';
      const text = decodeWindows1252(bytes);
      this.pending = null;
      return text;
    }
  }

  end(): string {
    const pending = this.pending ?? new Uint8Array(0);
    this.pending = null;
    if (this.chosen === null) {
      const decoded = decodeText(pending);
      this.chosen = decoded.encoding;
      return decoded.text;
    }
    if (this.chosen === 'windows-1252') return decodeWindows1252(pending);
    return this.decodeChosen(pending, true);
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

/** Bytes at the end that start a UTF-8 sequence the chunk does not finish (0 when none). */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const needed = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return needed > back ? back : 0;
  }
  return 0;
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
