// Browser test of an area page as a board member takes it away: the
// profile's table downloaded as CSV and as xlsx by clicking the page's
// links in Debian's Chromium (playwright-core), and the page printed to
// PDF with the print stylesheet (A4). The caller compares the files'
// numbers with the release.
// Usage: node handout.mjs BASE_URL OUTDIR AREA_PATH
// Writes OUTDIR/profil.csv, OUTDIR/profil.xlsx and OUTDIR/handout.pdf;
// prints the PDF's page count; exits 1 if a step failed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, outdir, path] = process.argv.slice(2);
if (!base || !outdir || !path) {
  console.error('usage: node handout.mjs BASE_URL OUTDIR AREA_PATH');
  process.exit(2);
}
const exe = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
let rc = 0;
try {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 },
                                         acceptDownloads: true });
  const page = await ctx.newPage();
  const res = await page.goto(base + path);
  if (!res || res.status() !== 200)
    throw new Error(`${path}: status ${res && res.status()}`);
  for (const ext of ['csv', 'xlsx']) {
    const link = page.locator(`a[href*="/profil.${ext}"]`).first();
    const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
    await dl.saveAs(`${outdir}/profil.${ext}`);
    console.log(`downloaded ${dl.suggestedFilename()}`);
  }
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${outdir}/handout.pdf`, format: 'A4', printBackground: true });
  // Pages of the PDF: its page objects (Chromium writes them uncompressed).
  const pdf = readFileSync(`${outdir}/handout.pdf`, 'latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`pdf pages: ${pages}`);
} catch (e) {
  console.error(String(e));
  rc = 1;
} finally {
  await browser.close();
}
process.exit(rc);
