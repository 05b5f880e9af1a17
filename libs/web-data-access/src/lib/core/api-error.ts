import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorDto } from '@kpi/contracts';

/** An api failure reduced to what a page needs to show: the HTTP status (0 = unreachable) and a readable message. */
export interface ApiError {
  readonly status: number;
  readonly message: string;
}

const UNREACHABLE_MESSAGE = 'The KPI Governance server cannot be reached. Check your connection and try again.';

/** Turns anything thrown by an HttpClient call into an {@link ApiError}, using the api's `ApiErrorDto.message` when present. */
export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, message: error instanceof Error ? error.message : 'Something went wrong.' };
  }
  if (error.status === 0) return { status: 0, message: UNREACHABLE_MESSAGE };
  return { status: error.status, message: messageFromBody(error.error) ?? fallbackMessage(error.status) };
}

function messageFromBody(body: unknown): string | null {
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) return body;
  if (body === null || typeof body !== 'object') return null;
  const message = (body as Partial<ApiErrorDto> & { message?: unknown }).message;
  if (typeof message === 'string' && message.trim() !== '') return message;
  // NestJS validation errors carry a list of messages.
  if (Array.isArray(message) && message.every((m) => typeof m === 'string') && message.length > 0) {
    return message.join(' ');
  }
  return null;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You do not have access to this information.';
  if (status === 404) return 'The requested information was not found.';
  if (status >= 500) return 'The server had a problem answering. Please try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}
