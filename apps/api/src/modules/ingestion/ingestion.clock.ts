import { Injectable } from '@nestjs/common';
import { localDateOf } from '@kpi/ingest-formats';

/** The time ingestion runs at (replaced in tests that replay fixtures dated in the past). */
@Injectable()
export class IngestionClock {
  now(): Date {
    return new Date();
  }

  /** Today's local date in an IANA time zone. */
  today(timeZone: string): string {
    return localDateOf(this.now().getTime(), timeZone);
  }
}
