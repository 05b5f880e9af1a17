/** Strings of the provider access page. */
export const providerAccess = {} as const;
