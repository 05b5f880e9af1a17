import type { StoredFile } from './reports.repository';
import { formatMegabytes, planDeliveryAttachments, QBR_MAIL_ATTACHMENT_MAX_BYTES } from './delivery-attachments';

const MB = 1024 * 1024;
const file = (format: string, sizeBytes: number): StoredFile => ({ format, fileName: `qbr.${format}`, contentType: 'x', sizeBytes, sha256: 'a'.repeat(64) });

describe('planDeliveryAttachments', () => {
  it.each([
    ['both fit', [file('pdf', 2 * MB), file('xlsx', 1 * MB), file('csv-zip', 1 * MB)], ['pdf', 'xlsx'], []],
    ['the workbook would exceed the cap', [file('pdf', 8 * MB), file('xlsx', 3 * MB)], ['pdf'], ['xlsx']],
    ['the PDF alone exceeds the cap, the workbook fits', [file('pdf', 11 * MB), file('xlsx', 1 * MB)], ['xlsx'], ['pdf']],
    ['exactly at the cap', [file('pdf', QBR_MAIL_ATTACHMENT_MAX_BYTES)], ['pdf'], []],
    ['one byte over', [file('pdf', QBR_MAIL_ATTACHMENT_MAX_BYTES + 1)], [], ['pdf']],
    ['csv files are never attached', [file('csv:headline', 10), file('csv-zip', 10)], [], []],
  ])('%s', (_label, files, attached, tooLarge) => {
    const plan = planDeliveryAttachments(files);
    expect(plan.attached.map((f) => f.format)).toEqual(attached);
    expect(plan.tooLarge.map((f) => f.format)).toEqual(tooLarge);
  });

  it('takes the PDF first whatever the order of the archive', () => {
    expect(planDeliveryAttachments([file('xlsx', 6 * MB), file('pdf', 6 * MB)]).attached.map((f) => f.format)).toEqual(['pdf']);
  });

  it.each([
    [512 * 1024, '512 KB'],
    [10 * MB, '10 MB'],
    [2.4 * MB, '2.4 MB'],
    [100, '1 KB'],
  ])('formatMegabytes(%p) = %p', (bytes, text) => {
    expect(formatMegabytes(bytes)).toBe(text);
  });
});
