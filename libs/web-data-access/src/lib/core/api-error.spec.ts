import { HttpErrorResponse } from '@angular/common/http';
import { toApiError } from './api-error';

describe('toApiError', () => {
  it('uses the api message', () => {
    const error = new HttpErrorResponse({
      status: 401,
      error: { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' },
    });
    expect(toApiError(error)).toEqual({ status: 401, message: 'Invalid email or password' });
  });

  it('joins validation messages', () => {
    const error = new HttpErrorResponse({ status: 400, error: { message: ['email must be an email', 'password is empty'] } });
    expect(toApiError(error).message).toBe('email must be an email password is empty');
  });

  it('explains an unreachable server and falls back per status', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).message).toContain('cannot be reached');
    expect(toApiError(new HttpErrorResponse({ status: 404 })).message).toBe('The requested information was not found.');
    expect(toApiError(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' })).message).toContain(
      'server had a problem',
    );
  });

  it('handles non-HTTP errors', () => {
    expect(toApiError(new Error('boom'))).toEqual({ status: -1, message: 'boom' });
  });
});
