/**
 * The shape every other language must match: the same keys as English, strings as values. A missing or
 * extra key in a translation is a compile error, so no screen ships half-translated.
 */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export const LANGUAGES = ['en', 'es-MX'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The Intl locale each interface language formats dates and numbers with. */
/** English uses day-month-year dates ("5 Mar 2025"), unambiguous for readers on both sides of the border. */
export const LANGUAGE_LOCALES: Record<Language, string> = { en: 'en-GB', 'es-MX': 'es-MX' };
