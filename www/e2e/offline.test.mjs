// The offline file, opened from disk: a paste, a PDF and the exports, with no request.
import fs from 'node:fs';
import path from 'node:path';
import {
  test, finish, samples, ready, typeAndCheck, context, distDir, expectedDir, measures, paste,
  assert, eq, fixtures, assertMatchesCli, dropFiles,
} from './harness.mjs';

const offlineUrl = new URL(`file://${path.resolve(distDir, 'nianbao-offline.html')}`).href;
await test('the offline file: opened from disk, a paste and a PDF are checked in its worker, with no request', async (page) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(offlineUrl);
  await page.waitForSelector('[data-testid="report-input"]');
  await page.evaluate(() => localStorage.clear());
  await ready(page);
  const expected = JSON.parse(fs.readFileSync(path.join(expectedDir, '002_7f8cb9d4cf28011f.txt.json'), 'utf8'));
  const [ms] = await paste(page, fs.readFileSync(path.join(fixtures, '002_7f8cb9d4cf28011f.txt'), 'utf8'));
  measures.push(`offline file, first paste to results (002): ${ms.toFixed(1)} ms`);
  await assertMatchesCli(page, expected);
  eq(await page.locator('[data-testid="summary"]').getAttribute('data-checked-in'), 'page', 'checked on the page, at the paste');
  await typeAndCheck(page);
  eq(await page.locator('[data-testid="summary"]').getAttribute('data-checked-in'), 'worker', 'typing checked in the worker');
  // The file readers are inlined too.
  await dropFiles(page, [{ name: 'c010.pdf.pdf', bytes: [...fs.readFileSync(path.join(fixtures, 'synthetic/c010.pdf.pdf'))] }]);
  await page.locator('[data-doc="c010.pdf.pdf"]').click();
  await page.waitForSelector('[data-rule="late-publication"]');
  const truth = JSON.parse(fs.readFileSync(path.join(fixtures, 'synthetic/c010.truth.json'), 'utf8'));
  for (const [key, v] of Object.entries(truth.cells)) {
    const got = await page.locator(`[data-cell="${key}"]`).getAttribute('data-value');
    eq(got === '' ? 0 : Number(got), v, key);
  }
  eq(await page.locator('[data-testid="summary"]').getAttribute('data-checked-in'), 'worker', 'the PDF read in the worker');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  eq(JSON.parse(fs.readFileSync(await download.path(), 'utf8')).meta.agency, '宁远县人民政府', 'the JSON export from the offline file');
  const [excel] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-excel"]')]);
  eq(excel.suggestedFilename(), '宁远县人民政府2020年报体检.xlsx', 'the Excel export from the offline file');
  assert(fs.readFileSync(await excel.path()).subarray(0, 2).toString() === 'PK', 'an .xlsx (a zip)');
  // The samples are inlined too.
  await page.locator('[data-doc="粘贴的文本"]').click();
  await page.selectOption('[data-testid="samples"]', '1');
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]')?.textContent.includes('均口镇'));
  eq(fetched.filter((u) => !u.startsWith('data:')), [offlineUrl], 'the only request is the file itself');
});

await finish({ allowed: [offlineUrl] });
