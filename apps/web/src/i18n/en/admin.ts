/** Strings of the admin page. */
export const admin = {} as const;
