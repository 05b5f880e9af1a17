import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** Ids are UUIDs; a malformed one is simply "not found", like an id the caller may not see. */
export function parseId(what = 'Resource'): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`${what} not found`) });
}
