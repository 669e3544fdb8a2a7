//! The six sections and whether each was found.

use crate::model::Report;
use crate::web::state::{Action, AppContext};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SectionList`].
#[derive(Properties, PartialEq)]
pub struct SectionListProps {
    /// The report.
    pub report: Rc<Report>,
}

/// The six sections, found or missing; a found one scrolls the input to its heading.
#[function_component(SectionList)]
pub fn section_list(p: &SectionListProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    html! {
        <ol class="sections" data-testid="sections">
            { for p.report.sections.iter().map(|s| {
                let onclick = {
                    let ctx = ctx.clone();
                    let line = s.line;
                    Callback::from(move |_| if let Some(l) = line { ctx.dispatch(Action::Reveal(l)) })
                };
                html! {
                    <li class={if s.found { "found" } else { "missing" }} data-section={s.no.to_string()} data-found={s.found.to_string()} {onclick}>
                        <span class="mark">{ if s.found { "✓" } else { "✗" } }</span>
                        { format!("{}、{}", s.no.numeral(), s.title) }
                        { s.line.map(|l| html! { <small>{ format!(" 第{l}行") }</small> }).unwrap_or_else(|| html! { <small>{ " 未找到" }</small> }) }
                    </li>
                }
            }) }
        </ol>
    }
}
