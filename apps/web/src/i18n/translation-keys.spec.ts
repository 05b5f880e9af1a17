import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { en } from './en';
import { esMx } from './es-MX';

const SOURCE_ROOTS = [join(__dirname, '..', 'app'), join(__dirname, '..', '..', '..', '..', 'libs', 'web-ui', 'src')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(html|ts)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function lookup(dictionary: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

const AREAS = Object.keys(en).join('|');
/** A single-quoted literal that starts with a dictionary area ('portfolio.title'); prefixes ending in '.' are dynamic. */
const KEY = `'((?:${AREAS})\\.[\\w.-]*[\\w-])'`;
/** In code (not templates) only keys in a translation position count: audit actions like 'provider.view' are not keys. */
const KEY_IN_CODE = new RegExp(`(?:\\bt\\(|translate\\(|[kK]ey: |title: )\\s*${KEY}`, 'g');
const INLINE_TEMPLATE = /template: `([^`]*)`/g;

function usedKeys(file: string, source: string): string[] {
  const templates = file.endsWith('.html') ? [source] : [...source.matchAll(INLINE_TEMPLATE)].map((match) => match[1]);
  const inTemplates = templates.flatMap((template) => [...template.matchAll(new RegExp(KEY, 'g'))].map((match) => match[1]));
  const inCode = file.endsWith('.ts') ? [...source.matchAll(KEY_IN_CODE)].map((match) => match[1]) : [];
  return [...inTemplates, ...inCode];
}

describe('translations', () => {
  const files = SOURCE_ROOTS.flatMap(sourceFiles);

  it('has every key the templates and code use, in English and Spanish', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const key of usedKeys(file, readFileSync(file, 'utf8'))) {
        if (typeof lookup(en, key) !== 'string') missing.push(`${key} (en, ${file})`);
        if (typeof lookup(esMx, key) !== 'string') missing.push(`${key} (es-MX, ${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the keys in use (the scan itself works)', () => {
    const all = files.flatMap((file) => usedKeys(file, readFileSync(file, 'utf8')));
    expect(all).toEqual(expect.arrayContaining(['common.signOut', 'nav.portfolio', 'titles.portfolio', 'signIn.submit']));
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const mismatched: string[] = [];
    const walk = (english: object, spanish: object, path: string) => {
      for (const [key, value] of Object.entries(english)) {
        const other = (spanish as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          if (JSON.stringify(placeholders(value)) !== JSON.stringify(placeholders(String(other)))) mismatched.push(`${path}${key}`);
        } else walk(value as object, other as object, `${path}${key}.`);
      }
    };
    walk(en, esMx, '');
    expect(mismatched).toEqual([]);
  });
});
