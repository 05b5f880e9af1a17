/** Strings of the alerts page. */
export const alerts = {} as const;
