/** Strings of the ingestion page. */
export const ingestion = {} as const;
