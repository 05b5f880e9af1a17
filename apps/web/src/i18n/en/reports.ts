/** Strings of the reports page. */
export const reports = {} as const;
