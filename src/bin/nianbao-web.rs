//! The web page: a thin adapter over the core, built by Trunk for wasm32 with the
//! `web` feature. Natively this program does nothing (the page runs in a browser).

fn main() {
    #[cfg(target_arch = "wasm32")]
    nianbao::web::start();
}
