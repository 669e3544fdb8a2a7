//! The web page: a thin adapter over the core, built by Trunk for wasm32 with the
//! `web` feature. Natively this program does nothing (the page runs in a browser).
//!
//! The same module also runs in the page's checking worker, which has no window: there
//! it only waits for jobs (`nianbao::web::worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        nianbao::web::start();
    }
}
