import { ALERT_KINDS, SEVERITIES } from '@kpi/domain';
import { ALERT_KIND_LABELS, SEVERITY_LABELS } from '@kpi/web-ui';

export const KIND_OPTIONS = ALERT_KINDS.map((value) => ({ value, label: ALERT_KIND_LABELS[value] }));
export const SEVERITY_OPTIONS = SEVERITIES.map((value) => ({ value, label: SEVERITY_LABELS[value] }));
export const HOURS = Array.from({ length: 24 }, (_, hour) => ({ value: hour, label: `${String(hour).padStart(2, '0')}:00` }));
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((label, i) => ({ value: i + 1, label }));

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
