import { StreamingTextDecoder, decodeText, decodeWindows1252 } from './decode-text';

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf8'));

describe('decodeText', () => {
  it.each([
    ['plain UTF-8', utf8('Sitio\nQuerétaro\nLeón\nMérida'), 'Sitio\nQuerétaro\nLeón\nMérida', 'utf-8'],
    [
      'UTF-8 with BOM (stripped)',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Fecha;Sitio')]),
      'Fecha;Sitio',
      'utf-8-bom',
    ],
    ['Latin-1 (invalid UTF-8)', latin1('Querétaro;León;Mérida'), 'Querétaro;León;Mérida', 'windows-1252'],
    ['Windows-1252 specials', Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94]), '€ “a”', 'windows-1252'],
    [
      'UTF-16 LE with BOM',
      Uint8Array.from([0xff, 0xfe, ...Buffer.from('León', 'utf16le')]),
      'León',
      'utf-16le',
    ],
    ['empty', new Uint8Array(0), '', 'utf-8'],
  ])('%s', (_name, bytes, text, encoding) => {
    expect(decodeText(bytes)).toEqual({ text, encoding });
  });
});

describe('decodeWindows1252', () => {
  it('maps the 0x80-0x9F block to the Windows-1252 characters', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x85, 0x91, 0x92, 0x96, 0x9f, 0xe9, 0xf1]))).toBe(
      '€…‘’–Ÿéñ',
    );
    const all = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(all).toHaveLength(32);
  });
});

describe('StreamingTextDecoder', () => {
  const decodeInPieces = (bytes: Uint8Array, size: number) => {
    const decoder = new StreamingTextDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += size) text += decoder.write(bytes.subarray(i, i + size));
    text += decoder.end();
    return { text, encoding: decoder.encoding, invalid: decoder.invalidSequences };
  };

  it.each([1, 2, 3, 7, 1000])(
    'matches decodeText for UTF-8 split every %i bytes (multi-byte characters split too)',
    (size) => {
      const bytes = utf8('date,site\n2024-03-01,Querétaro\n2024-03-02,León\n');
      expect(decodeInPieces(bytes, size)).toEqual({
        text: decodeText(bytes).text,
        encoding: 'utf-8',
        invalid: 0,
      });
    },
  );

  it.each([1, 4, 1000])(
    'chooses windows-1252 at the first non-ASCII byte when it is not UTF-8 (pieces of %i)',
    (size) => {
      const bytes = latin1('date;site\n01/03/2024;Mérida\n');
      expect(decodeInPieces(bytes, size)).toEqual({
        text: 'date;site\n01/03/2024;Mérida\n',
        encoding: 'windows-1252',
        invalid: 0,
      });
    },
  );

  it('strips a BOM split across pieces', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('a,b')]);
    expect(decodeInPieces(bytes, 1)).toEqual({ text: 'a,b', encoding: 'utf-8-bom', invalid: 0 });
  });

  it('reports invalid UTF-8 that shows up after UTF-8 was chosen', () => {
    const bytes = Uint8Array.from([...utf8('León\n'), ...latin1('Mérida\n')]);
    const result = decodeInPieces(bytes, 6);
    expect(result.encoding).toBe('utf-8');
    expect(result.invalid).toBe(1);
    expect(result.text).toContain('León');
    expect(result.text).toContain('\ufffd');
  });
});
