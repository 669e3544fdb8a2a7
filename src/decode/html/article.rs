//! The article of a page saved whole from a site: the element holding the report,
//! found by the section titles under it.

use super::tree::Node;

/// Elements walked at most when looking for the article (a bound on hostile pages).
const MAX_ARTICLE_NODES: usize = 200_000;

/// Which of the section title `words` (at most eight) the text under `n` contains, as
/// a bit set; every element's set goes into `sets` in pre-order, with the element's
/// address (compared, never dereferenced).
fn section_words(
    n: &Node,
    words: &[String],
    sets: &mut Vec<(u8, *const Node)>,
    budget: &mut usize,
) -> u8 {
    if *budget == 0 {
        return 0;
    }
    *budget -= 1;
    match n {
        // Only a heading counts: a preamble listing the six parts is not the report.
        Node::Text(t) if t.trim().chars().count() <= 40 => words
            .iter()
            .take(8)
            .enumerate()
            .filter(|(_, w)| t.contains(w.as_str()))
            .fold(0, |acc, (i, _)| acc | 1 << i),
        Node::Text(_) => 0,
        Node::Element { tag, children, .. } => {
            let at = sets.len();
            sets.push((0, n as *const Node));
            let mut words_under = 0;
            for c in children {
                words_under |= section_words(c, words, sets, budget);
            }
            // Rows and tables are never the article: a layout table's cell is.
            if !matches!(tag.as_str(), "table" | "tbody" | "tr") {
                sets[at].0 = words_under;
            }
            words_under
        }
    }
}

/// The element holding the report in a page saved whole from a site (navigation,
/// columns, footer around the article): the deepest element whose headings (short
/// texts) have every one of the section title `words` the page's have, when the page
/// has at least four of them. `None` when no element does. Given as the element's
/// address, which [`emit`](super::emit) compares to find it.
pub(super) fn locate(tree: &[Node], words: &[String]) -> Option<*const Node> {
    let mut sets = Vec::new();
    let mut budget = MAX_ARTICLE_NODES;
    let all = tree.iter().fold(0u8, |acc, n| {
        acc | section_words(n, words, &mut sets, &mut budget)
    });
    if all.count_ones() < 4 {
        return None;
    }
    // Pre-order: the last element with every word is the deepest one.
    sets.iter()
        .rev()
        .find(|(w, _)| *w == all)
        .map(|(_, ptr)| *ptr)
}
