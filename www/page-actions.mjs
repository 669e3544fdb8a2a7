// What a person does on the page, as the browser tests (e2e.mjs) and the first-paste
// benchmark (bench-first-paste.mjs) both do it: open it fresh, and paste a report
// through the clipboard, timed in the page the same way in both.

/** Opens `url` with no draft: loads it, clears the local storage, loads it again. */
export async function openFresh(page, url) {
  await page.goto(url);
  await page.waitForSelector('[data-testid="report-input"]');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-testid="report-input"]');
}

/** Run in the page (`page.evaluate(pasteToResults)`) before a paste: resolves, once the
 * results of that paste are painted, to the milliseconds from its paste event and the
 * time the check itself took. Any driver's paste can be timed by it. */
export function pasteToResults() {
  return new Promise((resolve, reject) => {
    const area = document.querySelector('[data-testid="report-input"]');
    let t0 = null;
    setTimeout(() => reject(new Error(t0 === null ? 'no paste event within 10 s' : 'no results within 10 s of the paste')), 10000);
    // Heard on the document, where every paste passes first: also one that reaches a
    // text area drawn anew after this was set up.
    const onPaste = (e) => {
      if (e.target === area || (e.target.matches && e.target.matches('[data-testid="report-input"]'))) {
        t0 = performance.now();
        document.removeEventListener('paste', onPaste, true);
      }
    };
    document.addEventListener('paste', onPaste, true);
    const obs = new MutationObserver(() => {
      const summary = document.querySelector('[data-testid="summary"]');
      // The check runs in a worker: results are those of this paste once none is pending.
      if (t0 !== null && summary && !document.querySelector('[data-checking]')) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - t0, Number(summary.dataset.checkMs)]), 0));
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

/** Pastes `text` into the text area through the clipboard, as a user would; returns
 * the milliseconds from the paste event to the results being painted, measured in the
 * page, and the time the check itself took. */
export async function paste(page, text, retry = true) {
  await page.bringToFront();
  const area = page.locator('[data-testid="report-input"]');
  await area.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const measured = page.evaluate(pasteToResults);
  await page.keyboard.press('Control+V');
  try {
    const [ms, checkMs] = await measured;
    await page.waitForSelector('[data-testid="summary"]');
    return [ms, checkMs];
  } catch (e) {
    // Headless Chromium now and then drops a synthetic Ctrl+V when the tab has just
    // opened; the page is not at fault, so try the paste once more.
    if (retry && /no paste event/.test(e.message)) return paste(page, text, false);
    throw e;
  }
}
