/** Strings of the contracts page. */
export const contracts = {} as const;
