// <nianbao-check> beside the editors CMSs use: TinyMCE, CKEditor 5, wangEditor, Quill.
import fs from 'node:fs';
import path from 'node:path';
import {
  test, finish, origin, browser, expectedDir, shotDir, measures, paste, assert, eq, fixtures,
} from './harness.mjs';

const EDITORS = ['tinymce', 'ckeditor5', 'wangeditor', 'quill'];
/** The report as Word puts it on the clipboard: Office namespaces, MsoNormal paragraphs,
 * MsoNormalTable tables whose cells hold styled paragraphs with <o:p>, conditional
 * comments and the fragment markers. */
const reportHtml = (() => {
  const body = fs.readFileSync(path.join(fixtures, 'synthetic/c000.html.html'), 'utf8').match(/<body>([\s\S]*)<\/body>/)[1]
    .replace(/<p>/g, '<p class=MsoNormal style=\'text-indent:32.0pt;mso-char-indent-count:2.0\'><span style=\'font-family:仿宋_GB2312;mso-ascii-font-family:"Times New Roman"\'>')
    .replace(/<\/p>/g, '<o:p></o:p></span></p>')
    .replace(/<table>/g, '<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style=\'border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184\'>')
    .replace(/<tr>/g, '<tr style=\'mso-yfti-irow:0;height:20.25pt\'>')
    .replace(/<td([^>]*)>/g, '<td$1 width=64 valign=center style=\'border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt\'><p class=MsoNormal align=center style=\'text-align:center\'><span lang=EN-US style=\'font-size:10.5pt\'>')
    .replace(/<\/td>/g, '<o:p></o:p></span></p></td>');
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head><meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--><style><!-- p.MsoNormal {margin:0cm;font-size:10.5pt;} --></style></head><body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->${body}<!--EndFragment--></body></html>`;
})();

async function openEditor(page, editor, order) {
  await page.goto(`${origin}/e2e/editor.html?editor=${editor}&order=${order}`);
  await page.waitForFunction(() => window.editorPage || window.editorFailed, null, { timeout: 30000 });
  const failed = await page.evaluate(() => window.editorFailed);
  if (failed) throw new Error(`${editor} did not start: ${failed}`);
}

/** A person's paste into the editor: `data` put on the clipboard as `type`, the caret
 * put at the end of the editor's text, then Ctrl+V, so the browser fires every event a
 * paste has and the editor handles it itself. Resolves when the element has a report
 * whose `key` is `want`; returns the milliseconds from the paste to that report. */
async function pasteIntoEditor(page, type, data, key, want) {
  await page.bringToFront();
  await page.evaluate(([type, data]) => {
    const items = { [type]: new Blob([data], { type }) };
    if (type === 'text/html') items['text/plain'] = new Blob([''], { type: 'text/plain' });
    return navigator.clipboard.write([new ClipboardItem(items)]);
  }, [type, data]);
  const reported = page.evaluate(([key, want]) => new Promise((resolve, reject) => {
    const checker = document.getElementById('checker');
    const target = window.editorPage.editable;
    const win = target.ownerDocument.defaultView;
    target.focus();
    const caret = win.document.createRange();
    caret.selectNodeContents(target);
    caret.collapse(false);
    win.getSelection().removeAllRanges();
    win.getSelection().addRange(caret);
    let t0 = null;
    win.document.addEventListener('paste', () => { t0 = performance.now(); }, { once: true, capture: true });
    if (!checker) { setTimeout(() => resolve(0), 2000); return; } // order=none: nothing to wait for
    checker.addEventListener('nianbao:report', () => {
      const r = checker.report;
      if (t0 !== null && r && r.cells[key] && r.cells[key].value === want) resolve(performance.now() - t0);
    });
    setTimeout(() => reject(new Error(`no report with ${key} = ${want} within 15 s of the paste (${t0 === null ? 'no paste event' : 'pasted'}): ${JSON.stringify(checker.report && checker.report.cells[key])}`)), 15000);
  }), [key, want]);
  await page.waitForTimeout(100);
  await page.keyboard.press('Control+V');
  return reported;
}

/** Every cell of the element's report against the CLI's JSON for the same input. */
async function elementMatchesCli(page, expected, what) {
  const cells = await page.evaluate(() => document.getElementById('checker').report.cells);
  const keys = Object.keys(expected.cells);
  const wrong = keys.filter((k) => !cells[k] || cells[k].value !== expected.cells[k].value);
  eq(wrong.map((k) => `${k}=${cells[k] && cells[k].value}`), [], `${what}: cells that differ from the CLI's`);
  return keys.length;
}

/** The marks on the faulty cells: one per cell of the findings, each over the
 * editor's cell of that value, following a scroll; its badge opens the finding. */
async function assertMarks(page, editor, expected) {
  const faulty = [...new Set(expected.findings.flatMap((f) => f.cells))].sort();
  await page.waitForFunction((n) => document.getElementById('checker').shadowRoot.querySelectorAll('.mark').length === n, faulty.length, { timeout: 5000 })
    .catch(() => {});
  const where = () => page.evaluate(() => {
    const checker = document.getElementById('checker');
    const target = window.editorPage.editable;
    const frame = window.editorPage.frame;
    const off = frame ? frame.getBoundingClientRect() : { left: 0, top: 0 };
    return [...checker.shadowRoot.querySelectorAll('.mark')].map((m) => {
      if (m.hidden) return [m.dataset.cell, null]; // scrolled out of the editor's view
      const b = m.getBoundingClientRect();
      const x = b.left + b.width / 2 - off.left - (frame ? frame.clientLeft : 0);
      const y = b.top + b.height / 2 - off.top - (frame ? frame.clientTop : 0);
      const hit = target.ownerDocument.elementFromPoint(x, y);
      const td = hit && hit.closest('td, th');
      return [m.dataset.cell, td ? td.textContent.trim() : `nothing under the mark (${hit && hit.tagName})`];
    });
  });
  eq((await where()).map(([k]) => k).sort(), faulty, `${editor}: a mark on every faulty cell`);
  const shown = (list) => list.filter(([, text]) => text !== null);
  // Each faulty row scrolled into the editor's view in turn (table 2's 行政规范性文件,
  // table 4's row of values): its marks follow, over their cells; the others hide.
  for (const [label, table] of [['行政规范性文件', 't2.'], [null, 't4.']]) {
    await page.evaluate((label) => {
      const rows = [...window.editorPage.editable.querySelectorAll('tr')];
      const row = label ? rows.find((tr) => tr.cells[0] && tr.cells[0].textContent.trim() === label) : rows[rows.length - 1];
      row.scrollIntoView({ block: 'center' });
    }, label);
    await page.waitForTimeout(300);
    const marks = shown(await where());
    assert(marks.some(([k]) => k.startsWith(table)), `${editor}: with table ${table} in view, its marks are shown: ${JSON.stringify(await where())}`);
    for (const [key, text] of marks) eq(text, expected.cells[key].raw, `${editor}: the cell under the mark of ${key}`);
  }
  // A badge opens its finding in the panel.
  const badge = page.locator('#checker .mark-badge[data-cell="t4.review.total"]');
  await badge.scrollIntoViewIfNeeded().catch(() => {});
  await page.evaluate(() => { const b = document.getElementById('checker').shadowRoot.querySelector('.mark-badge[data-cell="t4.review.total"]'); b.click(); });
  eq(await page.evaluate(() => [...document.getElementById('checker').shadowRoot.querySelectorAll('li.selected')].map((li) => li.dataset.rule)), ['t4-group-total'], `${editor}: the badge opens its finding`);
}

const editorFigures = [];
for (const editor of EDITORS) {
  await test(`${editor}: a person's paste (a Word-like table, plain text), the editor's API, the element's script before and after; the saved HTML untouched`, async (page) => {
    const expectedHtml = JSON.parse(fs.readFileSync(path.join(expectedDir, 'c000.html.html.json'), 'utf8'));
    const text = fs.readFileSync(path.join(fixtures, '003_12bbc16d07ceb1d3.txt'), 'utf8');
    const expectedText = JSON.parse(fs.readFileSync(path.join(expectedDir, '003_12bbc16d07ceb1d3.txt.json'), 'utf8'));
    let cellsRead = 0;
    const times = [];
    const saved = {};
    for (const order of ['late', 'early', 'none']) {
      await openEditor(page, editor, order);
      times.push(await pasteIntoEditor(page, 'text/html', reportHtml, 't3.new.total', expectedHtml.cells['t3.new.total'].value));
      saved[order] = await page.evaluate(() => window.editorPage.html());
      if (order === 'none') break;
      cellsRead += await elementMatchesCli(page, expectedHtml, `${editor}, script ${order}, pasted HTML`);
      if (order === 'early') {
        await assertMarks(page, editor, expectedHtml);
        saved.marked = await page.evaluate(() => window.editorPage.html());
        await page.screenshot({ path: path.join(shotDir, `editor-${editor}.png`) });
      }
      eq(await page.evaluate(() => document.getElementById('checker').checkedIn), 'worker', 'checked in the worker');
    }
    // Nothing of the checker enters the document (its marks included: saved.early was
    // taken with the marks drawn, checked below).
    for (const order of ['late', 'early', 'marked']) {
      const at = [...saved.none].findIndex((c, i) => saved[order][i] !== c);
      assert(saved[order] === saved.none, `${editor}: the saved HTML with the checker (script ${order}) differs from that without it at ${at}: …${saved[order].slice(Math.max(0, at - 40), at + 40)}…`);
    }
    // The editor's API replaces the content: the element follows.
    await openEditor(page, editor, 'late');
    const paragraphs = text.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;') || '<br>'}</p>`).join('');
    await page.evaluate((h) => window.editorPage.set(h), paragraphs);
    await page.waitForFunction((want) => { const r = document.getElementById('checker').report; return r && r.cells['t3.new.total'] && r.cells['t3.new.total'].value === want; }, expectedText.cells['t3.new.total'].value, { timeout: 15000 });
    cellsRead += await elementMatchesCli(page, expectedText, `${editor}, content set through its API`);
    // A plain-text paste.
    await openEditor(page, editor, 'early');
    times.push(await pasteIntoEditor(page, 'text/plain', text, 't3.new.total', expectedText.cells['t3.new.total'].value));
    cellsRead += await elementMatchesCli(page, expectedText, `${editor}, pasted plain text`);
    editorFigures.push(`${editor}: ${cellsRead} cells read, all equal to the CLI's; paste to the panel's report ${times.map((t) => t.toFixed(0)).filter((t) => t !== '0').join(', ')} ms`);
  });
}
measures.push(...editorFigures);

await finish();
