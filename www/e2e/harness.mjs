// The browser tests' harness: the page served on 127.0.0.1, one headless Chromium with
// one context, and `test`, which gives each test a page of its own, a time limit, a
// screenshot when it fails and the page's console errors, on Node's own test runner.
// Each area's tests (www/e2e/*.test.mjs) import it and end with `finish()`;
// www/e2e.mjs runs the areas one after another.
//
// Where things are comes from the environment (www/e2e.mjs sets it):
//   E2E_DIST       Trunk's output, served here;
//   E2E_EXPECTED   the CLI's JSON for each corpus sample (`nianbao check --json`), which
//                  the page must match cell for cell;
//   E2E_SHOTS      where screenshots and the files the tests make go.
import { test as nodeTest, after } from 'node:test';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { openFresh } from '../page-actions.mjs';
import { serve } from '../static-server.mjs';
import {
  assert, eq, fixtures, testRoutes, until, dropFiles, watchFrames, longestFrameGap, longestTask,
} from '../e2e-shared.mjs';

export * from '../e2e-shared.mjs';
export { openFresh, paste } from '../page-actions.mjs';

export const distDir = process.env.E2E_DIST;
export const expectedDir = process.env.E2E_EXPECTED;
export const shotDir = process.env.E2E_SHOTS;
if (!distDir || !expectedDir || !shotDir) throw new Error('run the browser tests through www/e2e.mjs (E2E_DIST, E2E_EXPECTED and E2E_SHOTS are not set)');
/** The folder www/. */
export const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
fs.mkdirSync(shotDir, { recursive: true });

const served = await serve(distDir, testRoutes(distDir));
export const origin = served.origin;

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
export const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

/** Every URL the area's pages asked for. */
export const requests = [];
/** The pages' console errors, each with its test's name. */
export const consoleErrors = [];
context.on('request', (r) => requests.push(r.url()));
/** Figures to print at the end (measured, never asserted). */
export const measures = [];

/** How long one browser test may take (the slowest, the four editors' or the thousand
 * reports', take well under 30 s on 2 cores). */
const TEST_LIMIT_MS = 120000;

/** One browser test: `fn(page)` on a page of its own, which ends with the test; the
 * tests run in the order they are written (each is awaited). E2E_ONLY=words runs only
 * the tests whose name has them (several, separated by |). */
export async function test(name, fn) {
  const only = process.env.E2E_ONLY;
  const skip = Boolean(only) && !only.split('|').some((w) => name.includes(w));
  await nodeTest(name, { skip, timeout: TEST_LIMIT_MS }, async () => {
    // Chromium on a busy 2-core machine sometimes refuses the first new tab: try twice.
    const page = await context.newPage().catch(() => context.newPage());
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${name}: ${m.text()}`); });
    page.on('pageerror', (e) => consoleErrors.push(`${name}: ${e.message}`));
    try {
      await fn(page);
    } catch (e) {
      await page.screenshot({ path: path.join(shotDir, `failed-${name.replace(/\W+/g, '_')}.png`), fullPage: true }).catch(() => {});
      throw e;
    } finally {
      // What a test left running (a promise in the page that never settles) ends with
      // its page.
      await page.close().catch(() => {});
    }
  });
}

/** The area's last two tests, then its figures: no request left the origin
 * (`allowed`: other URLs it may ask for), no page logged an error (`expectedErrors(e)`:
 * one that is the browser's report of what a test did on purpose); then the browser
 * closes and the figures are printed, `report()`'s first. */
export async function finish({ allowed = [], expectedErrors = () => false, report = () => [] } = {}) {
  await nodeTest('no request leaves the origin', () => {
    const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:') && !allowed.includes(u));
    eq(foreign, [], 'requests outside the origin');
  });
  await nodeTest('no console errors', () => {
    eq(consoleErrors.filter((e) => !expectedErrors(e)), [], 'console errors');
  });
  after(async () => {
    await browser.close();
    served.close();
    for (const m of [...report(), ...measures]) console.log(m);
  });
}

export async function open(page, at = '/') {
  await openFresh(page, origin + at);
}

/** Waits until the page has started: its worker warmed up and its first render
 * rehearsed out of sight (src/web/rehearsal.rs); returns when, in ms after it began to
 * load. The rehearsal leaves nothing behind. */
export async function ready(page) {
  await page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 15000 });
  eq(await page.locator('.rehearsal').count(), 0, 'the rehearsal is removed');
  return Number(await page.locator('html').getAttribute('data-ready'));
}

/** The text area's selection: the line it starts on (1-based) and its text. */
export async function inputSelection(page) {
  return page.locator('[data-testid="report-input"]').evaluate((a) => [a.value.slice(0, a.selectionStart).split('\n').length, a.value.slice(a.selectionStart, a.selectionEnd)]);
}

/** Types 。 at the end of the text and waits for its check (typing is checked after a
 * pause, in a worker, where a paste of a report is checked on the page at once). */
export async function typeAndCheck(page) {
  await page.locator('[data-testid="report-input"]').press('End');
  await page.keyboard.type('。');
  await page.waitForSelector('[data-testid="summary"][data-check-started="request"]');
}

/** What the browser alone takes for a paste: from the paste event to the next frame in
 * a bare text area styled as the page's, and when a task posted at the paste first
 * ran (printed beside the page's own figure). */
export const floors = new Map();
export async function bareTextareaPaste(page, text, retry = true) {
  // In front, as paste() does: a page in the background gets no paste (a run on CI
  // once waited here until the suite's guard ended it).
  await page.bringToFront();
  await page.goto(origin + '/bare-textarea.html');
  await page.locator('#report-input').click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const measured = page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('no paste event within 10 s')), 10000);
    document.getElementById('report-input').addEventListener('paste', () => {
      const t0 = performance.now();
      // The earliest anything asynchronous (a worker's reply, a timer) can run after a
      // paste: Chromium holds every task until the frame showing the paste is drawn.
      let firstTask = null;
      setTimeout(() => { firstTask = performance.now() - t0; }, 0);
      requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - t0, firstTask]), 0));
    }, { once: true, capture: true });
  }));
  await page.keyboard.press('Control+V');
  return measured.catch((e) => {
    if (!retry) throw e;
    return bareTextareaPaste(page, text, false);
  });
}

/** The five seed reports of the shared corpus. */
export const samples = ['000_05aca1268dbb5a45', '001_e5a8dc90a2ee1929', '002_7f8cb9d4cf28011f', '003_12bbc16d07ceb1d3', '004_1feac183b5673ebd'];

/** Drops c007.docx through the file picker and asserts its cells. */
export async function dropDocx(page) {
  await page.locator('[data-testid="file-input"]').setInputFiles(path.join(fixtures, 'synthetic/c007.docx.docx'));
  await page.waitForSelector('[data-doc="c007.docx.docx"]');
  await page.waitForSelector('[data-rule="section-missing"]');
  const truth = JSON.parse(fs.readFileSync(path.join(fixtures, 'synthetic/c007.truth.json'), 'utf8'));
  for (const [key, v] of Object.entries(truth.cells)) {
    if (key.startsWith('t4.')) continue; // the planted mistake removed section 四 with its table
    const got = await page.locator(`[data-cell="${key}"]`).getAttribute('data-value');
    eq(got === '' ? 0 : Number(got), v, key);
  }
  assert(await page.locator('[data-cell="t4.review.total"].missing').count() === 1, 't4 cells are missing, not invented');
}

/** The reference report of one agency for two years (the rules' example fixtures), and
 * section 五 of a text; `file` makes a dropped file of a text. */
export function twoYears() {
  const examples = path.resolve(here, '../tests/fixtures/examples');
  return {
    previous: fs.readFileSync(path.join(examples, '2021-previous.txt'), 'utf8'),
    current: fs.readFileSync(path.join(examples, '2021.txt'), 'utf8'),
    section5: (t) => t.slice(t.indexOf('五、存在的主要问题及改进情况\n'), t.indexOf('六、其他需要报告的事项')),
    file: (name, text) => ({ name, bytes: [...Buffer.from(text, 'utf8')] }),
  };
}


// The reviewer's batches (scripts/batch-fixtures), with the command line's rows for them.
export const batchDir = path.resolve(expectedDir, '../batch');

/** The longest gap between two frames while `act` runs and the page settles after it
 * (a gap includes one frame: 100 ms is five frames of 16.7 ms and the one drawn). */
export async function gapDuring(page, act, settle = 500) {
  await watchFrames(page);
  await act();
  await page.waitForTimeout(settle);
  return longestFrameGap(page);
}

/** [`gapDuring`], with the longest task on the page's thread meanwhile:
 * `{ gap, task }` in ms. */
export async function framesDuring(page, act, settle = 500) {
  const gap = await gapDuring(page, act, settle);
  return { gap, task: await longestTask(page) };
}

/** Turns a Word/web copy (one tab-indented cell per line, rows ended by an empty line,
 * a line without a tab continuing the cell above) back into the HTML it came from. */
export function wordCopyToHtml(text) {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [];
  let rows = null; let row = null; let prevCell = false;
  const endRow = () => { if (row && row.length) rows.push(row); row = null; };
  const endTable = () => { endRow(); if (rows && rows.length) out.push(`<table><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`); rows = null; };
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) { rows ??= []; row ??= []; row.push(line.trim()); prevCell = true; }
    else if (!line.trim()) { if (rows) endRow(); prevCell = false; }
    else if (prevCell && row) { row[row.length - 1] += line.trim(); }
    else { endTable(); out.push(`<p>${esc(line)}</p>`); prevCell = false; }
  }
  endTable();
  return out.join('');
}

/** A report made canonical for comparison: keys sorted at every level. */
export const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));

/** The report the element reported last, and its panel's counts. */
export async function panelOf(frameOrPage, selector) {
  return frameOrPage.locator(selector).evaluate((el) => ({
    report: el.report,
    counts: [...el.shadowRoot.querySelectorAll('.count')].map((c) => c.textContent),
    findings: [...el.shadowRoot.querySelectorAll('li[data-rule]')].map((li) => li.dataset.rule),
  }));
}

/** The WCAG 2.1 A and AA violations axe-core (npm) finds in the page as it is now,
 * shadow roots included, as `rule: target` lines. */
export async function axeViolations(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(fs.readFileSync(path.resolve(here, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} (${n.failureSummary.replace(/\s+/g, ' ')})`).join(' ')}`);
  });
  return found.map((v) => `${state}: ${v}`);
}

/** Presses Tab (Shift+Tab when `back`) until the focus is on `selector`, as a keyboard
 * user would; fails when it never gets there. The focused element must show it. */
/** Presses Space on the focused file input and resolves to the file chooser it opens.
 * Headless Chromium now and then drops the chooser of a page opened after many others in
 * one browser (seen 2 times in 6 runs, never on a page by itself), as a person's press
 * can go unheard: pressed once more then, the second press must open it. */
export async function chooserBySpace(page) {
  await page.bringToFront();
  for (const timeout of [5000, 30000]) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout }).catch(() => null), page.keyboard.press('Space')]);
    if (chooser) return chooser;
  }
  throw new Error('Space on the file input opens no file chooser');
}

export async function tabTo(page, selector, back = false) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) {
      const shown = await page.evaluate(() => {
        const e = document.activeElement;
        const ring = (el) => { const c = getComputedStyle(el); return c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0; };
        return ring(e) || (e.parentElement && ring(e.parentElement)) || (e.closest('label') && ring(e.closest('label')));
      });
      assert(shown, `${selector}: the focus is shown`);
      return;
    }
  }
  throw new Error(`${selector} cannot be reached with ${back ? 'Shift+Tab' : 'Tab'}`);
}
