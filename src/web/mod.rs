//! The web page (Yew, built by Trunk): a thin adapter over the core's [`Report`].
//!
//! Layout follows the yew examples: [`state`] holds a `Reducible` state with its
//! `Action`s, [`components`] has one component per file, and [`App`] assembles them.
//! Nothing is sent anywhere: files are read in the browser and the draft is kept in
//! the browser's local storage.
//!
//! [`Report`]: crate::model::Report

pub mod checker;
pub mod components;
pub mod export;
pub mod files;
pub mod job;
pub mod js;
pub mod rehearsal;
pub mod samples;
pub mod state;
pub mod worker;

use checker::Checker;
use components::batch_summary::BatchSummary;
use components::doc_tabs::DocTabs;
use components::input_pane::InputPane;
use components::report_view::ReportView;
use components::rules_panel::RulesPanel;
use components::toolbar::Toolbar;
use gloo::storage::{LocalStorage, Storage};
use rehearsal::Rehearsal;
use state::{Action, AppState};
use yew::prelude::*;

/// Local-storage key of the draft (the text area's text).
const DRAFT_KEY: &str = "nianbao.draft";

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| match LocalStorage::get::<String>(DRAFT_KEY) {
        Ok(text) => AppState::with_draft(text),
        Err(_) => AppState::default(),
    });
    // The first warm-up report, while its render is rehearsed (see [`rehearsal`]).
    let rehearsed = use_state(|| None::<std::rc::Rc<crate::model::Report>>);
    let checker = use_memo((), {
        let dispatcher = state.dispatcher();
        let rehearse = rehearsed.setter();
        move |_| {
            Checker::new(
                Callback::from(move |done: Vec<job::Done>| {
                    dispatcher.dispatch(Action::Checked(done))
                }),
                Callback::from(
                    move |warmed: Option<std::rc::Rc<crate::model::Report>>| match warmed {
                        Some(report) if rehearsal::first() => rehearse.set(Some(report)),
                        Some(_) => {}
                        // Nothing to rehearse: the page is as ready as it will be.
                        None => rehearsal::ready(),
                    },
                ),
            )
        }
    });
    {
        let checker = (*checker).clone();
        use_effect_with((), move |_| checker.warm_up());
    }
    // Every check asked for goes to the worker once.
    {
        let state = state.clone();
        let checker = (*checker).clone();
        use_effect_with(state.pending(), move |pending| {
            // Gone through once (a batch asks for thousands at a time).
            let asked: std::collections::HashSet<_> = pending
                .iter()
                .filter(|&&(doc, seq)| !checker.submitted(doc, seq))
                .map(|&(doc, _)| doc)
                .collect();
            let jobs: Vec<_> = state
                .docs
                .iter()
                .filter(|d| asked.contains(&d.id))
                .filter_map(|d| d.job())
                .collect();
            if !jobs.is_empty() {
                checker.submit(jobs);
            }
        });
    }
    // An archive's files still to be opened: the next ones after a frame is drawn.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.files_unopened(), move |&left| {
            let timer = (left > 0).then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    dispatcher.dispatch(Action::MoreFiles)
                })
            });
            move || drop(timer)
        });
    }
    // Keep the draft across reloads; a full storage only loses the draft, not the page.
    use_effect_with(state.docs[0].text.clone(), |text| {
        let _ = LocalStorage::set(DRAFT_KEY, text);
    });
    let doc = state.doc().clone();
    let rules = state
        .rules_open
        .map(|focus| html! { <RulesPanel {focus} /> })
        .unwrap_or_default();
    let close_rules_on_escape = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && state.rules_open.is_some() {
                state.dispatch(Action::Rules(None));
            }
        })
    };
    html! {
        <ContextProvider<state::AppContext> context={state.clone()}>
        <ContextProvider<Checker> context={(*checker).clone()}>
            <div class="app" onkeydown={close_rules_on_escape}>
                <Toolbar />
                <DocTabs />
                if state.summary_shown && state.has_batch() {
                    <main class="batch-workspace">
                        <BatchSummary />
                    </main>
                } else {
                    <main class="workspace">
                        <InputPane />
                        <ReportView {doc} selected={state.selected} />
                    </main>
                }
                { rules }
                if let Some(report) = (*rehearsed).clone() {
                    <Rehearsal {report} done={
                        let rehearsed = rehearsed.setter();
                        Callback::from(move |()| rehearsed.set(None))
                    } />
                }
                // Told to a screen reader when a check of the shown report ends with
                // other counts (always in the page, so that a change is announced; the
                // same counts again, after a keystroke, are not).
                <div class="sr-only" role="status" data-testid="announce">{ announcement(&state) }</div>
                <footer>{ "年报体检 · 依据《中华人民共和国政府信息公开条例》及国办年度报告格式 · 全部在本机浏览器内运行" }</footer>
            </div>
        </ContextProvider<Checker>>
        </ContextProvider<state::AppContext>>
    }
}

/// What the page's live region says: the shown report's counts once it is checked,
/// the batch's once all its reports are.
fn announcement(state: &AppState) -> String {
    if state.summary_shown && state.has_batch() {
        let (total, checked) = (
            state.batch().count(),
            state.batch().filter(|(_, d)| d.row.is_some()).count(),
        );
        return if checked == total {
            format!("{total} 份报告已全部检查")
        } else {
            String::new()
        };
    }
    let doc = state.doc();
    match (&doc.report, doc.checking()) {
        (Some(r), None) => format!(
            "检查完成：错误 {} 项，警告 {} 项，提示 {} 项",
            r.summary.errors, r.summary.warnings, r.summary.infos
        ),
        _ => String::new(),
    }
}

/// Mounts the page into `#app`.
pub fn start() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<App>::with_root(root).render();
}
