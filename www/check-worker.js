// The page's checking worker. src/web/checker.rs starts it from a Blob (from a data:
// URL in the offline file, whose modules are data: URLs), with
//   import * as core from '<the page's wasm-bindgen module>';
//   import { readFile } from '<www/read-file.js, as the page has it>';
// put before this text: the page's own WebAssembly module, compiled once by the page and
// posted here first, checks reports off the main thread, so that no file can freeze the
// tab. The page ends a check that runs too long by terminating this worker and starting
// another.
//
// Messages in (src/web/checker.rs, post): { id, request } (a check: src/job's Request,
// as JSON, answered by the core as <nianbao-check>'s worker answers it), { id, file,
// name, entry } (a file's Blob, or the slice of an archive a report is in, read here by
// the file readers' module, which read-file.js loads the first time one comes: its text
// comes back as a request) or { id, archive } (a reviewer's .zip, whose report files are
// listed). Out: { id, ms } with { reply } (the Reply, as JSON), { listed } or { error }.
/* global core, readFile, readEntry, unzipReports */
let readers = {};

self.onmessage = (event) => {
  const m = event.data;
  if (m.module) {
    core.initSync({ module: m.module });
    readers = m.readers || {};
    // Checks two samples at once, as a paste is checked, so that the user's first
    // check runs on compiled code (see warmUpJobs).
    let warm = '';
    for (const request of core.warmUpJobs()) warm = core.runCheckJob(request);
    self.postMessage({ warmUp: warm });
    return;
  }
  const t0 = performance.now();
  const check = (request) => ({ reply: core.runCheckJob(request) });
  let job;
  if (m.file) {
    const read = m.entry ? readEntry(readers, m.file, m.entry, m.name) : readFile(readers, m.file, m.name);
    job = read.then((r) => (r.request != null ? check(r.request) : r));
  } else if (m.archive) {
    job = unzipReports(readers, m.archive);
  } else {
    job = Promise.resolve().then(() => check(m.request));
  }
  job.catch((e) => {
    // A trap (the core never throws for bad input): this instance cannot be trusted
    // any more, so the page starts a new worker.
    return { error: String((e && e.message) || e), broken: true };
  }).then((reply) => {
    reply.id = m.id;
    reply.ms = performance.now() - t0;
    self.postMessage(reply);
  });
};
