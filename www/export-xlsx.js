// The page's Excel export. The workbook is written by a WebAssembly module of its own,
// src/xlsx_api.rs (rust_xlsxwriter, as the command line's `summary --format xlsx`),
// loaded here the first time 导出 Excel is clicked, so the page's first load does not
// carry it. `where` says where it is: { glue: URL of nianbao_xlsx.js, wasm: its
// module's URL or bytes (the offline file inlines them), or none for the default }.
import { lazyModule } from './lazy-module.js';

const xlsx = lazyModule();

const UNAVAILABLE = '未能加载 Excel 导出模块（xlsx/nianbao_xlsx.js），无法导出。请确认该文件夹与页面一同部署';

// Runs `use(x)` with the module, loading it the first time; resolves to { bytes } (a
// Uint8Array) or { error } (a Chinese message).
function withXlsx(where, use) {
  return xlsx.load(where).then(
    (x) => {
      try {
        return { bytes: use(x) };
      } catch (e) {
        return { error: String((e && e.message) || e) };
      }
    },
    () => ({ error: UNAVAILABLE }),
  );
}

// One report's workbook: `report` as the page's checker hands reports over.
export function reportWorkbook(where, file, report) {
  return withXlsx(where, (x) => x.reportWorkbook(file, report));
}

// A batch's workbook: `batch` is JSON, [{ file, report } or { file, error }].
export function batchWorkbook(where, batch) {
  return withXlsx(where, (x) => x.batchWorkbook(batch));
}
