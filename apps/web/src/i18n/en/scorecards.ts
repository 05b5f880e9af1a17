/** Strings of the scorecards page. */
export const scorecards = {} as const;
