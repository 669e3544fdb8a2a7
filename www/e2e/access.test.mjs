// Accessibility: axe-core's WCAG 2.1 AA checks, the page used with the keyboard alone,
// 200 % zoom.
import fs from 'node:fs';
import path from 'node:path';
import {
  test, finish, open, ready, twoYears, axeViolations, chooserBySpace, tabTo, origin, shotDir,
  paste, assert, eq, fixtures, until, busyPdf, dropFiles, batchRows,
} from './harness.mjs';

await test('accessible (WCAG 2.1 AA, axe-core): empty, a report, its rules, a file\'s tab, the batch summary, the print view, the element beside an editor', async (page) => {
  const violations = [];
  await open(page);
  await ready(page);
  violations.push(...await axeViolations(page, 'empty'));
  await paste(page, fs.readFileSync(path.join(fixtures, '003_12bbc16d07ceb1d3.txt'), 'utf8'));
  await page.waitForSelector('[data-rule]');
  violations.push(...await axeViolations(page, 'a report with findings'));
  // A screen reader is told the outcome, from a live region that is always there.
  const counts = await page.locator('[data-testid="summary"]').evaluate((s) => [s.dataset.errors, s.dataset.warnings, s.dataset.infos]);
  eq(await page.locator('[data-testid="announce"][role="status"]').textContent(), `检查完成：错误 ${counts[0]} 项，警告 ${counts[1]} 项，提示 ${counts[2]} 项`, 'the live region');
  await page.locator('[data-rule] .rule-id').first().click();
  await page.waitForSelector('[data-testid="rules-panel"]');
  violations.push(...await axeViolations(page, 'the rules'));
  await page.keyboard.press('Escape');
  const { previous, current, file } = twoYears();
  await dropFiles(page, [file('2021年.txt', previous), file('2022年.txt', current)]);
  await page.waitForSelector('[data-testid="batch-summary"]');
  await batchRows(page);
  violations.push(...await axeViolations(page, 'the batch summary'));
  eq(await page.locator('[data-testid="announce"]').textContent(), '3 份报告已全部检查', 'the live region, for a batch (the pasted text and the two files)');
  await page.locator('tr[data-report="2022年.txt"]').click();
  await page.waitForSelector('[data-testid="summary"]');
  violations.push(...await axeViolations(page, 'a file\'s tab'));
  await page.emulateMedia({ media: 'print' });
  violations.push(...await axeViolations(page, 'the print view'));
  await page.emulateMedia({ media: 'screen' });
  await page.goto(origin + '/embed-demo.html');
  await page.waitForFunction(() => customElements.get('nianbao-check'));
  await page.locator('[data-testid="cms-body"]').click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), fs.readFileSync(path.join(fixtures, '003_12bbc16d07ceb1d3.txt'), 'utf8'));
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => document.getElementById('checker').report !== null, null, { timeout: 10000 });
  violations.push(...await axeViolations(page, 'the element'));
  assert(violations.length === 0, `axe-core found:\n${violations.join('\n')}`);
});


await test('keyboard only: open files, sort the batch, open a report, go from a finding to its cells and line, its rule, back to the summary, export, cancel a check', async (page) => {
  await open(page);
  await ready(page);
  const { previous, current } = twoYears();
  fs.writeFileSync(path.join(shotDir, '甲区2021.txt'), previous);
  // A total that does not add up (t3-row-total, on line 29).
  fs.writeFileSync(path.join(shotDir, '甲区2022.txt'), current.replace('二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6', '二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t9'));
  await tabTo(page, '[data-testid="file-input"]');
  const chooser = await chooserBySpace(page);
  await chooser.setFiles([path.join(shotDir, '甲区2021.txt'), path.join(shotDir, '甲区2022.txt')]);
  await batchRows(page);
  await tabTo(page, '[data-sort="errors"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('th[aria-sort="ascending"] [data-sort="errors"]');
  await tabTo(page, 'tr[data-report="甲区2022.txt"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="summary"]');
  await tabTo(page, '[data-rule="t3-row-total"] .select-finding');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-rule="t3-row-total"] .select-finding[aria-pressed="true"]');
  assert(await page.locator('td.v.hl[data-cell="t3.carried.total"]').count() === 1, 'its cells are highlighted');
  await until(page, () => { const a = document.querySelector('[data-testid="report-input"]'); return a.value.slice(0, a.selectionStart).split('\n').length === 29; }, null, { what: 'the text area at the finding\'s line' });
  await tabTo(page, '[data-rule="t3-row-total"] .rule-id');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="rules-panel"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="rules-panel"]', { state: 'detached' });
  await tabTo(page, '[data-testid="summary-tab"] button.show', true);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="batch-summary"]');
  await tabTo(page, '[data-testid="export-batch-excel"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.keyboard.press('Enter')]);
  assert(download.suggestedFilename().endsWith('.xlsx'), 'the workbook is saved');
  // A check that takes long, ended from the keyboard.
  fs.writeFileSync(path.join(shotDir, 'busy.pdf'), busyPdf());
  await tabTo(page, '[data-testid="file-input"]', true);
  const again = await chooserBySpace(page);
  await again.setFiles(path.join(shotDir, 'busy.pdf'));
  await page.waitForSelector('[data-testid="cancel-check"]');
  await tabTo(page, '[data-testid="cancel-check"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="check-cancelled"]');
});

await test('at 200 % zoom in a 1,280-pixel window: nothing cut off, nothing overlapping (a screenshot)', async (page) => {
  // 200 % of 1,280 × 800 pixels: a page 640 CSS pixels wide, drawn at twice the scale.
  const zoomed = await page.context().browser().newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const z = await zoomed.newPage();
  try {
    await z.goto(origin);
    await z.waitForSelector('html[data-ready]', { state: 'attached', timeout: 15000 });
    await z.locator('[data-testid="report-input"]').fill(fs.readFileSync(path.join(fixtures, '003_12bbc16d07ceb1d3.txt'), 'utf8'));
    await z.waitForSelector('[data-rule]', { timeout: 15000 });
    const layout = await z.evaluate(() => {
      const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right }; };
      return { scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, toolbar: box('.toolbar'), input: box('.input-pane'), output: box('.output') };
    });
    assert(layout.scroll <= layout.width + 1, `no sideways scrolling: the page is ${layout.scroll} pixels wide in a ${layout.width}-pixel window`);
    const apart = (a, b) => a.bottom <= b.top + 1 || b.bottom <= a.top + 1 || a.right <= b.left + 1 || b.right <= a.left + 1;
    assert(apart(layout.toolbar, layout.input) && apart(layout.input, layout.output) && apart(layout.toolbar, layout.output), `the toolbar, the text and the results do not overlap: ${JSON.stringify(layout)}`);
    await z.screenshot({ path: path.join(shotDir, 'zoom-200.png'), fullPage: true });
  } finally {
    await zoomed.close();
  }
});

await finish();
