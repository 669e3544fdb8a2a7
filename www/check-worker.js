// The page's checking worker. src/web/checker.rs starts it from a Blob, with
// `import * as core from '<the page's wasm-bindgen module>';` put before this text:
// the page's own WebAssembly module, compiled once by the page and posted here first,
// checks reports off the main thread, so that no file can freeze the tab. The page
// ends a check that runs too long by terminating this worker and starting another.
/* global core */
self.onmessage = (event) => {
  const m = event.data;
  if (m.module) {
    core.initSync({ module: m.module });
    return;
  }
  const t0 = performance.now();
  let reply;
  try {
    reply = core.runCheckJob(m.kind, m.name, m.text || '', m.source || '', m.bytes || new Uint8Array(0), m.before || '', m.after || '');
  } catch (e) {
    // A trap (the core never throws for bad input): this instance cannot be trusted
    // any more, so the page starts a new worker.
    reply = { error: String((e && e.message) || e), broken: true };
  }
  reply.id = m.id;
  reply.ms = performance.now() - t0;
  self.postMessage(reply);
};
