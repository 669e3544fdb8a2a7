//! The first render, rehearsed. A browser does much of its work the first time only:
//! V8 compiles each WebAssembly and JavaScript function on its first call, Blink
//! shapes each word of a font and size once, Skia rasterises each glyph once. A fresh
//! page paid all of it on the user's first paste — the text area's new glyphs, then
//! the results' components, styles, layout and glyphs — and took two to three times
//! as long as the second paste.
//!
//! So when the checking worker has warmed up (its last warm-up report is at hand), the
//! page renders that report once, as a paste's results, out of sight: the same
//! components (through a portal of the page's own app) and stylesheet, in a closed
//! shadow root (no selector of the page, its tests or a host's scripts sees it), under
//! the page's opaque `.app`, with the bundled reports' text in the text area's font
//! beside it. It stays for a few frames, so that it is styled, laid out, painted and
//! rasterised, and is then removed. `<html data-ready>` tells that it is over, and
//! when (the browser tests' first-paste figure is taken after it).

use super::components::report_view::ReportView;
use super::samples::WARM_UP;
use super::state::Document;
use crate::model::Report;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Frames the rehearsal stays for: the first styles and lays it out, the stylesheet
/// (taken from the cache) may only apply by the second, and the last is rasterised.
const FRAMES: u32 = 3;

/// Characters per line of the glyph sheet (the text area shows about this many).
const GLYPH_LINE: usize = 80;

thread_local! {
    /// A rehearsal has begun (the next workers' warm-ups need none).
    static BEGUN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Is this the first warm-up report (the one to rehearse)?
pub fn first() -> bool {
    !BEGUN.with(|b| b.replace(true))
}

/// Where the rehearsal is drawn: a host under the page's `.app`, with a closed shadow
/// root that holds the page's stylesheet and the element the portal renders into.
struct Stage {
    host: web_sys::Element,
    mount: web_sys::Element,
}

impl Stage {
    fn new() -> Result<Stage, JsValue> {
        let document = gloo::utils::document();
        let host = document.create_element("div")?;
        host.set_class_name("rehearsal");
        host.set_attribute("aria-hidden", "true")?;
        host.set_attribute("inert", "")?;
        let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Closed);
        let shadow = host.attach_shadow(&init)?;
        // The page's own stylesheet (a <link> from the cache, the offline file's <style>).
        let sheets = document.query_selector_all("head link[rel=stylesheet], head style")?;
        for i in 0..sheets.length() {
            if let Some(sheet) = sheets.item(i) {
                shadow.append_child(&sheet.clone_node_with_deep(true)?)?;
            }
        }
        let mount = document.create_element("div")?;
        mount.set_class_name("app");
        shadow.append_child(&mount)?;
        gloo::utils::body().append_child(&host)?;
        Ok(Stage { host, mount })
    }
}

/// Props of [`Rehearsal`].
#[derive(Properties, PartialEq)]
pub struct RehearsalProps {
    /// The warm-up report.
    pub report: Rc<Report>,
    /// Told when the rehearsal has stayed its frames (the page then removes it).
    pub done: Callback<()>,
}

/// The page's workspace showing `report` as a paste's results, out of sight; marks the
/// page ready when it is removed (at once if it cannot be drawn: the first paste is
/// then only slower).
#[function_component(Rehearsal)]
pub fn rehearsal(p: &RehearsalProps) -> Html {
    let stage = use_memo((), |_| Stage::new().ok());
    {
        let stage = stage.clone();
        let done = p.done.clone();
        use_effect_with((), move |_| {
            after_frames(if stage.is_some() { FRAMES } else { 0 }, move || {
                done.emit(())
            });
            move || {
                if let Some(stage) = &*stage {
                    stage.host.remove();
                }
                ready();
            }
        });
    }
    // The bundled reports' characters, in lines as long as the text area shows: their
    // glyphs in its font and size are most of the ones a report pasted there needs.
    let glyphs = use_memo((), |_| {
        let chars: Vec<char> = WARM_UP
            .iter()
            .flat_map(|(_, text)| text.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        chars
            .chunks(GLYPH_LINE)
            .map(|line| line.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    });
    let doc = use_memo(p.report.clone(), |report| {
        Rc::new(Document::showing(report.clone()))
    });
    let Some(stage) = &*stage else {
        return Html::default();
    };
    create_portal(
        html! {
            <main class="workspace">
                <section class="input-pane">
                    <pre class="glyph-sheet">{ (*glyphs).clone() }</pre>
                </section>
                <ReportView doc={(*doc).clone()} selected={None} />
            </main>
        },
        stage.mount.clone(),
    )
}

/// Runs `then` once `n` more frames have been produced.
fn after_frames(n: u32, then: impl FnOnce() + 'static) {
    if n == 0 {
        then();
        return;
    }
    let next = Closure::once_into_js(move || after_frames(n - 1, then));
    let _ = gloo::utils::window().request_animation_frame(next.unchecked_ref());
}

/// Marks the page ready, with the milliseconds since it began to load (once: the
/// first time says when): the first paste now runs on warm code and caches.
pub fn ready() {
    let root = gloo::utils::document_element();
    if !root.has_attribute("data-ready") {
        let ms = super::js::now().round().to_string();
        let _ = root.set_attribute("data-ready", &ms);
    }
}
