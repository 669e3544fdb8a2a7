// Reads a dropped file in the page's checking worker, or on the page where no worker can
// start. The file readers (PDF, Word .docx, text in GB18030 or UTF-16: more code than
// the whole checker) are a WebAssembly module of their own, src/readers_api.rs, loaded
// here the first time a file is read, so the page's first load carries only what a
// paste needs. `where` says where they are: { glue: URL of nianbao_readers.js, wasm:
// its module's URL or bytes (the offline file inlines them), or none for the default }.
import { lazyModule } from './lazy-module.js';

const readers = lazyModule();

const UNAVAILABLE = '未能加载文件读取模块（readers/nianbao_readers.js），无法读取文件。请确认该文件夹与页面一同部署，或复制报告全文后粘贴';

// Runs `use(r)` with the readers' module, loading it the first time. A trap in it is
// thrown on (the worker then reports it and is replaced), and the next file gets a
// fresh instance.
function withReaders(where, use) {
  return readers.load(where).then(
    (r) => {
      try {
        return use(r);
      } catch (e) {
        readers.forget();
        throw e;
      }
    },
    () => ({ error: UNAVAILABLE }),
  );
}

// What a picked file that can no longer be read says (moved, deleted or changed on disk
// since it was picked: the browser then refuses to read it).
const GONE = '读取文件失败：该文件已被移动、删除或修改，请重新选择该文件';

// The bytes of `file` (a Blob: a picked file, or a slice of one), read here, in the
// worker, off the page's thread; null when the browser cannot read them any more.
function bytesOf(file) {
  return file.arrayBuffer().then((b) => new Uint8Array(b), () => null);
}

// Runs `use(r, bytes)` once `file`'s bytes are read and the readers' module is loaded.
function withBytes(where, file, use) {
  return bytesOf(file).then((bytes) => (bytes ? withReaders(where, (r) => use(r, bytes)) : { error: GONE }));
}

// `file` is a picked file's Blob. Resolves to { request } (its text, to check: see
// src/readers_api.rs) or { error } (a Chinese message for the user).
export function readFile(where, file, name) {
  return withBytes(where, file, (r, bytes) => r.readFile(bytes, name));
}

// A report of an archive: `file` is the slice of the archive its local record is in,
// `entry` says how it is stored ({ deflated, size, compressed }). Resolves as readFile.
export function readEntry(where, file, entry, name) {
  return withBytes(where, file, (r, bytes) => r.readEntry(bytes, entry.deflated, entry.size, entry.compressed, name));
}

// The report files of a .zip archive (a Blob), listed from its directory alone (an
// archive of hundreds of MB is not read whole): its last bytes first, then from where
// the readers say its directory starts, until they have it all (as the command line
// reads an archive on disk: src/decode/archive.rs, read_directory). Resolves to { listed }
// (src/readers_api.rs says what it holds) or { error }.
export function unzipReports(where, file) {
  const size = file.size;
  const from = (base) => bytesOf(file.slice(base)).then((bytes) => (bytes ? { bytes, base } : null));
  // At most three reads: the end, a ZIP64 end record, the directory.
  const listed = (r, tail, reads) => {
    const start = r.directoryStart(tail.bytes, tail.base);
    if (start >= 0 && start < tail.base && reads < 3) {
      return from(start).then((more) => (more ? listed(r, more, reads + 1) : { error: GONE }));
    }
    return r.unzipReports(tail.bytes, tail.base);
  };
  return withReaders(where, (r) => from(Math.max(0, size - r.tailBytes())).then((tail) => (tail ? listed(r, tail, 1) : { error: GONE })));
}

// This module's own URL: the worker imports it from there.
export function moduleUrl() {
  return import.meta.url;
}
