// Unpacks the real Chromium builds that the chrome-aws-lambda packages carry (see
// package.json) into chromium-NN/ beside this file: the browser itself and the shared
// libraries it needs (aws/lib, swiftshader), each a brotli file in the package.
//   node www/old-browsers/unpack.mjs        unpacks every version package.json pins
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const here = path.dirname(new URL(import.meta.url).pathname);

/** The versions package.json pins, by their alias (chromium-NN). */
export const VERSIONS = Object.keys(JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).devDependencies)
  .filter((n) => /^chromium-\d+$/.test(n)).map((n) => n.slice('chromium-'.length));

/** The unpacked browser NN: its executable and the LD_LIBRARY_PATH it runs with,
 * unpacked first if it is not yet (or is of another package version). */
export function browser(version) {
  const pkg = path.join(here, 'node_modules', `chromium-${version}`);
  const out = path.join(here, `chromium-${version}`);
  const stamp = path.join(out, 'unpacked-from');
  const from = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== from) {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const unbrotli = (f) => zlib.brotliDecompressSync(fs.readFileSync(path.join(pkg, 'bin', f)));
    fs.writeFileSync(path.join(out, 'chromium'), unbrotli('chromium.br'), { mode: 0o755 });
    for (const lib of ['aws', 'swiftshader']) {
      fs.mkdirSync(path.join(out, lib));
      execFileSync('tar', ['-x', '-C', path.join(out, lib)], { input: unbrotli(`${lib}.tar.br`) });
    }
    fs.writeFileSync(stamp, from);
  }
  return {
    executablePath: path.join(out, 'chromium'),
    // Not FONTCONFIG_PATH=aws/fonts.conf: with it the browser finds no default font and
    // aborts; the system's CJK font (scripts/setup --test) is used.
    env: { ...process.env, LD_LIBRARY_PATH: `${path.join(out, 'aws', 'lib')}:${path.join(out, 'swiftshader')}` },
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  for (const v of VERSIONS) console.log(`Chromium ${v}: ${browser(v).executablePath}`);
}
