import type { ReviewCell, ReviewValueType } from '../quarterly-review.model';

/** A value as text for the PDF (and e-mails): percent fractions as "81.2 %", money with thousands separators. */
export function formatReviewValue(value: ReviewCell, type: ReviewValueType): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return type === 'datetime' ? value.replace('T', ' ').slice(0, 16) : value;
  if (!Number.isFinite(value)) return '–';
  switch (type) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'integer':
      return Math.round(value).toLocaleString('en-US');
    case 'money':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'decimal':
      return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    default:
      return String(value);
  }
}
