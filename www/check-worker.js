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
    // An archive's files go to the page packed, their bytes in one buffer that moves
    // rather than being copied.
    if (reply.entries) {
      reply.packed = packed(reply.entries);
      delete reply.entries;
      self.postMessage(reply, [reply.packed.bytes.buffer]);
    } else {
      self.postMessage(reply);
    }
  });
};

// An archive's entries ({ name, bytes } or { name, error } each) as the page reads them
// back (src/web/worker.rs): every file's bytes in one buffer, with the names and where
// each file starts and ends beside it, and the errors by entry. A message of thousands
// of small objects took the page's thread a frame of 100–200 ms to take in.
function packed(entries) {
  let size = 0;
  for (const e of entries) if (e.bytes) size += e.bytes.length;
  const bytes = new Uint8Array(size);
  const starts = new Uint32Array(entries.length);
  const ends = new Uint32Array(entries.length);
  const names = [];
  const errors = [];
  let at = 0;
  entries.forEach((e, i) => {
    names.push(e.name);
    if (e.bytes) {
      bytes.set(e.bytes, at);
      starts[i] = at;
      at += e.bytes.length;
      ends[i] = at;
    } else {
      errors.push([i, e.error]);
    }
  });
  return { names, starts, ends, errors, bytes };
}
