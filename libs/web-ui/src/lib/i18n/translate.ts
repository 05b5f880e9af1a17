/** Translates a dictionary key with parameters: `Translator.t` in components, `translateFrom` in plain tests. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * A Translate over an in-memory dictionary such as `{ ui: uiEn }`, with Transloco's `{{param}}` syntax; an
 * unknown key comes back as itself (as Transloco does). For testing label functions without Angular.
 */
export function translateFrom(dictionary: object): Translate {
  return (key, params) => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
  };
}
