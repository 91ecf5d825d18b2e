// Browser test of jamlik's pages in Debian's Chromium (playwright-core
// drives it; axe-core checks WCAG 2.1 A and AA on each page type).
// Usage: node pages.mjs BASE_URL OUTDIR PATH...
// For each path (Swedish) and its English twin under /en/: the page
// answers 200 with lang set, a skip link that moves focus to the main
// content, a language switch that keeps the page, no axe violations, and
// screenshots at 1366x768 and on a phone (390x844) saved in OUTDIR; on
// the phone, no sideways scrolling, chart text of at least 11 CSS px and
// axe-core again.
// Prints one line per check; exits 1 if any failed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, outdir, ...paths] = process.argv.slice(2);
if (!base || !outdir || paths.length === 0) {
  console.error('usage: node pages.mjs BASE_URL OUTDIR PATH...');
  process.exit(2);
}
const exe = process.env.CHROMIUM || '/usr/bin/chromium';
let failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failed++;
};
const slug = (p) => (p.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'start');

const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
try {
  // The pages forbid inline script (CSP); axe is injected past it, as a tool.
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await ctx.newPage();
  for (const p of paths) {
    for (const lang of ['sv', 'en']) {
      const path = lang === 'en' ? '/en' + p : p;
      const res = await page.goto(base + path);
      check(res && res.status() === 200, `${path}: status ${res && res.status()}`);
      const htmlLang = await page.getAttribute('html', 'lang');
      check(htmlLang === lang, `${path}: <html lang="${htmlLang}">`);
      // The skip link is the first stop of the keyboard and lands in main.
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement &&
        document.activeElement.getAttribute('href'));
      check(first && first.startsWith('#'), `${path}: first Tab stop is a skip link (${first})`);
      // The language switch keeps the page.
      const other = lang === 'en' ? p : '/en' + p;
      const sw = await page.$(`a[hreflang="${lang === 'en' ? 'sv' : 'en'}"]`);
      const href = sw && await sw.getAttribute('href');
      check(href && href.split('?')[0] === other.split('?')[0],
            `${path}: language switch goes to ${href}`);
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(async () => await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      for (const v of r.violations)
        console.log(`  axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target}`);
      check(r.violations.length === 0, `${path}: axe-core WCAG 2.1 AA, ${r.violations.length} violations`);
      await page.screenshot({ path: `${outdir}/${lang}-${slug(p)}-laptop.png`, fullPage: true });
    }
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
                                          bypassCSP: true });
  const pp = await phone.newPage();
  for (const p of paths) {
    await pp.goto(base + p);
    // Against the phone's width, not innerWidth: a mobile browser widens
    // its layout to fit what overflows.
    const overflow = await pp.evaluate(() => document.documentElement.scrollWidth > 391);
    check(!overflow, `${p}: no sideways scrolling on a phone`);
    // Chart and map text at a readable size: the font's size in the SVG's
    // units times the scale the SVG is drawn at, at least 11 CSS pixels.
    const small = await pp.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll('figure svg text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0 || getComputedStyle(t).display === 'none') continue;
        const m = t.getScreenCTM();
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (px < 11) out.push(`${t.textContent.trim()} (${px.toFixed(1)} px)`);
      }
      return out;
    });
    check(small.length === 0,
          `${p}: chart text at least 11 px on a phone${small.length ? ': ' + small.slice(0, 3).join(', ') : ''}`);
    // axe again at the phone's width: tables that scroll sideways there
    // must be reachable by keyboard.
    await pp.addScriptTag({ content: axeSource });
    const rp = await pp.evaluate(async () => await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of rp.violations)
      console.log(`  axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target}`);
    check(rp.violations.length === 0, `${p}: axe-core on a phone, ${rp.violations.length} violations`);
    await pp.screenshot({ path: `${outdir}/sv-${slug(p)}-phone.png`, fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(`${failed ? 'FAILED' : 'passed'}: ${failed} failed checks`);
process.exit(failed ? 1 : 0);
