/** Strings of the providers page. */
export const providers = {} as const;
