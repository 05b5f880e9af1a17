import { ALERT_KINDS, SEVERITIES } from '@kpi/domain';

/** Options with the dictionary key of their label (`ui.alertKind.*`, `ui.severity.*`). */
export const KIND_OPTIONS = ALERT_KINDS.map((value) => ({ value, key: 'ui.alertKind.' + value }));
export const SEVERITY_OPTIONS = SEVERITIES.map((value) => ({ value, key: 'ui.severity.' + value }));
export const HOURS = Array.from({ length: 24 }, (_, hour) => ({ value: hour, label: `${String(hour).padStart(2, '0')}:00` }));
/** ISO weekdays, 1 = Monday; labelled by `alerts.weekdays.<value>`. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((value) => ({ value }));

/** Time zones offered first (where the providers and their clients work); any IANA name may be typed. */
export const COMMON_TIME_ZONES = [
  'America/Mexico_City',
  'America/Monterrey',
  'America/Tijuana',
  'America/Merida',
  'America/Bogota',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Europe/Madrid',
  'UTC',
];
