/** Strings of the drift page. */
export const drift = {} as const;
