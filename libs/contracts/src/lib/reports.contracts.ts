/**
 * Quarterly business reviews (QBR): packs per provider and quarter (or across providers), generated as a job,
 * archived unchanged with checksums, and flagged when later restatements change a number they show.
 */

/** `yyyy-Qn`, e.g. `2026-Q3`. */
export type QuarterKey = string;

export type QuarterlyReviewKind = 'provider' | 'portfolio';
export type QuarterlyReviewStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type QuarterlyReviewTrigger = 'manual' | 'schedule';
export type QuarterlyReviewFormat = 'pdf' | 'xlsx' | 'csv-zip';

export interface AgreedActionDto {
  action: string;
  owner: string;
  /** yyyy-mm-dd or null. */
  dueDate: string | null;
}

/** The account manager's words for one provider's quarter, shown in the pack. */
export interface QuarterlyCommentaryDto {
  providerId: string;
  quarter: QuarterKey;
  commentary: string;
  actions: AgreedActionDto[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SaveQuarterlyCommentaryRequest {
  commentary: string;
  actions: AgreedActionDto[];
}

export interface GenerateQuarterlyReviewRequest {
  /** Omitted for a portfolio pack across every provider the caller sees. */
  providerId?: string;
  quarter: QuarterKey;
}

export interface QuarterlyReviewFileDto {
  /** `pdf`, `xlsx`, `csv-zip`, or `csv:<table key>`. */
  format: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** One figure of an issued pack that a fresh assembly now shows differently. */
export interface QuarterlyReviewChangeDto {
  table: string;
  row: string;
  column: string;
  issued: number | string | null;
  current: number | string | null;
}

export interface QuarterlyReviewDto {
  id: string;
  kind: QuarterlyReviewKind;
  providerId: string | null;
  providerName: string | null;
  quarter: QuarterKey;
  /** The evaluation date the figures were taken as of (data through the day before). */
  asOf: string | null;
  status: QuarterlyReviewStatus;
  /** 0..100 */
  progress: number;
  stage: string | null;
  error: string | null;
  trigger: QuarterlyReviewTrigger;
  requestedBy: string | null;
  createdAt: string;
  /** When the pack was issued (files stored); null until then. */
  issuedAt: string | null;
  files: QuarterlyReviewFileDto[];
  /** Restatements after issue changed at least one figure the pack shows. */
  outOfDate: boolean;
  /** The restatements received after issue for the quarter's data (whether or not they changed a shown figure). */
  restatementsSinceIssue: number;
  changes: QuarterlyReviewChangeDto[];
}

export interface QuarterlyReviewListDto {
  items: QuarterlyReviewDto[];
}
