//! Stage 6 of the pipeline: the checks.
//!
//! Every rule lives in its own file with its documentation beside the code, the way
//! ruff lays out its rules: a [`RuleDoc`] says what the rule checks, why (citing the
//! 条例 or the template), and shows a failing example and its fix. [`registry`] lists
//! them in the order they run; `nianbao rules` and the web page print the docs.

use crate::meta::MetaInfo;
use crate::model::{Cells, Finding, LineNo, Num, SectionNo, Severity};
use crate::normalize::Doc;
use crate::sections::Sections;
use crate::tables::TableState;
use crate::template::{CellKey, Equation, Template};
use serde::Serialize;

macro_rules! declare_rules {
    (
        single { $($module:ident $variant:ident $id:literal,)* }
        pair { $($pair_module:ident $pair_variant:ident $pair_id:literal,)* }
    ) => {
        $(mod $module;)*
        $(mod $pair_module;)*


            };
}
crate::model::rule_id::rule_list!(declare_rules);

pub use crate::model::RuleId;
pub use text_reuse::{repeated_passages, Passage};

/// The documentation of a rule.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleDoc {
    /// The rule id, part of the output contract (`t3-balance`).
    pub id: RuleId,
    /// The severity its findings usually have (late-publication also gives warnings).
    pub severity: Severity,
    /// A one-line name, in Chinese.
    pub title: &'static str,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters: the legal or template basis.
    pub why: &'static str,
    /// A failing example.
    pub bad: &'static str,
    /// The same example, fixed.
    pub good: &'static str,
    /// Where the examples are checked.
    pub example: Example,
}

/// Where a rule's examples are checked: `tests/rule_examples.rs` runs every rule's, so
/// the documentation cannot drift from the code. Each names a clean reference report
/// (`tests/fixtures/examples/`, by template): `good` stands in it as printed, and the
/// report with `bad` in its place gets the rule's finding, while the report as it is
/// does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Example {
    /// The report as text (`2019.txt`, `2021.txt`).
    Text(&'static str),
    /// The report as a web page (`2021.html`): the examples are markup.
    Html(&'static str),
    /// The text report read as a file in which each `�` of `bad` is a damaged byte.
    DamagedFile(&'static str),
    /// Not an edit: the text report followed by more lines than are read (`bad` and
    /// `good` say so in words).
    TooLong(&'static str),
    /// A rule over two years ([`PairRule`]): the text report is this year's, and
    /// `{template}-previous.txt` the same agency's report of the year before,
    /// consistent with it; `good` and `bad` are edits of this year's.
    FollowsYear(&'static str),
    /// The text report as if OCR had read it from a scan: `bad` is `good` misread,
    /// and the OCR doubted the lines it changes.
    Scan(&'static str),
}

/// A rule: its documentation, written once beside its check, and the check.
pub struct Rule {
    /// What it checks and why, with a failing and a fixed example.
    pub doc: RuleDoc,
    /// Appends the rule's findings for `cx` to `out`.
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

/// A rule over two reports of one agency for consecutive years (see [`crate::series`]):
/// its documentation and its check, whose findings go to this year's report.
pub struct PairRule {
    /// What it checks and why, with a failing and a fixed example.
    pub doc: RuleDoc,
    /// Appends the rule's findings for `pair` to `out`.
    pub check: fn(&Pair<'_>, &mut Vec<Finding>),
}

/// Two reports of one agency: this year's and the year before's, with their prose.
pub struct Pair<'a> {
    /// This year's report (the findings are its).
    pub this: &'a crate::model::Report,
    /// The report of the year before.
    pub last: &'a crate::model::Report,
    /// This year's 一 and 五, as read from the text the report was checked from.
    pub this_prose: &'a Prose,
    /// The year before's.
    pub last_prose: &'a Prose,
}

/// The prose of a report that the rules over two years compare: the lines of
/// 一、总体情况 and 五、存在的主要问题及改进情况 (none for a section not found), each with its
/// line in the input, width-folded. The pipeline reads it from a report's text
/// (`pipeline::prose`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose {
    /// The lines of 一、总体情况.
    pub overview: Vec<(LineNo, String)>,
    /// The lines of 五、存在的主要问题及改进情况.
    pub problems: Vec<(LineNo, String)>,
}

impl Prose {
    /// The two sections with their lines, 一 then 五.
    pub fn sections(&self) -> impl Iterator<Item = (SectionNo, &[(LineNo, String)])> {
        [
            (SectionNo::OVERVIEW, self.overview.as_slice()),
            (SectionNo::PROBLEMS, self.problems.as_slice()),
        ]
        .into_iter()
    }
}

impl Pair<'_> {
    /// How a message names the report of the year before: its file and year.
    pub fn last_named(&self) -> String {
        let year = self
            .last
            .meta
            .year
            .map(|y| format!("{y}年度"))
            .unwrap_or_default();
        format!("上年报告《{}》（{year}）", self.last.source.name)
    }

    /// A finding of `doc`'s rule on this year's `cells`, at the first one's line.
    pub fn finding(&self, doc: &RuleDoc, message: String, cells: Vec<CellKey>) -> Finding {
        on_cells(doc, message, &self.this.cells, cells, None)
    }

    /// An arithmetic finding on this year's `cells` (`expected` and `actual` filled),
    /// as [`Context::arith`] makes within one report.
    pub fn arith(
        &self,
        doc: &RuleDoc,
        message: String,
        cells: Vec<CellKey>,
        expected: f64,
        actual: f64,
    ) -> Finding {
        on_cells(
            doc,
            message,
            &self.this.cells,
            cells,
            Some((expected, actual)),
        )
    }
}

/// A finding of `doc`'s rule on `keys` of `cells`, at the line of the first one read,
/// with the expected and actual values of an arithmetic rule.
fn on_cells(
    doc: &RuleDoc,
    message: String,
    cells: &Cells,
    keys: Vec<CellKey>,
    values: Option<(f64, f64)>,
) -> Finding {
    let line = keys
        .iter()
        .filter_map(|k| cells.get(k).and_then(|c| c.line))
        .min();
    Finding {
        rule: doc.id,
        severity: doc.severity,
        message,
        cells: keys.into_iter().map(String::from).collect(),
        line,
        expected: values.map(|(e, _)| Num(e)),
        actual: values.map(|(_, a)| Num(a)),
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// Where the text came from.
    pub source: &'a crate::model::Source,
    /// The input lines.
    pub doc: &'a Doc,
    /// The section headings.
    pub sections: &'a Sections,
    /// Title, years, agency, date, template.
    pub meta: &'a MetaInfo,
    /// The template the tables were read with, if any.
    pub template: Option<&'static Template>,
    /// Tables 2, 3 and 4.
    pub tables: &'a [TableState; 3],
    /// All cells found.
    pub cells: &'a Cells,
    /// A scan's cells that the identities could not confirm (`None`: not a scan).
    pub scan: Option<&'a crate::tables::scan::ScanCheck>,
}

impl Context<'_> {
    /// Builds a finding of `doc`'s rule.
    pub fn finding(
        &self,
        doc: &RuleDoc,
        severity: Severity,
        message: String,
        cells: impl IntoIterator<Item = CellKey>,
        line: Option<LineNo>,
    ) -> Finding {
        Finding {
            rule: doc.id,
            severity,
            message,
            cells: cells.into_iter().map(String::from).collect(),
            line,
            expected: None,
            actual: None,
        }
    }

    /// Builds an arithmetic finding (`expected` and `actual` filled).
    pub fn arith(
        &self,
        doc: &RuleDoc,
        message: String,
        cells: Vec<CellKey>,
        expected: f64,
        actual: f64,
    ) -> Finding {
        on_cells(doc, message, self.cells, cells, Some((expected, actual)))
    }

    /// The sum of `keys` as counted in identities, or `None` if one is missing or
    /// not a number (then the identity cannot be checked).
    ///
    /// A group of rows printed as one row the other format's way
    /// ([`crate::tables::MergedGroup`]) counts as that row where `keys` hold all of the
    /// group's rows of a column: its cell stands for their sum.
    pub fn sum(&self, keys: &[CellKey]) -> Option<f64> {
        let mut counted: Vec<&CellKey> = Vec::new();
        let mut total = 0.0;
        for k in keys {
            if let Some(v) = self.cells.count(k) {
                total += v;
                continue;
            }
            let one_row = self
                .tables
                .iter()
                .flat_map(|t| &t.rebuilt.merged)
                .find(|g| g.keys.contains(k))
                .and_then(|g| {
                    let as_key = g.as_keys.iter().find(|a| a.column() == k.column())?;
                    // Only where the sum takes the whole group.
                    g.keys
                        .iter()
                        .filter(|g| g.column() == k.column())
                        .all(|g| keys.contains(g))
                        .then_some(as_key)
                })?;
            if !counted.contains(&one_row) {
                counted.push(one_row);
                total += self.cells.count(one_row)?;
            }
        }
        Some(total)
    }

    /// The equations of the template's identity `id` that do not hold: each with its
    /// two sides' sums. An equation with a missing or non-number cell is not checked.
    pub fn unbalanced<'t>(
        &'t self,
        t: &'t Template,
        id: &'t str,
    ) -> impl Iterator<Item = (&'t Equation, f64, f64)> + 't {
        t.equations_of(id).filter_map(move |eq| {
            let (left, right) = (self.sum(&eq.sum)?, self.sum(&eq.equals)?);
            ((left - right).abs() > 1e-9).then_some((eq, left, right))
        })
    }

    /// Describes a cell key in words.
    pub fn describe(&self, key: &str) -> String {
        self.template
            .map(|t| t.describe_cell(key))
            .unwrap_or_else(|| key.to_owned())
    }

    /// The compact text of the body of section `no`, if found.
    pub fn section_text(&self, no: SectionNo) -> Option<String> {
        let r = self.sections.body(no, self.doc.len())?;
        Some(self.doc.folded[r].join("\n"))
    }

    /// Is 0-based line `i` inside one of the table regions?
    pub fn in_table(&self, i: usize) -> bool {
        self.tables
            .iter()
            .any(|t| t.region.as_ref().is_some_and(|r| r.contains(&i)))
    }

    /// The report year, if known.
    pub fn year(&self) -> Option<u16> {
        self.meta.year
    }
}

/// Formats a number for a message.
pub fn fmt_num(n: f64) -> String {
    Num(n).to_string()
}

/// Every rule, in the order they run.
pub fn registry() -> &'static [&'static Rule] {
    REGISTRY
}

static REGISTRY: &[&Rule] = &[
    &input_truncated::RULE,
    &input_damaged::RULE,
    &section_missing::RULE,
    &section_title_missing::RULE,
    &section_order::RULE,
    &template_outdated::RULE,
    &template_mixed::RULE,
    &year_mismatch::RULE,
    &late_publication::RULE,
    &table_missing::RULE,
    &table_incomplete::RULE,
    &t2_row_omitted::RULE,
    &table_unreadable::RULE,
    &table_header_misaligned::RULE,
    &digits_cannot_add_up::RULE,
    &cell_not_number::RULE,
    &cell_negative::RULE,
    &t3_row_total::RULE,
    &t3_outcome_total::RULE,
    &t3_balance::RULE,
    &t4_group_total::RULE,
    &t2_in_force::RULE,
    &t2_published_exceeds_total::RULE,
    &unit_missing::RULE,
    &text_table_mismatch::RULE,
    &cell_blank::RULE,
    &scan_unconfirmed::RULE,
    &overview_incomplete::RULE,
    &problems_without_measures::RULE,
    &fee_not_reported::RULE,
    &digits_split::RULE,
];

/// The documentation of every rule, in registry order.
pub fn docs() -> Vec<&'static RuleDoc> {
    all_docs().collect()
}

/// The documentation of the rule `id`, if a rule has that id.
pub fn doc(id: &str) -> Option<&'static RuleDoc> {
    all_docs().find(|d| d.id == id)
}

fn all_docs() -> impl Iterator<Item = &'static RuleDoc> {
    registry()
        .iter()
        .map(|r| &r.doc)
        .chain(pair_registry().iter().map(|r| &r.doc))
}

/// The rules over two years, in the order they run ([`crate::series`]).
pub fn pair_registry() -> &'static [&'static PairRule] {
    PAIR_REGISTRY
}

static PAIR_REGISTRY: &[&PairRule] = &[
    &t3_carryover_mismatch::RULE,
    &t2_in_force_continuity::RULE,
    &text_reuse::RULE,
];

/// Runs every rule.
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in registry() {
        (rule.check)(cx, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let docs = docs();
        let mut ids: Vec<_> = docs.iter().map(|d| d.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), docs.len());
        for d in docs {
            assert!(
                d.id.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                d.id
            );
            for text in [d.title, d.what, d.why, d.bad, d.good] {
                assert!(!text.trim().is_empty(), "{} has an empty doc field", d.id);
            }
            assert_ne!(d.bad, d.good, "{}", d.id);
        }
    }

    #[test]
    fn contract_rules_are_present() {
        let ids: Vec<_> = docs().iter().map(|d| d.id).collect();
        for id in [
            "t3-row-total",
            "t3-outcome-total",
            "t3-balance",
            "t4-group-total",
            "section-missing",
            "table-missing",
            "table-incomplete",
            "template-outdated",
            "year-mismatch",
            "late-publication",
            "text-table-mismatch",
            "cell-not-number",
            "cell-blank",
            "template-mixed",
            "section-order",
            "cell-negative",
            "unit-missing",
            "t2-in-force",
            "t2-published-exceeds-total",
            "overview-incomplete",
            "problems-without-measures",
            "fee-not-reported",
        ] {
            assert!(ids.iter().any(|i| *i == id), "missing rule {id}");
        }
    }
}
