// The page's checking worker. src/web/checker.rs starts it from a Blob (from a data:
// URL in the offline file, whose modules are data: URLs), with
//   import * as core from '<the page's wasm-bindgen module>';
//   import { readFile } from '<www/read-file.js, as the page has it>';
// put before this text: the page's own WebAssembly module, compiled once by the page and
// posted here first, checks reports off the main thread, so that no file can freeze the
// tab. A file is read first by the file readers' module, which read-file.js loads the
// first time one comes. The page ends a check that runs too long by terminating this
// worker and starting another.
/* global core, readFile, readEntry, unzipReports */
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
    // A picked file comes as its Blob, a report of an archive as the slice of the
    // archive's Blob it is stored in; either is read here, off the page's thread.
    const read = m.entry ? readEntry(readers, m.blob, m.entry, m.name) : readFile(readers, m.blob, m.name);
    job = read.then((r) => (r.error != null ? r : core.runCheckJob('read', r.text, r.source, '', '')));
  } else if (m.kind === 'unzip') {
    // A reviewer's .zip: its report files are listed, and the page checks each.
    job = unzipReports(readers, m.blob);
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
    self.postMessage(reply);
  });
};
