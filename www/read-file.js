// Reads a dropped file in the page's checking worker, or on the page where no worker can
// start. The file readers (PDF, Word .docx, text in GB18030 or UTF-16: more code than
// the whole checker) are a WebAssembly module of their own, src/readers_api.rs, loaded
// here the first time a file is read, so the page's first load carries only what a
// paste needs. `where` says where they are: { glue: URL of nianbao_readers.js, wasm:
// its module's URL or bytes (the offline file inlines them), or none for the default }.
let readers = null;

const UNAVAILABLE = '未能加载文件读取模块（readers/nianbao_readers.js），无法读取文件。请确认该文件夹与页面一同部署，或复制报告全文后粘贴';

// Runs `use(r)` with the readers' module, loading it the first time.
function withReaders(where, use) {
  if (!readers) {
    readers = import(where.glue).then((r) => r.default(where.wasm ? { module_or_path: where.wasm } : undefined).then(() => r));
    readers.catch(() => { readers = null; });
  }
  return readers.then(
    (r) => {
      try {
        return use(r);
      } catch (e) {
        readers = null; // a trap: the next file gets a fresh instance
        throw e;
      }
    },
    () => ({ error: UNAVAILABLE }),
  );
}

// Resolves to { text, source } or { error } (a Chinese message for the user).
export function readFile(where, bytes, name) {
  return withReaders(where, (r) => r.readFile(bytes, name));
}

// The report files of a .zip archive: resolves to { entries: [{ name, bytes } or
// { name, error }] } or { error }.
export function unzipReports(where, bytes) {
  return withReaders(where, (r) => r.unzipReports(bytes));
}

// This module's own URL: the worker imports it from there.
export function moduleUrl() {
  return import.meta.url;
}
