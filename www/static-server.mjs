// The static server of the browser tests (e2e.mjs) and the first-paste benchmark
// (bench-first-paste.mjs): a folder (Trunk's dist/) on 127.0.0.1 at a free port, with
// the content types the page needs (WebAssembly is only compiled as it streams in when
// served as application/wasm).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** Content types by file extension. */
export const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** Serves `dir` (`/` is its index.html). `route(pathname)` may name another file to send
 * instead (a string) or answer by itself with `[contentType, body]`; for anything else
 * it returns nothing. Resolves to `{ origin, close }`. */
export async function serve(dir, route = () => undefined) {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const routed = route(pathname);
    if (Array.isArray(routed)) {
      res.writeHead(200, { 'content-type': routed[0] });
      res.end(routed[1]);
      return;
    }
    const file = routed || path.join(dir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname));
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
