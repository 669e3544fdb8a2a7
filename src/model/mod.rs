//! The shared vocabulary at the bottom of the pipeline: a [`Report`] and what it is made
//! of — line numbers, the source, cells, findings and their [`RuleId`]s, the meta.
//!
//! Every stage fills a part of it and every adapter shows it; it imports nothing of the
//! stages (only the template data, for the cell keys). Its JSON form is the output
//! contract of `shared/spec/report-format.md` §6.

mod line;
pub mod rule_id;
mod section_no;
mod template_id;

pub use line::LineNo;
pub use rule_id::RuleId;
pub use section_no::SectionNo;
pub use template_id::TemplateId;

use crate::template::CellKey;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

/// Version of the JSON output contract.
pub const SCHEMA: u32 = 1;

/// A number as found in a cell or computed by a check. Integral values serialise as
/// JSON integers (`6`, not `6.0`); money keeps its decimals.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num(pub f64);

impl Num {
    /// Is this a whole number?
    pub fn is_integral(self) -> bool {
        self.0.fract() == 0.0 && self.0.abs() < 9.0e15
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_integral() {
            write!(f, "{}", self.0 as i64)
        } else {
            // Money is given to at most 6 decimals (万元 to the fen: 5949.088667); more
            // is floating-point noise of a sum. Trailing zeros are trimmed.
            let s = format!("{:.6}", self.0);
            f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Num)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_integral() {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

/// What kind of content a cell holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellState {
    /// A number.
    Number,
    /// Empty: the value is missing (counted as 0 in the identities). The default only
    /// for a cell read back from JSON, which leaves the state out ([`crate::report::transfer`] puts it
    /// back).
    #[default]
    Blank,
    /// `/`, `—`, `-` or `无`: not applicable, counted as 0.
    NotApplicable,
    /// Text where a number belongs (`若干`).
    NotNumber,
}

/// How a cell's value was worked out, when it was not read as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inference {
    /// The row's digits were printed without separators, and exactly one way of
    /// cutting them keeps the template's identities.
    Split,
    /// The cell's text was damaged on its way to text (`��`: label text a converter
    /// spilled over it, or characters lost), and the row's identity leaves it one
    /// value: the other cells already add up to the total (counts are never
    /// negative), or the total is the sum of cells all read.
    Damaged,
    /// The row's label was lost (a converter kept only the numbers): the rows stand
    /// in the template's order, as many as it has, and every identity of the table
    /// holds with them placed so.
    Order,
    /// Read by OCR from a scan, and every identity of the table that touches the cell
    /// holds with it (see [`crate::tables::scan`]).
    Ocr,
}

/// One rebuilt table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The parsed value: `null` when blank or not a number; 0 when not applicable.
    pub value: Option<Num>,
    /// The text of the cell as written in the input.
    pub raw: String,
    /// Unit of a money cell (`元`, `万元`), from the cell or its header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 1-based line of the decoded input where the cell was read.
    pub line: Option<LineNo>,
    /// How the value was worked out when it was not read as printed:
    /// `"split"` for digits printed without separators that only one cut, the one
    /// that keeps the table's own arithmetic, can divide into the row's cells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inference>,
    /// What the cell holds.
    #[serde(skip)]
    pub state: CellState,
}

impl Cell {
    /// The value as used in the identities: blank and not-applicable count as 0, text
    /// has no value.
    pub fn as_count(&self) -> Option<f64> {
        match self.state {
            CellState::Number | CellState::NotApplicable => self.value.map(|v| v.0),
            CellState::Blank => Some(0.0),
            CellState::NotNumber => None,
        }
    }
}

/// All rebuilt cells, in template order; serialised as a JSON object keyed by cell key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cells {
    entries: Vec<(CellKey, Cell)>,
    /// Each key's entry. FxHash: the standard SipHash took 3 % of a batch's time
    /// (`perf`), and the keys are the template's, not an attacker's.
    index: std::collections::HashMap<CellKey, usize, rustc_hash::FxBuildHasher>,
}

impl Cells {
    /// Cells in the given order.
    pub fn new(entries: Vec<(CellKey, Cell)>) -> Cells {
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        Cells { entries, index }
    }

    /// The cell with key `key` (a [`CellKey`] reads as its text), if it was found.
    pub fn get(&self, key: &str) -> Option<&Cell> {
        self.index.get(key).map(|&i| &self.entries[i].1)
    }

    /// The value of `key` as used in identities (see [`Cell::as_count`]).
    pub fn count(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(Cell::as_count)
    }

    /// Keys and cells, in template order.
    pub fn iter(&self) -> impl Iterator<Item = (&CellKey, &Cell)> {
        self.entries.iter().map(|(k, c)| (k, c))
    }

    /// Every cell, in order, to change (its key stays: the index is by key).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Cell> {
        self.entries.iter_mut().map(|(_, cell)| cell)
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No cells at all?
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> serde::de::Visitor<'de> for InOrder {
            type Value = Cells;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of cell keys to cells")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Cells, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<CellKey, Cell>()? {
                    entries.push(entry);
                }
                Ok(Cells::new(entries))
            }
        }
        d.deserialize_map(InOrder)
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before publishing.
    Error,
    /// Probably wrong; check it.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The word used in the Chinese UI.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem found by a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (`t3-balance`).
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and what the right value would be, in Chinese.
    pub message: String,
    /// The cell keys involved.
    pub cells: Vec<String>,
    /// 1-based line of the input where it is, if known.
    pub line: Option<LineNo>,
    /// The value the identity requires, for arithmetic findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Num>,
    /// The value found, for arithmetic findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Num>,
}

/// Where the report came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File name, or `-` for standard input / pasted text.
    pub name: String,
    /// What the report was read from.
    pub format: Format,
    /// The detected encoding (`utf-8`, `gb18030`, …).
    pub encoding: String,
    /// Byte sequences of a damaged file that were not valid in its encoding, each read
    /// as `�` (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged_bytes: Option<usize>,
    /// A PDF longer than the page limit: the pages it has (only the first
    /// [`crate::decode::pdf::MAX_PAGES`] were read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages_total: Option<usize>,
}

impl Source {
    /// A source read whole, undamaged.
    pub fn new(name: &str, format: Format, encoding: &str) -> Source {
        Source {
            name: name.to_owned(),
            format,
            encoding: encoding.to_owned(),
            damaged_bytes: None,
            pages_total: None,
        }
    }
}

/// What a report was read from; serialised as `text`, `html`, `docx` or `pdf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, pasted or from a file, in any encoding.
    Text,
    /// A web page, or a rich paste's or an editor's HTML.
    Html,
    /// A Word document (.docx).
    Docx,
    /// A PDF's text layer.
    Pdf,
    /// A scan (a PDF of page images, or photos of the pages), read by OCR.
    Scan,
}

impl Format {
    /// `text`, `html`, `docx` or `pdf`, as the output contract writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Scan => "scan",
        }
    }
}

/// A format compares with the contract's text (`format == "pdf"`).
impl PartialEq<&str> for Format {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of body published the report; decides the deadline (条例 Art. 49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgencyKind {
    /// A department of a government at county level or above (局, 委, 办, 厅 …).
    Department,
    /// A people's government at county level or above (its overall report).
    Government,
    /// A township government or street office.
    Township,
}

/// Facts about the report read from its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title, as printed (lines joined).
    pub title: Option<String>,
    /// The publishing agency.
    pub agency: Option<String>,
    /// Its kind.
    pub agency_kind: Option<AgencyKind>,
    /// The report year Y (the year reported on).
    pub year: Option<u16>,
    /// `2019`, `2021`, `pre2019` or `unknown`.
    pub template: Option<TemplateId>,
    /// The signature date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// Whether one of the six sections was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionStatus {
    /// Which of the six.
    pub no: SectionNo,
    /// Canonical title, without its number.
    pub title: String,
    /// Was its heading found?
    pub found: bool,
    /// 1-based line of the heading.
    pub line: Option<LineNo>,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of `error` findings.
    pub errors: usize,
    /// Number of `warning` findings.
    pub warnings: usize,
    /// Number of `info` findings.
    pub infos: usize,
}

/// The result of checking one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Version of the output contract ([`SCHEMA`]).
    pub schema: u32,
    /// Where the text came from.
    pub source: Source,
    /// Title, agency, year, template, date.
    pub meta: Meta,
    /// The six sections in order.
    pub sections: Vec<SectionStatus>,
    /// Every cell found, keyed by canonical cell key.
    pub cells: Cells,
    /// Findings, in the order the rules ran (the rule registry order).
    pub findings: Vec<Finding>,
    /// Counts by severity.
    pub summary: Summary,
}

impl Report {
    /// The template its tables follow, if one was recognised (`pre2019` and `unknown`
    /// are none).
    pub fn template(&self) -> Option<&'static crate::template::Template> {
        self.meta.template.and_then(TemplateId::template)
    }

    /// Rewrites every line number (cells, findings, sections) through `f`: the
    /// pipeline counts lines of its own document, which may have cut a glued input
    /// line in several; the report speaks of lines of the input.
    pub fn map_lines(&mut self, f: impl Fn(LineNo) -> LineNo) {
        for cell in self.cells.values_mut() {
            cell.line = cell.line.map(&f);
        }
        for finding in &mut self.findings {
            finding.line = finding.line.map(&f);
        }
        for section in &mut self.sections {
            section.line = section.line.map(&f);
        }
    }

    /// Does any finding have severity `error`?
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The report as a JSON string (one line).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Report always serialises")
    }

    /// Findings whose rule is `rule`.
    pub fn findings_of<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

impl Summary {
    /// Counts the findings by severity.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_knows_its_template() {
        let text = include_str!("../../tests/fixtures/corpus/000_05aca1268dbb5a45.txt");
        let r = crate::check_text(text, "a.txt");
        let id = r.meta.template.unwrap();
        assert_eq!(r.template().map(|t| t.id.as_str()), Some(id.as_str()));
        assert!(["2019", "2021"].contains(&id.as_str()));
        // Nothing to go on: no template.
        let r = crate::check_text("一、总体情况\n本年度未收到申请。", "b.txt");
        assert_eq!(r.meta.template, Some(TemplateId::Unknown));
        assert!(r.template().is_none());
    }

    #[test]
    fn numbers_serialise_as_integers_when_whole() {
        assert_eq!(serde_json::to_string(&Num(6.0)).unwrap(), "6");
        assert_eq!(serde_json::to_string(&Num(166.35)).unwrap(), "166.35");
        assert_eq!(Num(-3.0).to_string(), "-3");
        assert_eq!(Num(0.5).to_string(), "0.5");
        assert_eq!(Num(5949.088667).to_string(), "5949.088667");
        assert_eq!(Num(0.1 + 0.2).to_string(), "0.3");
    }

    #[test]
    fn cells_keep_their_order() {
        let cell = |v: f64| Cell {
            value: Some(Num(v)),
            raw: v.to_string(),
            unit: None,
            line: Some(LineNo::FIRST),
            inferred: None,
            state: CellState::Number,
        };
        let cells = Cells::new(vec![
            ("t3.new.total".parse().unwrap(), cell(6.0)),
            ("t3.carried.total".parse().unwrap(), cell(0.0)),
        ]);
        assert_eq!(
            serde_json::to_string(&cells).unwrap(),
            r#"{"t3.new.total":{"value":6,"raw":"6","line":1},"t3.carried.total":{"value":0,"raw":"0","line":1}}"#
        );
    }
}
