import { execFileSync } from 'node:child_process';

/**
 * The text of a PDF read back with pdf-parse (v2). pdf-parse loads pdf.js as an ES module, which jest's
 * CommonJS runtime cannot do, so it runs in a child Node process. For tests only.
 */
export function pdfText(pdf: Buffer): { text: string; total: number } {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const r = await parser.getText();
      process.stdout.write(JSON.stringify({ text: r.text, total: r.total }));
      await parser.destroy();
    });`;
  const out = execFileSync(process.execPath, ['-e', script], { input: pdf, cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8'));
}
