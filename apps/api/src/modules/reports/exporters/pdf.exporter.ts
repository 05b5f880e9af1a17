import PDFDocument from 'pdfkit';
import { QuarterlyReviewData, ReviewChart, ReviewColumn, ReviewSection, ReviewTable } from '../quarterly-review.model';
import { formatReviewValue } from './value-format';

/** Renders one chart of the pack as a PNG (Chart.js on the server); null leaves the chart out. */
export type ChartImageRenderer = (chart: ReviewChart, size: { width: number; height: number }) => Buffer | null;

const MARGIN = 50;
const COLORS = { ink: '#1f2933', muted: '#52606d', accent: '#1f3a5f', rule: '#cbd2d9', zebra: '#f3f5f7', header: '#1f3a5f' };
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const CHART_HEIGHT = 170;

/**
 * The pack as an A4 PDF for reading and printing: a cover, a table of contents with page numbers, one
 * section per chapter (heading, text, charts, tables whose header repeats on each page), and the page
 * number in every footer. pdfkit only (no browser).
 */
export function reviewToPdf(data: QuarterlyReviewData, renderChart: ChartImageRenderer | null = null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: data.title, Author: 'KPI Governance', Subject: data.subtitle, CreationDate: new Date(data.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawCover(doc, data);
  doc.addPage();
  const tocPageIndex = pageIndex(doc);
  const tocEntries: { title: string; page: number; destination: string }[] = [];

  data.sections.forEach((section, index) => {
    doc.addPage();
    const destination = `section-${index + 1}`;
    doc.addNamedDestination(destination);
    tocEntries.push({ title: `${index + 1}. ${section.title}`, page: pageIndex(doc) + 1, destination });
    drawSection(doc, section, index + 1, renderChart);
  });

  doc.switchToPage(tocPageIndex);
  drawToc(doc, tocEntries);
  drawFooters(doc, data);
  doc.end();
  return done;
}

function pageIndex(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

function drawCover(doc: PDFKit.PDFDocument, data: QuarterlyReviewData): void {
  const width = contentWidth(doc);
  doc.rect(0, 0, doc.page.width, 260).fill(COLORS.accent);
  doc.fillColor('#ffffff').font(FONT_BOLD).fontSize(11).text('KPI GOVERNANCE · QUARTERLY BUSINESS REVIEW', MARGIN, 80, { width });
  doc.font(FONT_BOLD).fontSize(26).text(data.title, MARGIN, 110, { width });
  doc.font(FONT).fontSize(13).text(data.subtitle, { width });
  doc.fillColor(COLORS.ink).font(FONT).fontSize(11);
  let y = 300;
  const line = (label: string, value: string) => {
    doc.font(FONT_BOLD).text(label, MARGIN, y, { width: 140 });
    doc.font(FONT).text(value, MARGIN + 150, y, { width: width - 150 });
    y = doc.y + 8;
  };
  line('Quarter', data.quarter);
  line('Period', `${data.from} to ${data.to} (${data.months.join(', ')})`);
  line(data.providers.length === 1 ? 'Provider' : 'Providers', data.providers.map((p) => `${p.name} (${p.code})`).join(', '));
  line('Figures as of', `${data.asOf} (data through the day before)`);
  line('Generated', data.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC');
  doc
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(
      'All figures are computed from the stored components (numerators and denominators) of the KPI observations, ' +
        'judged by the contract terms in force in each period, exactly as the dashboard and the api show them.',
      MARGIN,
      bottomLimit(doc) - 60,
      { width },
    );
}

function drawToc(doc: PDFKit.PDFDocument, entries: { title: string; page: number; destination: string }[]): void {
  const width = contentWidth(doc);
  doc.x = MARGIN;
  doc.y = MARGIN;
  doc.fillColor(COLORS.accent).font(FONT_BOLD).fontSize(18).text('Table of contents', MARGIN, MARGIN, { width });
  doc.moveDown(1);
  doc.font(FONT).fontSize(11).fillColor(COLORS.ink);
  for (const entry of entries) {
    const y = doc.y;
    const pageText = String(entry.page);
    doc.text(entry.title, MARGIN, y, { width: width - 40, goTo: entry.destination, lineBreak: false });
    const titleWidth = doc.widthOfString(entry.title);
    const numberWidth = doc.widthOfString(pageText);
    const dotsFrom = MARGIN + titleWidth + 6;
    const dotsTo = MARGIN + width - numberWidth - 6;
    if (dotsTo > dotsFrom) {
      doc.save().strokeColor(COLORS.rule).dash(1, { space: 3 }).moveTo(dotsFrom, y + 9).lineTo(dotsTo, y + 9).stroke().undash().restore();
    }
    doc.text(pageText, MARGIN + width - numberWidth, y, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 20;
  }
}

function drawFooters(doc: PDFKit.PDFDocument, data: QuarterlyReviewData): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i === range.start) continue; // the cover has no footer
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 10;
    doc.save().strokeColor(COLORS.rule).moveTo(MARGIN, y - 6).lineTo(doc.page.width - MARGIN, y - 6).stroke().restore();
    doc.font(FONT).fontSize(8).fillColor(COLORS.muted);
    doc.text(`${data.title} · ${data.quarter}`, MARGIN, y, { width: contentWidth(doc) / 2, lineBreak: false });
    const label = `Page ${i - range.start + 1} of ${range.count}`;
    doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
    doc.x = MARGIN;
    doc.y = MARGIN;
  }
}

function drawSection(doc: PDFKit.PDFDocument, section: ReviewSection, number: number, renderChart: ChartImageRenderer | null): void {
  const width = contentWidth(doc);
  doc.x = MARGIN;
  doc.fillColor(COLORS.accent).font(FONT_BOLD).fontSize(17).text(`${number}. ${section.title}`, MARGIN, MARGIN, { width });
  doc.save().strokeColor(COLORS.accent).lineWidth(1.2).moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width, doc.y + 2).stroke().restore();
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(10).fillColor(COLORS.ink);
  for (const paragraph of section.paragraphs) {
    ensureSpace(doc, 30);
    doc.text(paragraph, MARGIN, doc.y, { width, align: 'left' });
    doc.moveDown(0.5);
  }
  for (const chart of section.charts) {
    const image = renderChart?.(chart, { width: Math.round(width), height: CHART_HEIGHT }) ?? null;
    ensureSpace(doc, CHART_HEIGHT + 30);
    doc.font(FONT_BOLD).fontSize(10).fillColor(COLORS.ink).text(chart.title, MARGIN, doc.y, { width });
    if (image) {
      const top = doc.y + 2;
      doc.image(image, MARGIN, top, { width, height: CHART_HEIGHT });
      doc.y = top + CHART_HEIGHT + 4;
    } else {
      doc.font(FONT).fontSize(9).fillColor(COLORS.muted).text('(chart not available)', MARGIN, doc.y, { width });
    }
    if (chart.markers.length > 0) {
      doc
        .font(FONT)
        .fontSize(8)
        .fillColor(COLORS.muted)
        .text(`Drift markers: ${chart.markers.map((m) => `${m.date} ${m.label}`).join('; ')}`, MARGIN, doc.y, { width });
    }
    doc.moveDown(0.8);
  }
  for (const table of section.tables) drawTable(doc, table);
}

function columnWidths(columns: readonly ReviewColumn[], total: number): number[] {
  const weights = columns.map((column) => column.width ?? (column.type === 'text' ? 22 : 11));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => (weight / sum) * total);
}

function drawTable(doc: PDFKit.PDFDocument, table: ReviewTable): void {
  const width = contentWidth(doc);
  ensureSpace(doc, 60);
  doc.x = MARGIN;
  doc.font(FONT_BOLD).fontSize(11).fillColor(COLORS.ink).text(table.title, MARGIN, doc.y, { width });
  if (table.note) doc.font(FONT).fontSize(8).fillColor(COLORS.muted).text(table.note, MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  if (table.rows.length === 0) {
    doc.font(FONT).fontSize(9).fillColor(COLORS.muted).text('None in this quarter.', MARGIN, doc.y, { width });
    doc.moveDown(0.8);
    return;
  }
  const widths = columnWidths(table.columns, width);
  const fontSize = table.columns.length > 8 ? 7 : 8;
  const pad = 3;
  const numeric = table.columns.map((column) => column.type !== 'text' && column.type !== 'date' && column.type !== 'datetime');

  const drawHeader = () => {
    doc.font(FONT_BOLD).fontSize(fontSize);
    const height = Math.max(...table.columns.map((column, i) => doc.heightOfString(column.header, { width: widths[i] - 2 * pad }))) + 2 * pad;
    const top = doc.y;
    doc.rect(MARGIN, top, width, height).fill(COLORS.header);
    doc.fillColor('#ffffff');
    let x = MARGIN;
    table.columns.forEach((column, i) => {
      doc.text(column.header, x + pad, top + pad, { width: widths[i] - 2 * pad, align: numeric[i] ? 'right' : 'left' });
      x += widths[i];
    });
    doc.y = top + height;
  };

  drawHeader();
  doc.font(FONT).fontSize(fontSize);
  table.rows.forEach((row, rowIndex) => {
    const texts = table.columns.map((column) => formatReviewValue(row.cells[column.key] ?? null, row.types?.[column.key] ?? column.type));
    doc.font(FONT).fontSize(fontSize);
    const height = Math.max(...texts.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeader();
      doc.font(FONT).fontSize(fontSize);
    }
    const top = doc.y;
    if (rowIndex % 2 === 1) doc.rect(MARGIN, top, width, height).fill(COLORS.zebra);
    doc.fillColor(COLORS.ink);
    let x = MARGIN;
    texts.forEach((text, i) => {
      doc.text(text, x + pad, top + pad, { width: widths[i] - 2 * pad, align: numeric[i] ? 'right' : 'left' });
      x += widths[i];
    });
    doc.save().strokeColor(COLORS.rule).lineWidth(0.4).moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).stroke().restore();
    doc.y = top + height;
  });
  doc.x = MARGIN;
  doc.moveDown(1);
}
