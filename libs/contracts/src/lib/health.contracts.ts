export interface HealthDto {
  status: 'ok';
  uptimeSeconds: number;
}

export interface ReadinessDto {
  status: 'ready' | 'not_ready';
  database: 'up' | 'down';
  pendingMigrations: number;
}

/** The body of every error answer. */
export interface ApiErrorDto {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}
