// <nianbao-check> — 年报体检 as a drop-in element for a CMS edit page.
//
//   <script type="module" src="/embed/nianbao-check.js"></script>
//   <textarea id="body"></textarea>            <!-- or any contenteditable element -->
//   <nianbao-check for="body"></nianbao-check>
//
// It checks the bound field as the editor types (debounced), shows a compact panel in a
// shadow root (the host page's CSS cannot reach it), and fires `nianbao:report` with
// the report as `detail`. Script may also set `.text = …` or `.html = …` (a rich
// editor's HTML, tables included). Nothing leaves the page.
import init, { check, htmlToText } from './nianbao.js';

const ready = init();
const DEBOUNCE_MS = 300;
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };

const STYLE = `
:host { display: block; font: 13px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1d1d1f; }
.panel { border: 1px solid #c9ccd1; border-top: 3px solid #b3261e; border-radius: 4px; background: #fff; padding: 8px 10px; }
header { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
h2 { margin: 0; font-size: 14px; color: #b3261e; }
.meta { color: #5f6368; font-size: 12px; }
.counts { display: flex; gap: 6px; margin-left: auto; }
.count { padding: 0 8px; border-radius: 9px; background: #f4f5f7; }
.count.error.nonzero { background: #c5221f; color: #fff; font-weight: bold; }
.count.warning.nonzero { background: #fff4d6; color: #9a6700; }
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
`;

class NianbaoCheck extends HTMLElement {
  static get observedAttributes() { return ['for']; }

  #source = null;
  #text = '';
  #timer = 0;
  #report = null;
  #listener = () => this.#schedule(DEBOUNCE_MS);
  #root;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.panel = document.createElement('div');
    this.panel.className = 'panel';
    this.panel.setAttribute('part', 'panel');
    this.#root.append(style, this.panel);
    this.#render();
  }

  connectedCallback() { this.#bind(); }
  disconnectedCallback() { this.#unbind(); }
  attributeChangedCallback() { if (this.isConnected) this.#bind(); }

  /** The last report, or null. */
  get report() { return this.#report; }

  /** Text to check, set by script (instead of `for`). */
  get text() { return this.#text; }
  set text(value) { this.#text = String(value ?? ''); this.#html = null; this.#schedule(0); }

  /** HTML to check, e.g. a rich editor's content (tables included). It is read by the
   * checker as markup: nothing in it runs or loads. */
  set html(value) {
    this.#html = String(value ?? '');
    this.#schedule(0);
  }

  #html = null;

  /** Checks now. */
  async checkNow() {
    clearTimeout(this.#timer);
    await ready;
    if (this.#source) this.#text = this.#read(this.#source);
    else if (this.#html !== null) { this.#text = htmlToText(this.#html); this.#html = null; }
    try {
      this.#report = this.#text.trim() ? check(this.#text, this.getAttribute('name') || '-') : null;
      this.#failure = null;
    } catch (e) {
      this.#report = null;
      this.#failure = e.message;
    }
    this.#render();
    this.dispatchEvent(new CustomEvent('nianbao:report', { detail: this.#report, bubbles: true, composed: true }));
    return this.#report;
  }

  #failure = null;

  #bind() {
    this.#unbind();
    const id = this.getAttribute('for');
    if (!id) return;
    const root = this.getRootNode();
    const el = (root.getElementById && root.getElementById(id)) || document.getElementById(id);
    if (!el) return;
    this.#source = el;
    el.addEventListener('input', this.#listener);
    this.#schedule(0);
  }

  #unbind() {
    if (this.#source) this.#source.removeEventListener('input', this.#listener);
    this.#source = null;
  }

  #read(el) {
    if ('value' in el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT')) return el.value;
    return htmlToText(el.innerHTML);
  }

  #schedule(ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.checkNow(), ms);
  }

  #render() {
    const p = this.panel;
    p.replaceChildren();
    const header = document.createElement('header');
    const h2 = document.createElement('h2');
    h2.textContent = '年报体检';
    header.append(h2);
    const r = this.#report;
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
    if (this.#failure) {
      const f = document.createElement('p');
      f.className = 'failed';
      f.textContent = this.#failure;
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

  /** Shows line `line` (1-based) of the checked text in the bound field: selects it in
   * a text area, or selects and scrolls to its text in a contenteditable. Fires
   * `nianbao:locate` either way, for hosts that bind with `.text`. */
  locate(line) {
    this.dispatchEvent(new CustomEvent('nianbao:locate', { detail: { line }, bubbles: true, composed: true }));
    const el = this.#source;
    if (!el || !line) return;
    const lines = this.#text.split('\n');
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
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue.indexOf(needle);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + needle.length);
        const sel = window.getSelection();
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
