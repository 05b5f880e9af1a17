import type { StoredFile } from './reports.repository';

/** Attachments of a delivery mail together stay under this size; files beyond it are sent as links only. */
export const QBR_MAIL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Pack files worth attaching, in order of importance: the PDF first, then the workbook. */
const ATTACHABLE_FORMATS = ['pdf', 'xlsx'] as const;

export interface DeliveryAttachmentPlan {
  /** Files attached to the mail (by reference to the archived file). */
  attached: StoredFile[];
  /** Attachable files left out because the mail would exceed the cap: the mail links them and says so. */
  tooLarge: StoredFile[];
}

/** Which of an issued pack's files go into the delivery mail, within `maxBytes` in total (PDF first). */
export function planDeliveryAttachments(files: readonly StoredFile[], maxBytes = QBR_MAIL_ATTACHMENT_MAX_BYTES): DeliveryAttachmentPlan {
  const plan: DeliveryAttachmentPlan = { attached: [], tooLarge: [] };
  let total = 0;
  for (const format of ATTACHABLE_FORMATS) {
    const file = files.find((f) => f.format === format);
    if (!file) continue;
    if (total + file.sizeBytes <= maxBytes) {
      plan.attached.push(file);
      total += file.sizeBytes;
    } else {
      plan.tooLarge.push(file);
    }
  }
  return plan;
}

/** "10 MB", "2.4 MB", "512 KB". */
export function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}
