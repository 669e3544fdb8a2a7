// The checking worker of <nianbao-check>: the checker's module runs here, off the
// page's main thread, so that no text can freeze the editor's tab. The element ends a
// check that runs too long by terminating this worker.
//
// Messages in: { id, name, text } or { id, name, html } (an editor's HTML, read as
// markup; nothing in it runs). Out: { id, text, report, ms } or { id, error }.
import init, { check, htmlToText } from './nianbao.js';

const ready = init();

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const text = m.html != null ? htmlToText(m.html) : String(m.text ?? '');
    const report = text.trim() ? check(text, m.name) : null;
    self.postMessage({ id: m.id, text, report, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
};
