/** Strings of the escalations page. */
export const escalations = {} as const;
