//! Reports of one agency for consecutive years, compared in the page: each pair once,
//! kept while neither report changes.

use super::document::{whole_text, with_pair_findings};
use super::{AppState, DocId};
use crate::model::Finding;
use crate::report::summary::SummaryRow;
use std::collections::HashMap;
use std::rc::Rc;

/// One pair of reports compared over two years, kept while neither changes: by their
/// generations ([`Document`]'s), not their reports, which a batch lets go.
#[derive(Debug, Clone)]
struct Compared {
    this: u32,
    last: u32,
    found: Rc<Vec<Finding>>,
    /// The repeated sentences, when `text-reuse` is among the findings.
    repeated: Option<Rc<Vec<crate::series::Passage>>>,
}

/// [`Compared`] pairs by document; equal when they are the same map (a cache).
#[derive(Debug, Default)]
pub(super) struct ComparedPairs(HashMap<(DocId, DocId), Compared>);

impl PartialEq for ComparedPairs {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl ComparedPairs {
    /// Has the pair of `this` year's report and `last` year's been compared?
    pub(super) fn has(&self, this: DocId, last: DocId) -> bool {
        self.0.contains_key(&(this, last))
    }
}

impl AppState {
    /// Compares the reports of one agency for consecutive years (files dropped
    /// together, as a reviewer does; [`crate::series`]): each document's report is its
    /// own check's, with the findings over two years of the pairs it is in. A pair is
    /// compared again only when one of its reports changed; a pair compared before its
    /// reports were set aside keeps its findings, and a report set aside whose pair
    /// changed is read again ([`AppState::set_aside`] reads again those of pairs not
    /// compared yet).
    pub(super) fn compare_years(&mut self) {
        let keys: Vec<Option<(String, u16)>> =
            self.docs.iter().map(|d| d.pair_key.clone()).collect();
        let mut compared = HashMap::new();
        let mut found_by_doc: HashMap<usize, Rc<Vec<Finding>>> = HashMap::new();
        let mut repeated_by_doc = HashMap::new();
        for (ti, li) in crate::series::pairs_by_key(&keys) {
            let (this_doc, last_doc) = (&self.docs[ti], &self.docs[li]);
            let key = (this_doc.id, last_doc.id);
            let generations = (this_doc.generation, last_doc.generation);
            let cached = self
                .compared
                .0
                .get(&key)
                .filter(|c| (c.this, c.last) == generations);
            let pair = match (cached, &this_doc.alone, &last_doc.alone) {
                (Some(c), _, _) => c.clone(),
                (None, Some(this), Some(last)) => {
                    // A text held only in part is not compared word for word: a share
                    // of a part is not the share of the whole (see WholeText).
                    let this_prose = crate::series::prose(whole_text(this_doc));
                    let last_prose = crate::series::prose(whole_text(last_doc));
                    let found = crate::series::compare_pair(this, last, &this_prose, &last_prose);
                    let repeated = found
                        .iter()
                        .any(|f| f.rule == crate::model::RuleId::TextReuse)
                        .then(|| {
                            Rc::new(crate::series::repeated_passages(&this_prose, &last_prose))
                        });
                    Compared {
                        this: generations.0,
                        last: generations.1,
                        found: Rc::new(found),
                        repeated,
                    }
                }
                // One of them set aside, and the pair not compared as it is now.
                _ => continue,
            };
            // One pair per report as this year's (pairs are certain).
            if !pair.found.is_empty() {
                found_by_doc.insert(ti, pair.found.clone());
            }
            repeated_by_doc.insert(ti, pair.repeated.clone());
            compared.insert(key, pair);
        }
        self.compared = Rc::new(ComparedPairs(compared));
        let mut read_again = Vec::new();
        for i in 0..self.docs.len() {
            let found = found_by_doc.remove(&i);
            let repeated = repeated_by_doc.remove(&i).flatten();
            let doc = &self.docs[i];
            let unchanged = match (&doc.compared, &found) {
                (None, None) => true,
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            if unchanged && doc.repeated == repeated {
                continue;
            }
            if doc.set_aside {
                // Its findings over two years no longer stand (its pair changed or
                // went): its row is made again when it is read again.
                Rc::make_mut(&mut self.docs[i]).compared = None;
                read_again.push(i);
                continue;
            }
            let doc = Rc::make_mut(&mut self.docs[i]);
            doc.repeated = repeated;
            doc.report = match (&doc.alone, &found) {
                (Some(alone), Some(found)) => Some(with_pair_findings(alone, found)),
                (alone, _) => alone.clone(),
            };
            doc.row = doc
                .report
                .as_ref()
                .map(|r| Rc::new(SummaryRow::of(&doc.name, r)));
            doc.compared = found;
        }
        for i in read_again {
            if self.docs[i].checking().is_none() {
                self.request_check(i);
            }
        }
    }
}
