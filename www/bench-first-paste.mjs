// First paste to results, cold, many times over: the browser tests' measurement
// (page-actions.mjs's paste(), as e2e.mjs uses it: from the paste event to the frame
// after the results are in the DOM), repeated so that a change is judged on a
// distribution and not one run.
//
//   node www/bench-first-paste.mjs DIST [ROUNDS]      (scripts/bench-first-paste)
//   NO_READY=1 … pastes without waiting for <html data-ready>; SETTLE_MS=1000 … waits
//   a second instead (to compare with a build that has no such signal)
//   TRACE=1 … also records a Chromium trace of each sample's first paste and prints
//   where the page's main thread spent the time from the paste event on (the paste,
//   the frames, the check's answer and the results' render), to see what to work on
//
// Each round opens every sample in a new tab of one browser, as the tests do: a fresh
// page, its draft cleared, the sample pasted through the clipboard with Ctrl+V.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFresh, paste } from './page-actions.mjs';
import { serve } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(process.argv[2] || path.join(here, '../dist'));
const rounds = Number(process.argv[3] || 10);
const fixtures = path.resolve(here, '../tests/fixtures/corpus');
const samples = ['000_05aca1268dbb5a45', '001_e5a8dc90a2ee1929', '002_7f8cb9d4cf28011f', '003_12bbc16d07ceb1d3', '004_1feac183b5673ebd'];

const { origin, close: closeServer } = await serve(distDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    // CHROMIUM_ARGS: more switches, e.g. --disable-features=DeferRendererTasksAfterInput
    // to schedule tasks as Chromium before that feature (the 信创 browsers' 80–95) did.
    ...(process.env.CHROMIUM_ARGS ? process.env.CHROMIUM_ARGS.split(' ') : [])],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

/** The page's main thread from the paste event on, from a Chromium trace: every task
 * of 1 ms or more, and in it the event handlers, scripts and the frame's stages. */
function mainThread(trace) {
  const events = trace.traceEvents || trace;
  const paste = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'paste');
  if (!paste) return '  (no paste event in the trace)';
  const stages = new Set(['EventDispatch', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit']);
  const rows = events
    .filter((e) => e.ph === 'X' && e.pid === paste.pid && e.tid === paste.tid && e.ts >= paste.ts - 5000 && e.ts <= paste.ts + 150000)
    .filter((e) => (e.name === 'ThreadControllerImpl::RunTask' && e.dur >= 1000) || e.name === 'ProxyMain::BeginMainFrame' || (stages.has(e.name) && e.dur >= 300))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  return rows.map((e) => {
    const what = e.name === 'ThreadControllerImpl::RunTask' ? 'task' : e.name === 'ProxyMain::BeginMainFrame' ? '  frame' : `    ${e.name} ${e.args?.data?.type || ''}`;
    return `  ${((e.ts - paste.ts) / 1000).toFixed(1).padStart(6)} ms  ${(e.dur / 1000).toFixed(1).padStart(5)} ms  ${what}`;
  }).join('\n');
}

async function firstPaste(text, trace) {
  const page = await context.newPage();
  try {
    await openFresh(page, origin + '/');
    // As the browser tests do: paste once the page says it is ready (src/web/rehearsal.rs).
    // NO_READY=1 pastes at once; SETTLE_MS=n waits n ms instead (for a build without
    // the signal).
    if (process.env.SETTLE_MS) await page.waitForTimeout(Number(process.env.SETTLE_MS));
    else if (!process.env.NO_READY) await page.waitForSelector('html[data-ready]', { state: 'attached' });
    if (!trace) return await paste(page, text);
    await browser.startTracing(page, { categories: ['toplevel', 'cc', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const result = await paste(page, text);
    await page.waitForTimeout(100);
    console.log(`${trace} (${result[0].toFixed(1)} ms):\n${mainThread(JSON.parse(await browser.stopTracing()))}`);
    return result;
  } finally {
    await page.close();
  }
}

const figures = new Map(samples.map((s) => [s, []]));
for (let round = 0; round < rounds; round++) {
  for (const s of samples) {
    const trace = process.env.TRACE && round === 0 ? s : null;
    const [ms, check] = await firstPaste(fs.readFileSync(path.join(fixtures, `${s}.txt`), 'utf8'), trace);
    // A traced paste is slowed by the tracing: not counted.
    if (!trace) figures.get(s).push([ms, check]);
  }
}
await browser.close();
closeServer();

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const all = [];
console.log(`first paste to results, cold, ${rounds} rounds (ms): median, max; the check's own median`);
for (const [s, xs] of figures) {
  // TRACE=1 with one round counts no paste (each was traced).
  if (!xs.length) continue;
  const ms = xs.map((x) => x[0]);
  all.push(...ms);
  console.log(`  ${s}: ${median(ms).toFixed(1)}, ${Math.max(...ms).toFixed(1)}; check ${median(xs.map((x) => x[1])).toFixed(1)}`);
}
if (all.length) console.log(`  all: median ${median(all).toFixed(1)}, max ${Math.max(...all).toFixed(1)}, at or under 50 ms: ${all.filter((x) => x <= 50).length} of ${all.length}`);
