/** Strings of the not found page. */
export const notFound = {} as const;
