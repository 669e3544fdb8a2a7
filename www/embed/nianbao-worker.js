// The checking worker of <nianbao-check>: the checker's module runs here, off the
// page's main thread, so that no text can freeze the editor's tab. The element ends a
// check that runs too long by terminating this worker.
//
// Messages in: { id, name, text } or { id, name, html } (an editor's HTML, read as
// markup; nothing in it runs). Out: { id, text, rows, report, ms } or { id, error };
// rows: for HTML, the line of each table row (htmlToTextWithRows).
import init, { check, htmlToTextWithRows } from './nianbao.js';

const ready = init();

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const read = m.html != null ? htmlToTextWithRows(m.html) : { text: String(m.text ?? ''), rows: null };
    const report = read.text.trim() ? check(read.text, m.name) : null;
    self.postMessage({ id: m.id, text: read.text, rows: read.rows, report, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
};
