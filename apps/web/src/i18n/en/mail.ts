/** Strings of the mail page. */
export const mail = {} as const;
