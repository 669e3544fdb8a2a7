// The checking worker of <nianbao-check>: the checker's module runs here, off the
// page's main thread, so that no text can freeze the editor's tab. The element ends a
// check that runs too long by terminating this worker.
//
// Messages in: { id, request }, a check as src/job's Request ({ check: { text, source } }
// or { html: { html, source } }: an editor's HTML, read as markup; nothing in it
// runs). Out: its Reply ({ text, rows, report, error }, each when there is one) with
// { id, ms }; or { id, error } when the module failed.
import init, { runJob } from './nianbao.js';

const ready = init();

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const reply = runJob(m.request);
    self.postMessage(Object.assign(reply, { id: m.id, ms: performance.now() - t0 }));
  } catch (e) {
    self.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
};
