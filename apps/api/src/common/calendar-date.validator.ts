import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isIsoDate } from '@kpi/domain';

/** A real calendar date written yyyy-mm-dd (rejects 2026-02-30 and 2026-13-01). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date like 2026-08-01`, options),
      },
    },
    options,
  );
}

/** A calendar month written yyyy-mm. */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarMonth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) && isIsoDate(`${value}-01`),
        defaultMessage: buildMessage((each) => `${each}$property must be a month like 2026-08`, options),
      },
    },
    options,
  );
}
