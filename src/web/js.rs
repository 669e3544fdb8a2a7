//! The page's bindings to JavaScript that more than one part of it uses: where a module
//! loaded on first use is, a promise's `then`, and the page's clock.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// `import.meta` of wasm-bindgen's module for the page (its URL is the one the
    /// worker imports).
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// The URL of wasm-bindgen's module for the page (the one a worker imports).
pub fn glue_url() -> String {
    IMPORT_META.with(ImportMeta::url)
}

#[wasm_bindgen(module = "/www/lazy-module.js")]
extern "C" {
    /// Where a module loaded on first use is (see `www/lazy-module.js`).
    #[wasm_bindgen(js_name = moduleLocation)]
    fn module_location_from(given: &str, path: &str, base: &str) -> JsValue;
}

/// Where a module loaded on first use is: `globalThis[given]` where the page says so
/// (the offline file, which inlines it), else `path` beside the page's own module.
/// `www/lazy-module.js`, which says it, is also the one loader of those modules.
pub fn module_location(given: &str, path: &str) -> JsValue {
    module_location_from(given, path, &glue_url())
}

/// `promise.then(resolved, rejected)` with two functions made by
/// `Closure::once_into_js` (each frees itself when called).
pub fn call_then(
    promise: &js_sys::Promise,
    resolved: &JsValue,
    rejected: &JsValue,
) -> Result<JsValue, JsValue> {
    let then: js_sys::Function = js_sys::Reflect::get(promise, &"then".into())?.dyn_into()?;
    then.call2(promise, resolved, rejected)
}

/// Milliseconds since the page opened.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
