/** Strings of the provider page. */
export const provider = {} as const;
