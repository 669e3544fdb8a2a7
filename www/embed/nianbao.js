// nianbao — 年报体检: the checker as a JS API (ES module).
//
//   import init, { check, checkFile, rules, version } from './embed/nianbao.js';
//   await init();                       // loads nianbao_core_bg.wasm beside this file
//   const report = check(text);         // the plain object of the output contract
//
// Everything runs in the page: no request is made except for the .wasm file itself.
import initCore, * as core from './nianbao_core.js';

let ready = null;

/**
 * Loads the WebAssembly module. `moduleOrPath` may be a URL or path of
 * `nianbao_core_bg.wasm`, a `Response`, bytes or a compiled `WebAssembly.Module`;
 * by default the file beside this module is fetched. Safe to call more than once.
 */
export default function init(moduleOrPath) {
  if (!ready) {
    const source = moduleOrPath ?? new URL('./nianbao_core_bg.wasm', import.meta.url);
    ready = initCore({ module_or_path: source }).then(() => undefined);
  }
  return ready;
}

/** Checks report text. `name` (default `-`) is reported as `source.name`. */
export function check(text, name) {
  return core.check(String(text ?? ''), name ?? undefined);
}

/** Checks HTML — a page, or a rich editor's content, tables included. Nothing in it
 * runs or loads. */
export function checkHtml(html, name) {
  return core.checkHtml(String(html ?? ''), name ?? undefined);
}

/** The text the checker reads from HTML; a report's line numbers refer to it. */
export function htmlToText(html) {
  return core.htmlToText(String(html ?? ''));
}

/** `htmlToText`, with `rows`: for the n-th `<tr>` of the HTML in document order, the
 * line (1-based) of the text its cells are on, or 0 when it has none of its own. */
export function htmlToTextWithRows(html) {
  return core.htmlToTextWithRows(String(html ?? ''));
}

/** Checks a file's bytes (`Uint8Array`), detecting its encoding; throws an `Error`
 * with a Chinese message when the file is not a text report. */
export function checkFile(bytes, name) {
  return core.checkFile(bytes, String(name ?? '-'));
}

/** Answers a check given as a message, as `<nianbao-check>`'s worker does:
 * `{ check: { text, source } }` (`source`: `{ name, format: 'text', encoding: 'utf-8' }`)
 * or `{ html: { html, source } }` (an editor's HTML, with the line of each table row
 * in `rows`). Returns `{ report, text, rows, error }`, each only when there is one:
 * text or HTML over a file's bounds is an `error`, never a throw. */
export function runJob(request) {
  return core.runJob(request);
}

/** The documentation of every rule. */
export function rules() {
  return core.rules();
}

/** The checker's version. */
export function version() {
  return core.version();
}
