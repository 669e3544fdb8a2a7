// Browser tests of the web page, run by .ci/run after `trunk build`: each area's tests
// (www/e2e/*.test.mjs, on Node's own test runner, sharing www/e2e/harness.mjs) in a
// process and a browser of its own, one area after another (they measure frames and
// timings, which tests running side by side on 2 cores would spoil).
//
//   node www/e2e.mjs DIST_DIR EXPECTED_DIR SCREENSHOT_DIR [AREA…]
//
// DIST_DIR is Trunk's output, served on 127.0.0.1; EXPECTED_DIR holds the CLI's JSON for
// each corpus sample (`nianbao check --json`), which the page must match cell for cell;
// AREA is page, batch, access, embed, editors or offline (all when none is given), and
// E2E_ONLY=words runs only the tests whose name has them. Exits non-zero when a test of
// any area failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const AREAS = ['page', 'batch', 'access', 'embed', 'editors', 'offline'];
const [distDir, expectedDir, shotDir, ...only] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const unknown = only.filter((a) => !AREAS.includes(a));
if (!shotDir || unknown.length) {
  console.error(`usage: node www/e2e.mjs DIST_DIR EXPECTED_DIR SCREENSHOT_DIR [${AREAS.join('|')}…]`);
  process.exit(2);
}
const env = {
  ...process.env,
  E2E_DIST: path.resolve(distDir),
  E2E_EXPECTED: path.resolve(expectedDir),
  E2E_SHOTS: path.resolve(shotDir),
};
const failed = [];
for (const area of only.length ? only : AREAS) {
  console.log(`# browser tests: ${area}`);
  // An area must never hang CI: it is ended after fifteen minutes (all of them take
  // about six on 2 cores).
  const run = spawnSync(process.execPath, ['--test-reporter=spec', path.join(here, 'e2e', `${area}.test.mjs`)], {
    env, stdio: 'inherit', timeout: 15 * 60 * 1000, killSignal: 'SIGKILL',
  });
  if (run.status !== 0) {
    failed.push(run.error ? `${area} (${run.error.message})` : area);
  }
}
console.log(failed.length ? `FAIL browser tests of: ${failed.join(', ')}` : 'browser tests: every area passed');
process.exit(failed.length ? 1 : 0);
