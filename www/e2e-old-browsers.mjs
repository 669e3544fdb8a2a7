// The page, the offline file and <nianbao-check> on the browsers of 信创 and intranet
// PCs: real headless Chromium 80 and 92 (www/old-browsers/: builds that npm packages
// carry), driven by puppeteer-core 2.1.1, on Node's own test runner.
//
//   node www/e2e-old-browsers.mjs DIST_DIR EXPECTED_DIR [VERSION…]
//
// EXPECTED_DIR holds the CLI's JSON for the samples and the batches, as scripts/test
// writes them for e2e.mjs. Each browser runs with --single-process (one tab, which
// each test navigates: these builds crash when a second page opens here).
import { describe, test, before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from './old-browsers/node_modules/puppeteer-core/index.js';
import { browser as oldBrowser, VERSIONS } from './old-browsers/unpack.mjs';
import { serve } from './static-server.mjs';
import { pasteToResults } from './page-actions.mjs';
import {
  assert, eq, fixtures, sample, expectedOf, testRoutes, until, summaryOf, assertMatchesCli, assertMatchesTruth,
  busyPdf, dropFiles, fileOf, batchRows, rowsMatchCli, nextFrame,
} from './e2e-shared.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const [distDir, expectedDir, ...only] = process.argv.slice(2);
const batchDir = path.resolve(expectedDir, '../batch');
const versions = only.length ? only : VERSIONS;
/** One test's limit: the slowest (the batch, the busy PDFs) take well under a minute. */
const LIMIT = { timeout: 120000 };
/** Console errors a browser logs that are not the page's fault, each with why. */
const EXPECTED_ERRORS = [
  // A test's own script failing in the page (a paste that the browser dropped, tried
  // again): that test reports it; the page logged nothing.
  /at __puppeteer_evaluation_script__/,
];

const routes = testRoutes(distDir);
const { origin, close: closeServer } = await serve(distDir, (pathname) => {
  // TinyMCE 5, the CMSs' editor on these PCs (TinyMCE 8 itself needs Chromium 92).
  if (pathname.startsWith('/editors/tinymce/')) return path.join(here, 'old-browsers/node_modules/tinymce', decodeURIComponent(pathname.slice('/editors/tinymce/'.length)));
  return routes(pathname);
});
const offlineUrl = new URL(`file://${path.resolve(distDir, 'nianbao-offline.html')}`).href;
/** Figures printed at the end (measured, never asserted). */
const figures = [];

for (const version of versions) {
  describe(`Chromium ${version}`, () => {
    let browser;
    let page;
    const consoleErrors = [];
    let current = '';

    before(async () => {
      const { executablePath, env } = oldBrowser(version);
      browser = await puppeteer.launch({
        executablePath,
        env,
        headless: true,
        defaultViewport: { width: 1440, height: 1000 },
        args: ['--no-sandbox', '--no-zygote', '--single-process', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
      });
      figures.push(`Chromium ${version}: ${await browser.version()}`);
      [page] = await browser.pages();
      page.setDefaultTimeout(30000);
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${current}: ${m.text()}`); });
      page.on('pageerror', (e) => consoleErrors.push(`${current}: ${e.message}`));
    });
    after(async () => { if (browser) await browser.close(); });

    /** Lets pages of `url`'s origin use the clipboard (Chromium 80 wants an origin
     * named; 92 names the permissions as later builds do, 80 by their older names). */
    async function grantClipboard(url) {
      const origin = url.startsWith('file:') ? 'file://' : new URL(url).origin;
      const cdp = browser._connection;
      await cdp.send('Browser.grantPermissions', { origin, permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] })
        .catch(() => cdp.send('Browser.grantPermissions', { origin, permissions: ['clipboardRead', 'clipboardWrite'] }));
    }

    /** A test on this browser's one tab, named in the console errors it causes.
     * E2E_ONLY=words runs only the tests whose name has them (as in e2e.mjs). */
    const it = (name, fn) => test(name, { ...LIMIT, skip: Boolean(process.env.E2E_ONLY) && !name.includes(process.env.E2E_ONLY) && name !== 'no console errors' }, async () => { current = name; await fn(); });

    /** Opens `url` with no draft, and waits until the page is ready (its worker warmed
     * up, its first render rehearsed); returns when, in ms after it began to load. */
    async function open(url = `${origin}/`) {
      await grantClipboard(url);
      await page.goto(url);
      await page.waitForSelector('[data-testid="report-input"]');
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('html[data-ready]');
      return Number(await page.evaluate(() => document.documentElement.dataset.ready));
    }

    /** Empties the text area and pastes `text` through the clipboard with Ctrl+V, as a
     * person does; returns the milliseconds from the paste event to painted results. */
    async function paste(text, retry = true) {
      await page.bringToFront();
      await page.click('[data-testid="report-input"]');
      // The keys go where the focus is: wait until it is in the text area (a tab just
      // switched draws the text area anew).
      await page.waitForFunction(() => {
        const area = document.querySelector('[data-testid="report-input"]');
        if (document.activeElement !== area) area.focus();
        return document.activeElement === area;
      });
      await page.evaluate(() => {
        const area = document.querySelector('[data-testid="report-input"]');
        area.select();
      });
      await page.keyboard.press('Delete');
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      const measured = page.evaluate(pasteToResults);
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyV');
      await page.keyboard.up('Control');
      try {
        const [ms] = await measured;
        return ms;
      } catch (e) {
        // As on current Chromium (page-actions.mjs), a synthetic Ctrl+V is now and then
        // dropped by a headless browser; the page is not at fault: once more.
        if (retry && /no paste event/.test(e.message)) return paste(text, false);
        throw e;
      }
    }

    /** Types `text` at the end of the text area (one input event, as an IME commits
     * it) and waits for the check that follows the pause. */
    async function type(text) {
      await page.click('[data-testid="report-input"]');
      await page.keyboard.press('End');
      await page.evaluate(() => { const a = document.querySelector('[data-testid="report-input"]'); a.selectionStart = a.selectionEnd = a.value.length; });
      await page.keyboard.sendCharacter(text);
      // A typed change is checked after its pause ("request"), where a paste was checked
      // at its paste event: each test types after a paste, or into an empty page.
      await until(page, () => {
        const s = document.querySelector('[data-testid="summary"]');
        return s && s.dataset.checkStarted === 'request' && !document.querySelector('[data-checking]');
      }, null, { what: 'the typed text checked' });
    }

    /** Picks files through 打开文件, as the browser's file dialog gives them (the
     * DevTools call puppeteer 2.1.1's uploadFile lacks: it fetches a data: URL in the
     * page, which the page's policy rightly refuses). */
    async function pick(...files) {
      const input = await page.$('[data-testid="file-input"]');
      // The browser fires the input's change event itself, as after its dialog.
      await page._client.send('DOM.setFileInputFiles', { objectId: input._remoteObject.objectId, files });
    }

    it('a paste of each sample gives the CLI\'s cells and findings, checked at the paste', async () => {
      const times = [];
      for (const s of ['000_05aca1268dbb5a45.txt', '001_e5a8dc90a2ee1929.txt', '002_7f8cb9d4cf28011f.txt', '003_12bbc16d07ceb1d3.txt', '004_1feac183b5673ebd.txt', 'real/006.txt']) {
        const ready = await open();
        const ms = await paste(sample(s));
        const cells = await assertMatchesCli(page, expectedOf(expectedDir, s));
        const summary = await summaryOf(page);
        eq([summary.checkStarted, summary.checkedIn], ['paste', 'page'], `${s}: a report-sized paste is checked at its paste event, on the page`);
        times.push(`${s.replace(/_.*|\.txt/g, '')} ${ms.toFixed(0)} ms (ready at ${ready} ms, ${cells} cells)`);
      }
      figures.push(`Chromium ${version}, first paste to painted results: ${times.join('; ')}`);
    });

    it('typed text gives the CLI\'s cells and findings, checked in the worker', async () => {
      await open();
      await type(sample('002_7f8cb9d4cf28011f.txt'));
      await assertMatchesCli(page, expectedOf(expectedDir, '002_7f8cb9d4cf28011f.txt'));
      eq((await summaryOf(page)).checkedIn, 'worker', 'typing is checked in the worker');
    });

    it('a PDF and a Word file picked together are read and checked in the worker', async () => {
      await open();
      await pick(path.join(fixtures, 'synthetic/c010.pdf.pdf'), path.join(fixtures, 'synthetic/c007.docx.docx'));
      await page.waitForSelector('[data-doc="c010.pdf.pdf"]');
      await page.click('[data-doc="c010.pdf.pdf"]');
      await page.waitForSelector('[data-rule="late-publication"]');
      await assertMatchesTruth(page, 'synthetic/c010.truth.json');
      eq((await summaryOf(page)).checkedIn, 'worker', 'the PDF read and checked in the worker');
      await page.click('[data-doc="c007.docx.docx"]');
      await page.waitForSelector('[data-rule="section-missing"]');
      // The planted mistake removed section 四 with its table.
      await assertMatchesTruth(page, 'synthetic/c007.truth.json', (key) => key.startsWith('t4.'));
      eq((await summaryOf(page)).checkedIn, 'worker', 'the .docx read and checked in the worker');
    });

    it('a busy PDF: the page paints while the worker reads it, and 取消检查 ends it', async () => {
      await open();
      await dropFiles(page, [{ name: 'busy.pdf', bytes: [...busyPdf()] }]);
      await page.waitForSelector('[data-testid="check-status"]');
      const frames = [];
      for (let i = 0; i < 5; i++) frames.push(await nextFrame(page));
      assert(await page.$('[data-testid="check-status"]'), 'the check was still running while the page painted');
      assert(Math.max(...frames) < 250, `frames during the check: ${frames.map((f) => f.toFixed(0)).join(', ')} ms`);
      await page.click('[data-testid="cancel-check"]');
      await page.waitForSelector('[data-testid="check-cancelled"]');
      assert((await page.$eval('[data-testid="check-cancelled"]', (e) => e.textContent)).includes('busy.pdf'), 'the message names the file');
      figures.push(`Chromium ${version}, frames while a busy PDF is read in the worker: ${frames.map((f) => f.toFixed(0)).join(', ')} ms`);
      // A new worker takes the next check.
      await page.click('[data-doc="粘贴的文本"]');
      await paste(sample('003_12bbc16d07ceb1d3.txt'));
      await type('。');
      eq((await summaryOf(page)).checkedIn, 'worker', 'the next check runs in a new worker');
    });

    it('a zip of reports fills the batch summary as the command line does', async () => {
      await open();
      await pick(path.join(batchDir, '收到的报告.zip'));
      await page.waitForSelector('[data-testid="batch-summary"]');
      const rows = await batchRows(page);
      rowsMatchCli(rows, JSON.parse(fs.readFileSync(path.join(batchDir, 'summary-zip.json'), 'utf8')));
      eq(rows.length, 20, 'a row per report');
      await page.click('tr[data-report="收到的报告.zip/乡镇/c010.pdf.pdf"]');
      await page.waitForSelector('[data-rule="late-publication"]');
    });

    it('the offline file, opened from disk: a paste, typing and a PDF, with no request', async () => {
      const requests = [];
      const onRequest = (r) => requests.push(r.url());
      page.on('request', onRequest);
      try {
        await open(offlineUrl);
        await paste(sample('002_7f8cb9d4cf28011f.txt'));
        await assertMatchesCli(page, expectedOf(expectedDir, '002_7f8cb9d4cf28011f.txt'));
        await type('。');
        eq((await summaryOf(page)).checkedIn, 'worker', 'typing checked in the offline file\'s worker');
        await dropFiles(page, [fileOf('synthetic/c010.pdf.pdf')]);
        await page.waitForSelector('[data-doc="c010.pdf.pdf"]');
        await page.click('[data-doc="c010.pdf.pdf"]');
        await page.waitForSelector('[data-rule="late-publication"]');
        await assertMatchesTruth(page, 'synthetic/c010.truth.json');
        eq((await summaryOf(page)).checkedIn, 'worker', 'the PDF read in the offline file\'s worker');
      } finally {
        page.removeListener('request', onRequest);
      }
      eq([...new Set(requests.filter((u) => !u.startsWith('data:')))], [offlineUrl], 'the only request is the file itself');
    });

    it('<nianbao-check> bound to a text area: typed text gives the CLI\'s report, checked in its worker', async () => {
      await page.goto(`${origin}/e2e/twice.html`);
      await until(page, () => customElements.get('nianbao-check'), null, { what: 'the element defined' });
      await page.click('#b');
      await page.keyboard.sendCharacter(sample('003_12bbc16d07ceb1d3.txt'));
      const expected = expectedOf(expectedDir, '003_12bbc16d07ceb1d3.txt');
      await until(page, () => document.getElementById('check-b').report, null, { what: 'the element\'s report' });
      const got = await page.evaluate(() => {
        const el = document.getElementById('check-b');
        return { cells: el.report.cells, where: el.checkedIn, findings: [...el.shadowRoot.querySelectorAll('li[data-rule]')].map((li) => li.dataset.rule) };
      });
      const wrong = Object.keys(expected.cells).filter((k) => !got.cells[k] || got.cells[k].value !== expected.cells[k].value);
      eq(wrong, [], 'cells that differ from the CLI\'s');
      eq(got.findings.sort(), expected.findings.map((f) => f.rule).sort(), 'the panel lists the CLI\'s findings');
      eq(got.where, 'worker', 'checked in the element\'s worker');
      // A finding leads to its line in the text area.
      await page.evaluate(() => document.getElementById('check-b').shadowRoot.querySelector('li[data-rule="year-mismatch"]').click());
      eq(await page.$eval('#b', (t) => t.value.slice(t.selectionStart, t.selectionEnd)), '吴城镇人民政府2021年政府信息公开工作年度报告', 'the title line is selected');
    });

    it('<nianbao-check> beside TinyMCE: content set through the editor gives the CLI\'s report', async () => {
      await page.goto(`${origin}/e2e/editor.html?editor=tinymce&order=late`);
      await until(page, () => window.editorPage || window.editorFailed, null, { timeout: 30000, what: 'TinyMCE started' });
      const failed = await page.evaluate(() => window.editorFailed);
      if (failed) throw new Error(`TinyMCE did not start: ${failed}`);
      const text = sample('003_12bbc16d07ceb1d3.txt');
      const paragraphs = text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;') || '<br>'}</p>`).join('');
      await page.evaluate((h) => window.editorPage.set(h), paragraphs);
      const expected = expectedOf(expectedDir, '003_12bbc16d07ceb1d3.txt');
      const want = expected.cells['t3.new.total'].value;
      await until(page, (want) => { const r = document.getElementById('checker').report; return r && r.cells['t3.new.total'] && r.cells['t3.new.total'].value === want; }, want, { what: 'the element\'s report of the editor' });
      const got = await page.evaluate(() => ({ cells: document.getElementById('checker').report.cells, where: document.getElementById('checker').checkedIn }));
      eq(Object.keys(expected.cells).filter((k) => !got.cells[k] || got.cells[k].value !== expected.cells[k].value), [], 'cells that differ from the CLI\'s');
      eq(got.where, 'worker', 'checked in the element\'s worker');
    });

    it('no console errors', () => {
      const unexpected = consoleErrors.filter((e) => !EXPECTED_ERRORS.some((x) => x.test(e)));
      eq(unexpected, [], 'console errors');
    });
  });
}

after(() => {
  closeServer();
  for (const f of figures) console.log(f);
});
