// <nianbao-check> — 年报体检 as a drop-in element for a CMS edit page.
//
//   <script type="module" src="/embed/nianbao-check.js"></script>
//   <textarea id="body"></textarea>            <!-- or any contenteditable element -->
//   <nianbao-check for="body"></nianbao-check>
//
// It checks the bound field whatever changes it (typing, the editor's own paste, its
// API, an iframe editor's document; debounced), shows a compact panel in a shadow root
// (the host page's CSS cannot reach it), and fires `nianbao:report` with the report as
// `detail`. Script may also set `.text = …` or `.html = …` (a rich editor's HTML,
// tables included; then `.editable` says where the editor shows it), even before this
// script has loaded. The faulty cells of the editor's tables are outlined from the
// shadow root, never in the document. The checks run in a worker (nianbao-worker.js,
// beside this file), so the editor never freezes; a check that runs long (a second, or
// the attribute `slow-after` in milliseconds) shows a 取消检查 button (script:
// `.cancel()`). Where the host page's policy forbids workers
// (`worker-src`), the checks run on the page instead. Nothing leaves the page.
import init, { runJob } from './nianbao.js';

const DEBOUNCE_MS = 300;
/** During continuous edits (each within the pause of the last) a check still runs at
 * least this often, so the panel never speaks of content long gone. */
const MAX_WAIT_MS = 1000;
/** A check running this long shows that it is under way, with 取消检查 (the attribute
 * `slow-after`, in milliseconds, sets another time). */
const SLOW_MS = 1000;
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
const WORKER_URL = new URL('./nianbao-worker.js', import.meta.url);
const BROKEN = '检查时发生内部错误，未能完成。请保存当前内容并反馈给维护人员。';

let onPageReady = null;
/** The checker on this thread, loaded only where no worker can run. */
function loadOnPage() {
  if (!onPageReady) onPageReady = init();
  return onPageReady;
}

/** Runs an element's checks in its own worker, one message per check; on this thread
 * where no worker can start. `run(request)` takes a check as src/job's Request and
 * resolves to its Reply (`{ text, rows, report }` or `{ error }`) with `where`, or,
 * after `cancel`, to `{ cancelled: true }`. */
class Runner {
  constructor() {
    this.worker = null;
    this.answered = false;
    this.onPage = false;
    this.pending = new Map();
    this.next = 0;
  }

  run(request) {
    if (!this.onPage && !this.worker) this.start();
    if (this.onPage) return this.runHere(request);
    const id = ++this.next;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, request });
      this.worker.postMessage({ id, request });
    });
  }

  start() {
    try {
      const worker = new Worker(WORKER_URL, { type: 'module' });
      worker.onmessage = (e) => {
        this.answered = true;
        const waiting = this.pending.get(e.data.id);
        if (!waiting) return;
        this.pending.delete(e.data.id);
        waiting.resolve(Object.assign({}, e.data, { where: 'worker' }));
      };
      worker.onerror = (e) => { e.preventDefault(); this.failed(); };
      this.worker = worker;
    } catch (e) {
      this.onPage = true;
    }
  }

  /** The worker could not load (before any answer: this page cannot run it, so check
   * here) or died (after: say so). */
  failed() {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.stop();
    if (!this.answered) {
      this.onPage = true;
      for (const w of waiting) this.runHere(w.request).then(w.resolve);
    } else {
      for (const w of waiting) w.resolve({ error: BROKEN, where: 'worker' });
    }
  }

  /** The same check, on this thread: the same function the worker runs. */
  async runHere(request) {
    await loadOnPage();
    try {
      const t0 = performance.now();
      const reply = runJob(request);
      return Object.assign(reply, { ms: performance.now() - t0, where: 'page' });
    } catch (e) {
      return { error: String((e && e.message) || e), where: 'page' };
    }
  }

  /** Ends the checks under way: the worker is terminated (the only way to stop
   * WebAssembly that is running); the next check starts a new one. */
  cancel() {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.stop();
    for (const w of waiting) w.resolve({ cancelled: true });
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.answered = false;
  }
}

const STYLE = `
:host { display: block; font: 13px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1d1d1f; }
.panel { border: 1px solid #c9ccd1; border-top: 3px solid #b3261e; border-radius: 4px; background: #fff; padding: 8px 10px; }
header { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
h2 { margin: 0; font-size: 14px; color: #b3261e; }
.meta { color: #5f6368; font-size: 12px; }
.counts { display: flex; gap: 6px; margin-left: auto; }
.count { padding: 0 8px; border-radius: 9px; background: #f4f5f7; }
.count.error.nonzero { background: #c5221f; color: #fff; font-weight: bold; }
.count.warning.nonzero { background: #fff4d6; color: #8a5c00; }
ol { margin: 6px 0 0; padding-left: 1.5em; max-height: 260px; overflow-y: auto; }
li { padding: 2px 4px; border-radius: 3px; cursor: pointer; }
li:hover, li:focus { background: #f4f5f7; outline: none; }
li.error { color: #c5221f; }
li.warning { color: #7a5200; }
li.info { color: #1a5fb4; }
li .rule { font: 11px monospace; color: #5f6368; margin-left: 6px; }
li .line { font-size: 11px; color: #5f6368; margin-left: 6px; }
.ok { color: #1e7b34; margin: 6px 0 0; }
.idle { color: #5f6368; margin: 6px 0 0; }
.failed { color: #c5221f; margin: 6px 0 0; }
.busy { color: #5f6368; margin: 6px 0 0; display: flex; align-items: center; gap: 8px; }
.busy button { font: inherit; padding: 1px 10px; }
.cancelled { color: #7a5200; margin: 6px 0 0; }
li.selected { background: #fff6cc; outline: 1px solid #ffd84d; }
.marks { position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible; pointer-events: none; z-index: 2147483000; }
.mark { position: absolute; box-sizing: border-box; border: 2px solid #c5221f; border-radius: 2px; pointer-events: none; }
.mark.warning { border-color: #e0a000; }
.mark.info { border-color: #1a5fb4; }
.mark-badge { position: absolute; width: 14px; height: 14px; margin: 0; padding: 0; border: 2px solid #fff; border-radius: 50%; background: #c5221f; cursor: pointer; pointer-events: auto; box-shadow: 0 0 0 1px #c5221f; }
.mark-badge.warning { background: #e0a000; box-shadow: 0 0 0 1px #e0a000; }
.mark-badge.info { background: #1a5fb4; box-shadow: 0 0 0 1px #1a5fb4; }
`;

/** An iframe's document, or null where it cannot be read (another origin). */
function frameDocument(frame) {
  try { return frame.contentDocument || null; } catch (e) { return null; }
}

class NianbaoCheck extends HTMLElement {
  static get observedAttributes() { return ['for']; }

  constructor() {
    super();
    // Plain properties, not class fields: Chromium 80 parses ES2020 only.
    this._source = null;
    this._text = '';
    this._timer = 0;
    this._waitingSince = 0;
    this._report = null;
    this._listener = () => this._schedule(DEBOUNCE_MS);
    this._root = null;
    this._html = null;
    this._runner = new Runner();
    this._seq = 0;
    this._slow = false;
    this._slowTimer = 0;
    this._cancelled = false;
    this._where = null;
    this._failure = null;
    this._root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.panel = document.createElement('div');
    this.panel.className = 'panel';
    this.panel.setAttribute('part', 'panel');
    this._root.append(style, this.panel);
    this._observer = null;
    this._rootObserver = null;
    this._watched = null; // what the input listener is on (the field, or its iframe's document)
    this._poll = 0;
    this._frame = null;
    this._onFrameLoad = () => this._bind();
    // Marks on the faulty cells of the bound editor's tables (see _drawMarks).
    this._rows = null;
    this._editableEl = null;
    this._marks = document.createElement('div');
    this._marks.className = 'marks';
    this._marks.setAttribute('part', 'marks');
    this._root.append(this._marks);
    this._placed = [];
    this._moving = 0;
    this._onMove = () => {
      if (!this._moving) this._moving = requestAnimationFrame(() => { this._moving = 0; this._placeMarks(); });
    };
    this._followed = [];
    this._render();
    // A property set before this element was defined (an editor's first change comes
    // before a module script runs) is an own property of the element, which would
    // shadow the setter for ever: it is taken and set again through the setter.
    for (const name of ['text', 'html', 'editable']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  connectedCallback() { this._bind(); }
  disconnectedCallback() { this._unbind(); this._runner.stop(); this._clearMarks(); }
  attributeChangedCallback() { if (this.isConnected) this._bind(); }

  /** The last report, or null. */
  get report() { return this._report; }

  /** Text to check, set by script (instead of `for`). */
  get text() { return this._text; }
  set text(value) { this._text = String(value ?? ''); this._html = null; this._schedule(0); }

  /** HTML to check, e.g. a rich editor's content (tables included). It is read by the
   * checker as markup: nothing in it runs or loads. */
  set html(value) {
    this._html = String(value ?? '');
    this._schedule(0);
  }

  get html() { return this._html; }

  /** Where an editor wired with `.html` shows its content (an element, or the iframe it
   * edits in): the faulty cells of its tables are marked there, and a finding's line
   * is selected there. With `for`, the bound element is that place. */
  get editable() { return this._editableEl || null; }
  set editable(el) {
    if (el != null && !(el.nodeType === 1 && typeof el.getBoundingClientRect === 'function')) {
      throw new TypeError('nianbao-check: editable 须为页面中的元素或 iframe');
    }
    this._editableEl = el || null;
    this._drawMarks();
  }

  /** The element or iframe the content is shown in: `for`'s, else `.editable`. */
  _host() { return this._source || this._editableEl || null; }

  /** Checks now; resolves to the report (`null` for empty text, a failure, or a
   * check ended by `cancel()`). */
  async checkNow() {
    clearTimeout(this._timer);
    this._waitingSince = 0;
    const seq = ++this._seq;
    const source = { name: this.getAttribute('name') || '-', format: 'text', encoding: 'utf-8' };
    let read;
    if (this._source) read = this._read(this._source);
    else if (this._html !== null) { read = { html: this._html }; this._html = null; }
    else read = { text: this._text };
    // A check as src/job's Request: an editor's HTML comes back with the text read from
    // it; a text is the element's own.
    const request = read.html != null
      ? { html: { html: read.html, source } }
      : { check: { text: read.text, source } };
    clearTimeout(this._slowTimer);
    const slowAfter = Number(this.getAttribute('slow-after'));
    this._slowTimer = setTimeout(() => { if (seq === this._seq) { this._slow = true; this._render(); } },
      Number.isFinite(slowAfter) && slowAfter > 0 ? slowAfter : SLOW_MS);
    const out = await this._runner.run(request);
    if (seq !== this._seq) return out.report || null;
    clearTimeout(this._slowTimer);
    this._slow = false;
    this._cancelled = Boolean(out.cancelled);
    if (out.cancelled) {
      this._report = null;
      this._failure = null;
      this._render();
      this.dispatchEvent(new CustomEvent('nianbao:cancelled', { bubbles: true, composed: true }));
      return null;
    }
    if (out.text !== undefined) this._text = out.text;
    else if (read.text !== undefined) this._text = String(read.text);
    this._rows = out.rows || null;
    this._report = out.error ? null : out.report;
    this._failure = out.error || null;
    this._where = out.where;
    this._render();
    this._drawMarks();
    this.dispatchEvent(new CustomEvent('nianbao:report', { detail: this._report, bubbles: true, composed: true }));
    return this._report;
  }

  /** Ends the check under way (the panel says so); editing checks again. */
  cancel() { this._runner.cancel(); }

  /** Where the last check ran: `worker`, or `page` where no worker could start. */
  get checkedIn() { return this._where; }

  /** Follows the element `for` names, whatever changes it: typing (input events),
   * an editor's own API, a paste it handles itself, undo, a toolbar (DOM mutations), or
   * script setting a text area's value (no event at all: looked at once a second). An
   * <iframe> (TinyMCE's classic mode, CKEditor 4, UEditor) is followed into its
   * document, again after each load. An element that is not there yet (an editor
   * creates it later) is waited for. Every change is checked after a pause. */
  _bind() {
    this._unbind();
    const id = this.getAttribute('for');
    if (!id) return;
    const root = this.getRootNode();
    const find = () => (root.getElementById && root.getElementById(id)) || document.getElementById(id);
    // Where an element of that id can appear, go or be renamed.
    const scope = root.nodeType === 9 || root.nodeType === 11 ? root : document;
    const idChanges = { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] };
    let el = find();
    if (!el) {
      // Until it appears: one observer of the page, which stops when it does.
      this._observer = new MutationObserver(() => { if (find()) this._bind(); });
      this._observer.observe(scope, idChanges);
      return;
    }
    // The bound element replaced by another of the same id (an editor started again,
    // a framework rendering the form anew) or taken out: bound again, or waited for,
    // and the report of what is gone is dropped (nothing is said to be clean that is
    // not there to be checked).
    this._rootObserver = new MutationObserver(() => {
      if (find() === el && el.isConnected) return;
      this._report = null;
      this._rows = null;
      this._clearMarks();
      this._render();
      this.dispatchEvent(new CustomEvent('nianbao:report', { detail: null, bubbles: true, composed: true }));
      this._bind();
    });
    this._rootObserver.observe(scope, idChanges);
    let watched = el;
    if (el.tagName === 'IFRAME') {
      this._frame = el;
      el.addEventListener('load', this._onFrameLoad);
      watched = frameDocument(el);
      if (!watched) return;
    }
    this._source = el;
    this._watched = watched;
    watched.addEventListener('input', this._listener);
    if (this._isField(el)) {
      let last = el.value;
      this._poll = setInterval(() => {
        if (el.value !== last) { last = el.value; this._schedule(DEBOUNCE_MS); }
      }, 1000);
    } else {
      // The observer only schedules; the check itself waits for the pause, so a burst
      // of mutations costs one check.
      this._observer = new MutationObserver(this._listener);
      this._observer.observe(watched, { childList: true, subtree: true, characterData: true });
    }
    this._schedule(0);
  }

  _unbind() {
    if (this._watched) this._watched.removeEventListener('input', this._listener);
    if (this._observer) this._observer.disconnect();
    if (this._rootObserver) this._rootObserver.disconnect();
    if (this._frame) this._frame.removeEventListener('load', this._onFrameLoad);
    clearInterval(this._poll);
    this._source = null;
    this._watched = null;
    this._observer = null;
    this._rootObserver = null;
    this._frame = null;
  }

  _isField(el) { return 'value' in el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT'); }

  /** The element holding the text: an iframe's body, or the bound element. */
  _editable(el) {
    if (el.tagName !== 'IFRAME') return el;
    const doc = frameDocument(el);
    return (doc && doc.body) || null;
  }

  /** What to check of the bound field: a text area's text, or an editor's HTML (read
   * into text by the checker, in the worker). */
  _read(el) {
    if (this._isField(el)) return { text: el.value };
    const editable = this._editable(el);
    return { html: editable ? editable.innerHTML : '' };
  }

  _schedule(ms) {
    clearTimeout(this._timer);
    const now = Date.now();
    if (!this._waitingSince) this._waitingSince = now;
    const wait = Math.max(0, Math.min(ms, this._waitingSince + MAX_WAIT_MS - now));
    this._timer = setTimeout(() => this.checkNow(), wait);
  }

  _render() {
    const p = this.panel;
    p.textContent = '';
    if (this._where) p.dataset.checkedIn = this._where;
    const header = document.createElement('header');
    const h2 = document.createElement('h2');
    h2.textContent = '年报体检';
    header.append(h2);
    const r = this._report;
    if (r) {
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = [r.meta.agency, r.meta.year && `${r.meta.year}年度`, r.meta.template && r.meta.template !== 'unknown' && `${r.meta.template}格式`].filter(Boolean).join(' · ');
      const counts = document.createElement('span');
      counts.className = 'counts';
      for (const [k, n] of [['error', r.summary.errors], ['warning', r.summary.warnings], ['info', r.summary.infos]]) {
        const c = document.createElement('span');
        c.className = `count ${k}${n ? ' nonzero' : ''}`;
        c.dataset.severity = k;
        c.textContent = `${SEVERITY[k]} ${n}`;
        counts.append(c);
      }
      header.append(meta, counts);
    }
    p.append(header);
    if (this._slow) {
      const busy = document.createElement('p');
      busy.className = 'busy';
      busy.setAttribute('role', 'status');
      busy.textContent = '正在检查，用时较长……';
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'cancel';
      cancel.textContent = '取消检查';
      cancel.addEventListener('click', () => this.cancel());
      busy.append(cancel);
      p.append(busy);
    }
    if (this._cancelled) {
      const c = document.createElement('p');
      c.className = 'cancelled';
      c.setAttribute('role', 'alert');
      c.textContent = '已取消检查：本次检查已按要求停止，没有得出结果。修改内容后将重新检查。';
      p.append(c);
      return;
    }
    if (this._failure) {
      const f = document.createElement('p');
      f.className = 'failed';
      f.textContent = this._failure;
      p.append(f);
      return;
    }
    if (!r) {
      const idle = document.createElement('p');
      idle.className = 'idle';
      idle.textContent = '输入或粘贴年度报告正文后自动检查。';
      p.append(idle);
      return;
    }
    if (!r.findings.length) {
      const ok = document.createElement('p');
      ok.className = 'ok';
      ok.textContent = '未发现问题。';
      p.append(ok);
      return;
    }
    const list = document.createElement('ol');
    const order = { error: 0, warning: 1, info: 2 };
    [...r.findings].sort((a, b) => order[a.severity] - order[b.severity]).forEach((f) => {
      const li = document.createElement('li');
      li.className = f.severity;
      li.tabIndex = 0;
      li.dataset.rule = f.rule;
      li.dataset.severity = f.severity;
      li.dataset.cells = f.cells.join(' ');
      li.dataset.index = String(r.findings.indexOf(f));
      li.title = '点击定位到原文';
      li.append(document.createTextNode(f.message));
      if (f.line) {
        const line = document.createElement('span');
        line.className = 'line';
        line.textContent = `第${f.line}行`;
        li.append(line);
      }
      const rule = document.createElement('span');
      rule.className = 'rule';
      rule.textContent = f.rule;
      li.append(rule);
      const locate = () => this.locate(f.line);
      li.addEventListener('click', locate);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') locate(); });
      list.append(li);
    });
    p.append(list);
  }

  /** Outlines the faulty cells of the bound editor's tables, each with a badge that
   * opens its finding in the panel. The marks are in this element's shadow root,
   * placed over the cells and moved with scrolling and resizing: nothing of the
   * checker enters the editor's document. A cell is marked only when its row is
   * certain: the row the checker read it from (htmlToTextWithRows) ends in cells whose
   * texts are those of the report's cells on that line, in order. */
  _drawMarks() {
    this._clearMarks();
    const r = this._report;
    const host = this._host();
    const el = host && this._editable(host);
    if (!r || !this._rows || !el) return;
    const rank = { error: 0, warning: 1, info: 2 };
    const worst = new Map(); // key → [severity, finding index]
    r.findings.forEach((f, i) => {
      for (const key of f.cells) {
        const had = worst.get(key);
        if (!had || rank[f.severity] < rank[had[0]]) worst.set(key, [f.severity, i]);
      }
    });
    if (!worst.size) return;
    const trs = el.querySelectorAll('tr');
    const byLine = new Map(); // line → keys read from it, in the template's order
    for (const [key, cell] of Object.entries(r.cells)) {
      if (!cell.line) continue;
      if (!byLine.has(cell.line)) byLine.set(cell.line, []);
      byLine.get(cell.line).push(key);
    }
    const norm = (t) => String(t || '').replace(/[\s\u00a0\u3000]+/g, '');
    for (const [line, keys] of byLine) {
      if (!keys.some((k) => worst.has(k))) continue;
      const tr = trs[Array.prototype.indexOf.call(this._rows, line)];
      if (!tr) continue;
      const tds = [...tr.cells].slice(-keys.length);
      if (tds.length !== keys.length || tds.some((td, i) => norm(td.textContent) !== norm(r.cells[keys[i]].raw))) continue;
      keys.forEach((key, i) => {
        const w = worst.get(key);
        if (!w) return;
        const mark = document.createElement('div');
        mark.className = `mark ${w[0]}`;
        mark.dataset.cell = key;
        const badge = document.createElement('button');
        badge.type = 'button';
        badge.className = `mark-badge ${w[0]}`;
        badge.dataset.cell = key;
        badge.title = r.findings[w[1]].message;
        badge.setAttribute('aria-label', `${SEVERITY[w[0]]}：${r.findings[w[1]].message}`);
        badge.addEventListener('click', () => this._select(w[1]));
        this._marks.append(mark, badge);
        this._placed.push({ td: tds[i], mark, badge });
      });
    }
    if (!this._placed.length) return;
    // Follow scrolling (of the page, the editor, its iframe) and resizing.
    const views = [window];
    const view = el.ownerDocument.defaultView;
    if (view && view !== window) views.push(view);
    for (const v of views) {
      v.addEventListener('scroll', this._onMove, true);
      v.addEventListener('resize', this._onMove);
      this._followed.push(v);
    }
    this._placeMarks();
  }

  _clearMarks() {
    for (const v of this._followed) {
      v.removeEventListener('scroll', this._onMove, true);
      v.removeEventListener('resize', this._onMove);
    }
    this._followed = [];
    this._placed = [];
    this._marks.textContent = '';
  }

  /** Puts each mark over its cell, hidden where the cell is scrolled out of the
   * editor's view. */
  _placeMarks() {
    const host = this._host();
    const el = host && this._editable(host);
    if (!this._placed.length || !el) return;
    // An iframe's cells are placed from its own viewport.
    let dx = 0; let dy = 0;
    let clip = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    const cut = (c, b) => ({ left: Math.max(c.left, b.left), top: Math.max(c.top, b.top), right: Math.min(c.right, b.right), bottom: Math.min(c.bottom, b.bottom) });
    if (host.tagName === 'IFRAME') {
      const f = host.getBoundingClientRect();
      dx = f.left + host.clientLeft;
      dy = f.top + host.clientTop;
      clip = cut(clip, { left: dx, top: dy, right: dx + host.clientWidth, bottom: dy + host.clientHeight });
    }
    // The editor's own scrolling boxes hide what they scroll away.
    for (let a = el; a && a.nodeType === 1; a = a.parentElement) {
      const o = a.ownerDocument.defaultView.getComputedStyle(a);
      if (/(auto|scroll|hidden)/.test(o.overflowY + o.overflowX)) {
        const b = a.getBoundingClientRect();
        clip = cut(clip, { left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy });
      }
    }
    for (const { td, mark, badge } of this._placed) {
      const b = td.getBoundingClientRect();
      // The part of the cell in view: a mark never covers the editor's toolbar or frame.
      const v = cut(clip, { left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy });
      const seen = td.isConnected && v.right - v.left >= 4 && v.bottom - v.top >= 4;
      mark.hidden = !seen;
      badge.hidden = !seen;
      if (!seen) continue;
      Object.assign(mark.style, { left: `${v.left}px`, top: `${v.top}px`, width: `${v.right - v.left}px`, height: `${v.bottom - v.top}px` });
      Object.assign(badge.style, { left: `${v.right - 9}px`, top: `${v.top - 5}px` });
    }
  }

  /** Opens finding `index` in the panel: selected and scrolled to. */
  _select(index) {
    for (const li of this.panel.querySelectorAll('li')) {
      const on = li.dataset.index === String(index);
      li.classList.toggle('selected', on);
      if (on) { li.scrollIntoView({ block: 'nearest' }); li.focus({ preventScroll: true }); }
    }
    const f = this._report && this._report.findings[index];
    if (f) this.dispatchEvent(new CustomEvent('nianbao:select', { detail: f, bubbles: true, composed: true }));
  }

  /** Shows line `line` (1-based) of the checked text in the bound field: selects it in
   * a text area, or selects and scrolls to its text in a contenteditable. Fires
   * `nianbao:locate` either way, for hosts that bind with `.text`. */
  locate(line) {
    this.dispatchEvent(new CustomEvent('nianbao:locate', { detail: { line }, bubbles: true, composed: true }));
    const el = this._host() && this._editable(this._host());
    if (!el || !line) return;
    const lines = this._text.split('\n');
    const target = (lines[line - 1] || '').trim();
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') {
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(start, start + (lines[line - 1] || '').length);
      const lh = parseFloat(getComputedStyle(el).lineHeight) || 20;
      el.scrollTop = Math.max(0, (line - 3) * lh);
      return;
    }
    // contenteditable: find the line's first piece of text among the text nodes.
    const needle = target.split('\t').map((s) => s.trim()).find(Boolean);
    if (!needle) return;
    // The field may be in an editor's iframe: its own document and selection.
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue.indexOf(needle);
      if (at >= 0) {
        const range = doc.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + needle.length);
        const sel = doc.defaultView.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        (n.parentElement || el).scrollIntoView({ block: 'center' });
        return;
      }
    }
  }
}

if (!customElements.get('nianbao-check')) customElements.define('nianbao-check', NianbaoCheck);
export { NianbaoCheck };
