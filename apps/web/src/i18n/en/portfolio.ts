/** Strings of the portfolio page. */
export const portfolio = {} as const;
