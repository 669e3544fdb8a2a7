// The page's WebAssembly modules that load on first use (the file readers, read-file.js;
// the Excel export, export-xlsx.js), each loaded by one loader, and where each is.
// Both import this module beside them (wasm-bindgen copies it with them, since the
// page's Rust imports moduleLocation from it; scripts/build-offline points their
// imports at it in the offline file).

// A module loaded the first time it is asked for: `load(where)` resolves to its
// wasm-bindgen glue, initialised (`where`: { glue: URL of the glue, wasm: its module's
// URL or bytes, or none for the default }); a load that failed is tried again next
// time. `forget()` drops it, so that the next use gets a fresh instance (after a trap,
// an instance cannot be trusted).
export function lazyModule() {
  let loading = null;
  return {
    load(where) {
      if (!loading) {
        loading = import(where.glue).then((m) => m.default(where.wasm ? { module_or_path: where.wasm } : undefined).then(() => m));
        loading.catch(() => { loading = null; });
      }
      return loading;
    },
    forget() {
      loading = null;
    },
  };
}

// Where a module loaded on first use is: `globalThis[given]` where the page says so
// (the offline file, which inlines it), else `{ glue }`, `path` resolved against `base`
// (the URL of the page's own glue).
export function moduleLocation(given, path, base) {
  const inlined = globalThis[given];
  if (inlined && typeof inlined === 'object') return inlined;
  try {
    return { glue: new URL(path, base).href };
  } catch (e) {
    return {};
  }
}
