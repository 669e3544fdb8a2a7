// The page's checking worker. src/web/checker.rs starts it from a Blob (from a data:
// URL in the offline file, whose modules are data: URLs), with
//   import * as core from '<the page's wasm-bindgen module>';
//   import { readFile } from '<www/read-file.js, as the page has it>';
// put before this text: the page's own WebAssembly module, compiled once by the page and
// posted here first, checks reports off the main thread, so that no file can freeze the
// tab. A file is read first by the file readers' module, which read-file.js loads the
// first time one comes. The page ends a check that runs too long by terminating this
// worker and starting another.
/* global core, readFile, unzipReports */
let readers = {};

self.onmessage = (event) => {
  const m = event.data;
  if (m.module) {
    core.initSync({ module: m.module });
    readers = m.readers || {};
    // Checks two samples at once, as a paste is checked, so that the user's first
    // check runs on compiled code (see warmUpJobs).
    let warm = {};
    for (const [text, source] of core.warmUpJobs()) warm = core.runCheckJob('text', text, source, '', '');
    self.postMessage({ warmUp: warm.report || '' });
    return;
  }
  const t0 = performance.now();
  let job;
  if (m.kind === 'file') {
    job = readFile(readers, m.bytes, m.name).then((read) => (read.error != null ? read : core.runCheckJob('read', read.text, read.source, '', '')));
  } else if (m.kind === 'unzip') {
    // A reviewer's .zip: its report files go back to the page, which checks each.
    job = unzipReports(readers, m.bytes);
  } else {
    job = Promise.resolve().then(() => core.runCheckJob(m.kind, m.text || '', m.source || '', m.before || '', m.after || ''));
  }
  job.catch((e) => {
    // A trap (the core never throws for bad input): this instance cannot be trusted
    // any more, so the page starts a new worker.
    return { error: String((e && e.message) || e), broken: true };
  }).then((reply) => {
    reply.id = m.id;
    reply.ms = performance.now() - t0;
    // An archive's files move to the page rather than being copied.
    const moved = (reply.entries || []).filter((e) => e.bytes).map((e) => e.bytes.buffer);
    self.postMessage(reply, moved);
  });
};
