// What both browser suites share: the current Chromium's (e2e.mjs, driven by Playwright)
// and the real Chromium 80 and 92's (e2e-old-browsers.mjs, driven by puppeteer-core
// 2.1.1, the driver that speaks their protocol). Everything here reads the page through
// `page.evaluate` and `page.$$eval`, which both drivers have with the same meaning.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { types } from './static-server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
/** The corpus samples the tests paste and drop. */
export const fixtures = path.resolve(here, '../tests/fixtures/corpus');
/** The test-only pages (not part of dist/). */
export const testPages = path.resolve(here, 'e2e-pages');

export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export function eq(a, b, msg) { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${msg}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }

/** A corpus sample's text. */
export const sample = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8');
/** The CLI's JSON for a sample (scripts/test writes them to EXPECTED_DIR). */
export const expectedOf = (expectedDir, name) => JSON.parse(fs.readFileSync(path.join(expectedDir, `${path.basename(name)}.json`), 'utf8'));

/** The static server's extra routes (static-server.mjs `serve(dir, route)`): the test
 * pages, the rich editors from npm, a bare text area styled as the page's, and the page
 * under a policy that forbids workers. */
export function testRoutes(distDir) {
  return (pathname) => {
    if (pathname.startsWith('/e2e/')) return path.join(testPages, decodeURIComponent(pathname.slice(5)));
    // The rich editors of the <nianbao-check> tests, installed from npm (www/editors/).
    if (pathname.startsWith('/editors/')) return path.join(here, 'editors/node_modules', decodeURIComponent(pathname.slice(9)));
    // A bare text area styled as the page's: what a paste costs the browser alone.
    if (pathname === '/bare-textarea.html') {
      const css = fs.readdirSync(distDir).find((f) => /^style-.*\.css$/.test(f));
      return [types['.html'], `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="/${css}"></head><body><textarea id="report-input" wrap="off" data-testid="report-input"></textarea></body></html>`];
    }
    // The page under a policy that forbids workers, as some host pages have.
    if (pathname === '/no-worker.html') {
      return [types['.html'], fs.readFileSync(path.join(distDir, 'index.html'), 'utf8').replace("worker-src 'self' blob:", "worker-src 'none'")];
    }
    return undefined;
  };
}

/** Polls `fn(arg)` in the page until it returns something truthy, which it returns. */
export async function until(page, fn, arg = null, { timeout = 15000, what = 'the page' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The summary's data attributes (data-checked-in, data-check-started, …) and text. */
export function summaryOf(page) {
  return page.evaluate(() => {
    const s = document.querySelector('[data-testid="summary"]');
    return s ? { ...s.dataset, text: s.textContent } : null;
  });
}

/** Every rendered cell and finding, and the summary's counts, against the CLI's report
 * for the same text. Returns the number of cells compared. */
export async function assertMatchesCli(page, expected) {
  const cells = await page.$$eval('[data-cell]', (els) => els.map((e) => [e.dataset.cell, e.dataset.value, e.classList.contains('missing')]));
  assert(cells.length >= 198, `only ${cells.length} cells rendered`);
  for (const [key, value, missing] of cells) {
    const want = expected.cells[key];
    if (want === undefined) { assert(missing, `${key} is not in the CLI report but is not marked missing`); continue; }
    eq(value, want.value === null ? '' : String(want.value), `cell ${key}`);
  }
  const findings = await page.$$eval('[data-rule][data-severity]', (els) => els.map((e) => [e.dataset.rule, e.dataset.severity, e.dataset.cells]));
  const want = expected.findings.map((f) => [f.rule, f.severity, f.cells.join(' ')]);
  const sortKey = (a) => a.map((x) => x.join('|')).sort();
  eq(sortKey(findings), sortKey(want), 'findings');
  const summary = await summaryOf(page);
  eq(summary.errors, String(expected.summary.errors), 'summary errors');
  eq(summary.warnings, String(expected.summary.warnings), 'summary warnings');
  if (expected.meta.agency) assert(summary.text.includes(expected.meta.agency), 'summary shows the agency');
  return cells.length;
}

/** Every cell of a truth file (`*.truth.json`) as the page shows it (a blank is 0). */
export async function assertMatchesTruth(page, truthFile, skip = () => false) {
  const truth = JSON.parse(fs.readFileSync(path.join(fixtures, truthFile), 'utf8'));
  const shown = Object.fromEntries(await page.$$eval('[data-cell]', (els) => els.map((e) => [e.dataset.cell, e.dataset.value])));
  for (const [key, v] of Object.entries(truth.cells)) {
    if (skip(key)) continue;
    const got = shown[key];
    eq(got === '' ? 0 : Number(got), v, key);
  }
  return truth;
}

/** A hostile PDF that keeps the reader busy until its work budget ends it: one
 * 3 MB content stream that inflates to 27 MB, drawn 200 times. */
export function busyPdf() {
  const objs = [];
  const add = (o) => objs.push(Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'));
  const data = zlib.deflateSync(Buffer.from('BT /F1 12 Tf 100 700 Td (x) Tj ET\n'.repeat(800000)), { level: 9 });
  add('<</Type/Catalog/Pages 2 0 R>>');
  add('<</Type/Pages/Kids[3 0 R]/Count 1>>');
  add(`<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>/Contents [${Array(200).fill('4 0 R').join(' ')}]>>`);
  add(Buffer.concat([Buffer.from(`<</Filter/FlateDecode/Length ${data.length}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets = [];
  let at = parts[0].length;
  objs.forEach((o, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), o, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at); at += chunk.length; parts.push(chunk);
  });
  let xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  xref += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** Drops `files` ({name, bytes}) on the input pane, as a user drags them in. */
export async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    const target = document.querySelector('.input-pane');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** A file of the corpus as dropFiles takes it. */
export const fileOf = (rel, name = path.basename(rel)) => ({ name, bytes: [...fs.readFileSync(path.join(fixtures, rel))] });

/** Waits until the batch summary has every report checked; returns its rows as shown. */
export async function batchRows(page, timeout = 60000) {
  await until(page, () => {
    const s = document.querySelector('[data-testid="batch-summary"]');
    return s && s.dataset.total !== '0' && s.dataset.checked === s.dataset.total;
  }, null, { timeout, what: 'every report of the batch checked' });
  return page.$$eval('[data-testid="batch-summary"] tbody tr', (trs) => trs.map((tr) => ({
    file: tr.dataset.report,
    errors: Number(tr.dataset.errors),
    warnings: Number(tr.dataset.warnings),
    unreadable: tr.dataset.unreadable !== undefined,
    text: tr.textContent,
  })));
}

/** The page's rows say what `nianbao summary --format json` says of the same batch. */
export function rowsMatchCli(rows, expected) {
  eq(rows.map((r) => r.file).sort(), expected.map((r) => r.file).sort(), 'one row per report, named as the command line names it');
  const shown = new Map(rows.map((r) => [r.file, r]));
  for (const want of expected) {
    const got = shown.get(want.file);
    if (want.unreadable) {
      assert(got.unreadable && got.text.includes(want.unreadable), `${want.file}: unreadable, saying why (${got.text})`);
      continue;
    }
    eq([got.errors, got.warnings], [want.errors, want.warnings], `${want.file}: errors and warnings`);
    if (want.agency) assert(got.text.includes(want.agency), `${want.file}: agency ${want.agency} in ${got.text}`);
    if (want.published) assert(got.text.includes(want.published), `${want.file}: signature date`);
  }
}

/** The milliseconds until the page paints its next frame: how long the main thread is
 * held at this moment (a frozen tab answers late or not at all). */
export function nextFrame(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const t = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t));
  }));
}

/** A .zip of `files` ({name, bytes}), deflated, made here as an archiver would (the
 * tests' archives are made, not committed). */
export function zipOf(files) {
  const local = [];
  const central = [];
  let at = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = zlib.deflateRawSync(Buffer.from(f.bytes));
    const head = (sig, isCentral) => {
      const h = Buffer.alloc(isCentral ? 46 : 30);
      h.writeUInt32LE(sig, 0);
      let o = 4;
      if (isCentral) { h.writeUInt16LE(20, o); o += 2; }
      h.writeUInt16LE(20, o); h.writeUInt16LE(0x0800, o + 2); h.writeUInt16LE(8, o + 4);
      o += 6 + 8; // time, date, crc (not checked by the reader)
      h.writeUInt32LE(data.length, o); h.writeUInt32LE(f.bytes.length, o + 4); h.writeUInt16LE(name.length, o + 8);
      if (isCentral) h.writeUInt32LE(at, 42);
      return Buffer.concat([h, name]);
    };
    const l = Buffer.concat([head(0x04034b50, false), data]);
    central.push(head(0x02014b50, true));
    local.push(l);
    at += l.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(at, 16);
  return Buffer.concat([...local, cd, end]);
}

/** Starts recording the gaps between the page's frames (a frozen tab paints none), and
 * the page's own long tasks (over 50 ms on its thread; Chromium has had them since 58). */
export function watchFrames(page) {
  return page.evaluate(() => {
    const w = { max: 0, last: performance.now(), on: true, task: 0 };
    window.__frames = w;
    const tick = (t) => { w.max = Math.max(w.max, t - w.last); w.last = t; if (w.on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    if (window.__tasks) window.__tasks.disconnect();
    window.__tasks = new PerformanceObserver((list) => {
      if (w.on) for (const e of list.getEntries()) w.task = Math.max(w.task, e.duration);
    });
    window.__tasks.observe({ entryTypes: ['longtask'] });
  });
}

/** Stops [`watchFrames`]; the longest gap between two frames since, in ms. */
export function longestFrameGap(page) {
  return page.evaluate(() => { window.__frames.on = false; return window.__frames.max; });
}

/** After [`longestFrameGap`]: the longest task on the page's thread meanwhile, in ms (0:
 * none over 50 ms). */
export function longestTask(page) {
  return page.evaluate(() => window.__frames.task);
}
