/**
 * QBR section source port: the data of the pack sections whose owning module exposes no service yet
 * (ingestion: restatements and data timeliness; auth/users: the provider's stakeholders). The pack
 * generation depends on this interface only; `SqlQbrSectionSource` implements it on the existing tables
 * and can be replaced by the ingestion module's service once it exists.
 */
export const QBR_SECTION_SOURCE = Symbol('QBR_SECTION_SOURCE');

export interface RestatementSummary {
  kpiCode: string;
  siteCode: string;
  city: string;
  serviceLine: string;
  queue: string;
  /** yyyy-mm of the restated observations. */
  month: string;
  restatedObservations: number;
  firstRestatedAt: string;
  lastRestatedAt: string;
  /** Sum of numerators before and after (the restated observations only). */
  oldNumerator: number;
  newNumerator: number;
  oldDenominator: number | null;
  newDenominator: number | null;
}

export interface FeedTimeliness {
  feedId: string | null;
  feedName: string;
  connector: string;
  runs: number;
  succeeded: number;
  partial: number;
  failed: number;
  rowsReceived: number;
  rowsRejected: number;
  lastSuccessAt: string | null;
  /** Mean hours from the end of the data window to the end of the run (late delivery), null without windows. */
  meanDelayHours: number | null;
}

export interface Stakeholder {
  userId: string;
  email: string;
  name: string;
  role: string;
}

export interface QbrSectionSource {
  /** Restatements of observations dated in `from..to`, received after `receivedAfter` when given. */
  restatements(providerId: string, from: string, to: string, receivedAfter?: Date): Promise<RestatementSummary[]>;
  /** How many observations dated in `from..to` were restated after `receivedAfter`. */
  restatementCountSince(providerIds: readonly string[], from: string, to: string, receivedAfter: Date): Promise<number>;
  /** Ingestion runs started in `from..to` per feed. */
  timeliness(providerId: string, from: string, to: string): Promise<FeedTimeliness[]>;
  /** Active users who receive a provider's quarterly review: its account managers and its provider users. */
  stakeholders(providerId: string): Promise<Stakeholder[]>;
}
