//! Report templates as data.
//!
//! The national office has fixed the table layout twice: the 2019 trial format
//! (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号). Both live in
//! `templates.json` beside this file — a copy of the contract's `templates.json` with
//! recognition hints added — so a future format is one new entry there, not new code.

mod key;
mod layout;

pub use key::{CellKey, KeyError, TableId};
pub use layout::{Block, LayoutRow, Span, SpanKind, TableLayout};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A column of a table: its canonical key and the label printed in the header.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Column {
    /// Canonical key, e.g. `natural` or `new_made`.
    pub key: String,
    /// Header label as printed in the template.
    pub label: String,
    /// The header cell over it and its siblings (`法人或其他组织`; table 4's groups:
    /// `行政诉讼`), if any.
    #[serde(default)]
    pub group: Option<String>,
}

/// A row of a table.
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    /// Canonical key, possibly dotted with its group (`denied.secret`).
    pub key: String,
    /// Row label as printed in the template, with its outline number.
    pub label: String,
    /// The spanning group label above the row (`（三）不予公开`), if any.
    #[serde(default)]
    pub group: Option<String>,
    /// Other labels agencies print for the row (`规范性文件` for 2021's
    /// `行政规范性文件`).
    #[serde(default)]
    pub variants: Vec<String>,
}

/// One of the stacked sub-tables of table 2, under a caption `第二十条第（N）项`.
#[derive(Debug, Clone, Deserialize)]
pub struct SubTable {
    /// The caption, e.g. `第二十条第（一）项`.
    pub caption: String,
    /// The header of its label column (`信息内容`).
    pub label_header: String,
    /// Its columns (after the `信息内容` label column).
    pub columns: Vec<Column>,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// Table 3: applications received and handled.
#[derive(Debug, Clone, Deserialize)]
pub struct Table3 {
    /// The header over all its columns (`申请人情况`).
    pub heading: String,
    /// The identity printed in its corner, over the label columns.
    pub note: String,
    /// Applicant columns and the 总计 column.
    pub columns: Vec<Column>,
    /// Rows in template order.
    pub rows: Vec<Row>,
    /// Keys of the rows that add up to （七）总计.
    pub outcome_rows: Vec<String>,
}

/// Table 4: administrative reconsideration and litigation.
#[derive(Debug, Clone, Deserialize)]
pub struct Table4 {
    /// The three groups (行政复议, 未经复议直接起诉, 复议后起诉).
    pub groups: Vec<Column>,
    /// The five columns of each group.
    pub columns: Vec<Column>,
}

/// Whether an identity holds in each row or in each column of its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Each {
    /// In every row: `sum` and `equals` name columns (table 3's six applicant columns
    /// add up to 总计; in table 4, every group's four results to its 总计).
    Row,
    /// In every column: `sum` and `equals` name rows (一 + 二 = （七） + 四).
    Column,
}

/// One of the template's own arithmetic identities: in each row (or column) of
/// `table`, the cells named in `sum` add up to those named in `equals`.
#[derive(Debug, Clone, Deserialize)]
pub struct Identity {
    /// The rule that reports it broken (`t3-balance`).
    pub id: String,
    /// `t3` or `t4`.
    pub table: TableId,
    /// Row-wise or column-wise.
    pub each: Each,
    /// The columns (row-wise) or rows (column-wise) added up on the left.
    pub sum: Vec<String>,
    /// Those added up on the right.
    pub equals: Vec<String>,
}

/// One instance of an identity over cell keys: `sum` adds up to `equals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    /// The identity's id (`t3-balance`).
    pub id: String,
    /// Whether it is one row's or one column's.
    pub each: Each,
    /// The row (each row) or column (each column) it holds in: `granted`, `natural`.
    pub line: String,
    /// Keys added up on the left.
    pub sum: Vec<CellKey>,
    /// Keys added up on the right.
    pub equals: Vec<CellKey>,
}

impl Equation {
    /// Its cells: those added up on the left, then those on the right.
    pub fn cells(&self) -> Vec<CellKey> {
        self.sum.iter().chain(&self.equals).cloned().collect()
    }
}

/// A report template.
#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    /// Template id as used in the output (`2019`, `2021`); filled from the map key.
    #[serde(skip)]
    pub id: String,
    /// The document that issued the format.
    pub issued_by: String,
    /// First report year the format applies to.
    pub first_year: u16,
    /// Last report year the format applies to, if it has been replaced.
    pub last_year: Option<u16>,
    /// Labels found only in this template, used to recognise it.
    pub markers: Vec<String>,
    /// Table 2 sub-tables.
    pub t2: Vec<SubTable>,
    /// Table 3.
    pub t3: Table3,
    /// Table 4.
    pub t4: Table4,
    /// The template's arithmetic.
    pub identities: Vec<Identity>,
    /// Every canonical cell key of the template, in table order.
    pub cell_keys: Vec<CellKey>,
    /// The identities over cell keys ([`Template::equations`]), made once when the
    /// templates are loaded: every check reads them, and making them allocates ~900 keys.
    #[serde(skip)]
    equations: Vec<Equation>,
}

/// Templates are identified by their id.
impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A row identity as positions in the row: the cells `parts` add up to the cell `total`
/// (which comes after them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumGroup {
    /// Indices of the cells added up.
    pub parts: Vec<usize>,
    /// Index of the cell they add up to.
    pub total: usize,
}

impl Template {
    /// The rows of `table` (`t3`; `t4`'s rows are its groups) by key.
    fn row_keys(&self, table: TableId) -> Vec<&str> {
        match table {
            TableId::T3 => self.t3.rows.iter().map(|r| r.key.as_str()).collect(),
            TableId::T4 => self.t4.groups.iter().map(|g| g.key.as_str()).collect(),
            TableId::T2 => Vec::new(),
        }
    }

    /// The columns of `table` by key.
    fn column_keys(&self, table: TableId) -> Vec<&str> {
        match table {
            TableId::T3 => self.t3.columns.iter().map(|c| c.key.as_str()).collect(),
            TableId::T4 => self.t4.columns.iter().map(|c| c.key.as_str()).collect(),
            TableId::T2 => Vec::new(),
        }
    }

    /// Every instance of the template's identities over cell keys: one equation per
    /// row (or column) of the identity's table.
    pub fn equations(&self) -> &[Equation] {
        &self.equations
    }

    /// Makes [`Template::equations`] from the identities.
    fn make_equations(&self) -> Vec<Equation> {
        let mut out = Vec::new();
        for id in &self.identities {
            let key = |row: &str, col: &str| CellKey::new(id.table, row, col);
            let (lines, cross) = match id.each {
                Each::Row => (self.row_keys(id.table), false),
                Each::Column => (self.column_keys(id.table), true),
            };
            for line in lines {
                let cell = |other: &String| {
                    if cross {
                        key(other, line)
                    } else {
                        key(line, other)
                    }
                };
                out.push(Equation {
                    id: id.id.clone(),
                    each: id.each,
                    line: line.to_owned(),
                    sum: id.sum.iter().map(cell).collect(),
                    equals: id.equals.iter().map(cell).collect(),
                });
            }
        }
        out
    }

    /// The equations of the identity `id` (a rule's id), in table order.
    pub fn equations_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Equation> + 'a {
        self.equations.iter().filter(move |e| e.id == id)
    }

    /// The label of column `key` of table 3 (`自然人`).
    pub fn t3_column_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.t3
            .columns
            .iter()
            .find(|c| c.key == key)
            .map_or(key, |c| c.label.as_str())
    }

    /// The label of group `key` of table 4 (`行政复议`).
    pub fn t4_group_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.t4
            .groups
            .iter()
            .find(|g| g.key == key)
            .map_or(key, |g| g.label.as_str())
    }

    /// Within a row of `table` whose columns are `columns`, the groups of cells that
    /// add up to another cell of the row (the template's row-wise identities).
    pub fn row_sums(&self, table: TableId, columns: &[&str]) -> Vec<SumGroup> {
        let at = |k: &String| columns.iter().position(|c| c == k);
        self.identities
            .iter()
            .filter(|id| id.table == table && id.each == Each::Row && id.equals.len() == 1)
            .filter_map(|id| {
                Some(SumGroup {
                    parts: id.sum.iter().map(at).collect::<Option<Vec<_>>>()?,
                    total: at(&id.equals[0])?,
                })
            })
            .collect()
    }

    /// Does this template apply to report year `year`?
    pub fn covers_year(&self, year: u16) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|last| year <= last)
    }

    /// The label of a cell key in words, e.g. `表三“（一）予以公开”行“自然人”列`.
    pub fn describe_cell(&self, key: &str) -> String {
        let Ok(key) = key.parse::<CellKey>() else {
            return key.to_owned();
        };
        match self.cell_parts(&key) {
            Some((row, col)) if key.table() == TableId::T4 => format!("{row}的“{col}”"),
            Some((row, col)) => format!("{row}“{col}”列"),
            None => key.to_string(),
        }
    }

    /// A cell key's row in words (`表三“（一）予以公开”行`, `表四“行政复议”`) and its
    /// column label (`自然人`).
    pub fn cell_parts(&self, key: &CellKey) -> Option<(String, String)> {
        let (row, column) = self.cell_labels(key)?;
        let row = match key.table() {
            TableId::T2 => format!("表二“{row}”行"),
            TableId::T3 => format!("表三“{}”行", short_label(row)),
            TableId::T4 => format!("表四“{row}”"),
        };
        Some((row, column.to_owned()))
    }

    /// A cell key's row (table 4: group) label and column label as the template
    /// writes them, if the template has the cell.
    pub fn cell_labels(&self, key: &CellKey) -> Option<(&str, &str)> {
        let (row, col) = (key.row(), key.column());
        match key.table() {
            TableId::T2 => self.t2.iter().find_map(|sub| {
                let r = sub.rows.iter().find(|r| r.key == row)?;
                let c = sub.columns.iter().find(|c| c.key == col)?;
                Some((r.label.as_str(), c.label.as_str()))
            }),
            TableId::T3 => {
                let r = self.t3.rows.iter().find(|r| r.key == row)?;
                let c = self.t3.columns.iter().find(|c| c.key == col)?;
                Some((r.label.as_str(), c.label.as_str()))
            }
            TableId::T4 => {
                let g = self.t4.groups.iter().find(|g| g.key == row)?;
                let c = self.t4.columns.iter().find(|c| c.key == col)?;
                Some((g.label.as_str(), c.label.as_str()))
            }
        }
    }

    /// The label of a table-3 row key, shortened for messages.
    pub fn t3_row_label(&self, row: &str) -> String {
        self.t3
            .rows
            .iter()
            .find(|r| r.key == row)
            .map(|r| short_label(&r.label))
            .unwrap_or_else(|| row.to_owned())
    }
}

/// Shortens a long row label at its first parenthesis: `（二）部分公开（区分处理的…）`
/// becomes `（二）部分公开`.
pub fn short_label(label: &str) -> String {
    let body_start = label.find('）').map(|i| i + '）'.len_utf8()).unwrap_or(0);
    match label[body_start..].find('（') {
        Some(i) => label[..body_start + i].to_owned(),
        None => label.to_owned(),
    }
}

/// The words a report is recognised by, apart from its tables' labels (`cues` in
/// `templates.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct Cues {
    /// What a crawler puts before a title (`标题:`).
    pub title_prefixes: Vec<String>,
    /// What marks a site's breadcrumb line (`首页`, `>`), passed over for the title.
    pub breadcrumbs: Vec<String>,
    /// Words by which a line names a report (`报告`, `年报`).
    pub report_words: Vec<String>,
    /// Words by which a title is about disclosure (`信息公开`, `年度报告`).
    pub title_topics: Vec<String>,
    /// Where an agency's name after the title's year ends (`政府信息公开`).
    pub agency_ends: Vec<String>,
    /// The end of the statistics period (`12月31日`).
    pub period_ends: Vec<String>,
    /// Words near the statistics period's year (`统计期限`, `1月1日`).
    pub period_anchors: Vec<String>,
    /// Headings of the structure used before the 2019 format.
    pub pre2019_headings: Vec<String>,
    /// Header text of the tables as dumps print it, label pieces run together (compact
    /// keys), beside the template's own labels.
    pub table_phrases: Vec<String>,
    /// Words of the six section titles: a page element holding most of them holds the
    /// report.
    pub section_words: Vec<String>,
    /// A label that finds table 3 without its section heading.
    pub t3_start: String,
    /// A word that finds table 4 without its section heading.
    pub t4_start: String,
    /// Words of table 4's header.
    pub t4_header_words: Vec<String>,
    /// What converters print at the head of a table's first column (`| 类别 | 数据1 |
    /// …`): in a data row's first field, the row's heading, never a cell.
    pub row_head_words: Vec<String>,
    /// Words that end table 3's region when section 四 has no heading.
    pub t4_before_heading: Vec<String>,
    /// How a government's name ends (`人民政府`, `政府`).
    pub government_suffixes: Vec<String>,
    /// How a street office's name ends (`街道办事处`).
    pub street_offices: Vec<String>,
    /// How a township's name ends, before 人民政府 (`镇`, `乡`, `苏木`).
    pub township_suffixes: Vec<String>,
    /// How a government at county level or above is named, before 人民政府 (`省`, `县`).
    pub government_levels: Vec<String>,
    /// How a department's name ends (`局`, `委`, `中心`).
    pub department_suffixes: Vec<String>,
}

impl Cues {
    /// Does `text` contain any of `words`?
    pub fn any_in(words: &[String], text: &str) -> bool {
        words.iter().any(|w| text.contains(w.as_str()))
    }

    /// Does `text` end with any of `words`?
    pub fn ends_with_any(words: &[String], text: &str) -> bool {
        words.iter().any(|w| text.ends_with(w.as_str()))
    }
}

#[derive(Deserialize)]
struct TemplateFile {
    templates: BTreeMap<String, Template>,
    sections: Vec<String>,
    section_variants: Vec<Vec<String>>,
    cues: Cues,
}

struct Loaded {
    templates: Vec<Template>,
    sections: Vec<String>,
    section_variants: Vec<Vec<String>>,
    cues: Cues,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let file: TemplateFile = serde_json::from_str(include_str!("templates.json"))
            .expect("src/template/templates.json is valid (checked by tests)");
        let templates = file
            .templates
            .into_iter()
            .map(|(id, mut t)| {
                t.id = id;
                t.equations = t.make_equations();
                t
            })
            .collect();
        Loaded {
            templates,
            sections: file.sections,
            section_variants: file.section_variants,
            cues: file.cues,
        }
    })
}

/// The words a report is recognised by, apart from its tables' labels.
pub fn cues() -> &'static Cues {
    &loaded().cues
}

/// Every known template, oldest first.
pub fn all() -> &'static [Template] {
    &loaded().templates
}

/// The template with id `id` (`2019`, `2021`).
pub fn by_id(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// The template that applies to report year `year`.
pub fn for_year(year: u16) -> Option<&'static Template> {
    all().iter().find(|t| t.covers_year(year))
}

/// The canonical titles of the six sections, without their numbers.
pub fn section_titles() -> &'static [String] {
    &loaded().sections
}

/// Other titles agencies print for each of the six sections (`存在问题及改进情况`),
/// `[k]` for section `k + 1`, besides [`section_titles`].
pub fn section_variants() -> &'static [Vec<String>] {
    &loaded().section_variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_load() {
        let ids: Vec<_> = all().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["2019", "2021"]);
        assert_eq!(by_id("2019").unwrap().cell_keys.len(), 198);
        assert_eq!(by_id("2021").unwrap().cell_keys.len(), 200);
        assert_eq!(for_year(2020).unwrap().id, "2019");
        assert_eq!(for_year(2025).unwrap().id, "2021");
        assert_eq!(section_titles().len(), 6);
        assert_eq!(section_variants().len(), 6);
    }

    #[test]
    fn identities_expand_to_equations() {
        let t = by_id("2021").unwrap();
        let eqs = t.equations();
        // 25 rows of table 3, its 7 columns twice, the 3 groups of table 4.
        assert_eq!(eqs.len(), 25 + 7 + 7 + 3);
        let balance = eqs
            .iter()
            .find(|e| e.id == "t3-balance" && e.sum[0].ends_with(".natural"))
            .unwrap();
        assert_eq!(balance.sum, ["t3.new.natural", "t3.carried.natural"]);
        assert_eq!(
            balance.equals,
            ["t3.total.natural", "t3.carry_forward.natural"]
        );
        let group = eqs.iter().find(|e| e.id == "t4-group-total").unwrap();
        assert_eq!(group.equals, ["t4.review.total"]);
        assert_eq!(group.sum.len(), 4);
        for e in eqs {
            for k in e.sum.iter().chain(&e.equals) {
                assert!(t.cell_keys.contains(k), "{k}");
            }
        }
    }

    #[test]
    fn describes_cells() {
        let t = by_id("2021").unwrap();
        assert_eq!(
            t.describe_cell("t3.partial.natural"),
            "表三“（二）部分公开”行“自然人”列"
        );
        assert_eq!(
            t.describe_cell("t4.review.pending"),
            "表四“行政复议”的“尚未审结”"
        );
        assert_eq!(
            t.describe_cell("t2.fee.amount"),
            "表二“行政事业性收费”行“本年收费金额（单位：万元）”列"
        );
    }

    /// The embedded copy must keep the contract's cell keys exactly.
    #[test]
    fn matches_the_contract() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/spec/templates.json");
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
        for t in all() {
            let keys: Vec<CellKey> =
                serde_json::from_value(spec["templates"][&t.id]["cell_keys"].clone()).unwrap();
            assert_eq!(keys, t.cell_keys, "template {}", t.id);
        }
    }
}
