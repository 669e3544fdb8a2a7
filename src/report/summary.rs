//! One row per report for a reviewer's batch (`nianbao summary`): who, which year, which
//! template, when signed, whether late, how many findings and which rules come up most.
//! Pure: the command line writes the rows as a table, CSV or JSON.

use crate::model::{Report, RuleId, Severity, TemplateId};
use serde::Serialize;
use std::cmp::Ordering;

/// Whether a report was published late, as the `late-publication` rule judged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lateness {
    /// After the deadline for its kind of agency (an error).
    Late,
    /// After 31 January, where the deadline depends on what the agency is (a warning:
    /// to be checked).
    Unsure,
    /// Signed in time.
    OnTime,
}

impl Lateness {
    /// In Chinese, for a table or a spreadsheet.
    pub fn label_zh(self) -> &'static str {
        match self {
            Lateness::Late => "逾期",
            Lateness::Unsure => "待核实",
            Lateness::OnTime => "按期",
        }
    }
}

/// How many of the most frequent rules a row names.
pub const TOP_RULES: usize = 3;

/// One report's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    /// The file, as given (inside a folder: its path).
    pub file: String,
    /// The publishing agency.
    pub agency: Option<String>,
    /// The year reported on.
    pub year: Option<u16>,
    /// `2019`, `2021`, `pre2019` or `unknown`.
    pub template: Option<TemplateId>,
    /// The signature date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Late or not (`None` without a signature date).
    pub late: Option<Lateness>,
    /// `error` findings.
    pub errors: usize,
    /// `warning` findings.
    pub warnings: usize,
    /// `info` findings.
    pub infos: usize,
    /// The rules with the most findings, most first (ties by id), with their counts.
    pub top_rules: Vec<(String, usize)>,
    /// Why the file could not be read at all (then nothing else is known).
    pub unreadable: Option<String>,
}

impl SummaryRow {
    /// The row of a checked report.
    pub fn of(file: &str, report: &Report) -> SummaryRow {
        let late_finding = report
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::LatePublication)
            .map(|f| f.severity)
            .min(); // the worst: errors order first
        let late = match (late_finding, &report.meta.published) {
            (Some(Severity::Error), _) => Some(Lateness::Late),
            (Some(_), _) => Some(Lateness::Unsure),
            (None, Some(_)) => Some(Lateness::OnTime),
            (None, None) => None,
        };
        let mut counts: Vec<(String, usize)> = Vec::new();
        for f in &report.findings {
            match counts.iter_mut().find(|(id, _)| id == f.rule.as_str()) {
                Some((_, n)) => *n += 1,
                None => counts.push((f.rule.to_string(), 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.truncate(TOP_RULES);
        SummaryRow {
            file: file.to_owned(),
            agency: report.meta.agency.clone(),
            year: report.meta.year,
            template: report.meta.template,
            published: report.meta.published.clone(),
            late,
            errors: report.summary.errors,
            warnings: report.summary.warnings,
            infos: report.summary.infos,
            top_rules: counts,
            unreadable: None,
        }
    }

    /// The row of a file that could not be read, with the reason (in Chinese).
    pub fn unreadable(file: &str, why: &str) -> SummaryRow {
        SummaryRow {
            file: file.to_owned(),
            agency: None,
            year: None,
            template: None,
            published: None,
            late: None,
            errors: 0,
            warnings: 0,
            infos: 0,
            top_rules: Vec::new(),
            unreadable: Some(why.to_owned()),
        }
    }

    /// How a row says its file could not be read: `无法读取：` and the reason, which
    /// some reasons (an I/O error's) already begin with, and then say once.
    pub fn unreadable_said(why: &str) -> String {
        if why.starts_with("无法读取") {
            why.to_owned()
        } else {
            format!("无法读取：{why}")
        }
    }

    /// The columns' headings, in Chinese, in the order of [`SummaryRow::fields`].
    pub const HEADINGS: [&'static str; 11] = [
        "文件",
        "机关",
        "年度",
        "格式",
        "落款日期",
        "是否逾期",
        "错误",
        "警告",
        "提示",
        "主要问题",
        "无法读取的原因",
    ];

    /// The row as texts, in the order of [`SummaryRow::HEADINGS`].
    pub fn fields(&self) -> [String; 11] {
        let or_empty = |s: &Option<String>| s.clone().unwrap_or_default();
        [
            self.file.clone(),
            or_empty(&self.agency),
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.template
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            or_empty(&self.published),
            self.late
                .map(|l| l.label_zh().to_owned())
                .unwrap_or_default(),
            self.errors.to_string(),
            self.warnings.to_string(),
            self.infos.to_string(),
            self.top_rules
                .iter()
                .map(|(id, n)| format!("{id}×{n}"))
                .collect::<Vec<_>>()
                .join(" "),
            or_empty(&self.unreadable),
        ]
    }
}

/// A column a batch summary can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryColumn {
    /// The file name.
    File,
    /// The agency.
    Agency,
    /// The year reported on.
    Year,
    /// The template.
    Template,
    /// The signature date.
    Published,
    /// Late, to be checked, in time.
    Late,
    /// The number of errors.
    Errors,
    /// The number of warnings.
    Warnings,
}

impl SummaryColumn {
    /// Every column, in the order they are shown.
    pub const ALL: [SummaryColumn; 8] = [
        SummaryColumn::File,
        SummaryColumn::Agency,
        SummaryColumn::Year,
        SummaryColumn::Template,
        SummaryColumn::Published,
        SummaryColumn::Late,
        SummaryColumn::Errors,
        SummaryColumn::Warnings,
    ];

    /// Its heading (the same as [`SummaryRow::HEADINGS`]').
    pub fn heading_zh(self) -> &'static str {
        match self {
            SummaryColumn::File => "文件",
            SummaryColumn::Agency => "机关",
            SummaryColumn::Year => "年度",
            SummaryColumn::Template => "格式",
            SummaryColumn::Published => "落款日期",
            SummaryColumn::Late => "是否逾期",
            SummaryColumn::Errors => "错误",
            SummaryColumn::Warnings => "警告",
        }
    }

    /// Its name in markup and scripts (`data-sort`).
    pub fn name(self) -> &'static str {
        match self {
            SummaryColumn::File => "file",
            SummaryColumn::Agency => "agency",
            SummaryColumn::Year => "year",
            SummaryColumn::Template => "template",
            SummaryColumn::Published => "published",
            SummaryColumn::Late => "late",
            SummaryColumn::Errors => "errors",
            SummaryColumn::Warnings => "warnings",
        }
    }
}

/// How two entries of a batch compare by a column, each its file name and its row
/// (`None`: not checked yet). Rows not checked yet and unknown values come last, in
/// either direction of the column's own order; ties go by file name.
pub fn compare_rows(
    by: SummaryColumn,
    descending: bool,
    (a_file, a): (&str, Option<&SummaryRow>),
    (b_file, b): (&str, Option<&SummaryRow>),
) -> Ordering {
    let (ra, rb) = match (a, b) {
        (Some(ra), Some(rb)) => (ra, rb),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => return a_file.cmp(b_file),
    };
    let direct = |o: Ordering| if descending { o.reverse() } else { o };
    // Known values in the column's order, then the unknown ones.
    fn known<T: Ord>(
        a: Option<T>,
        b: Option<T>,
        direct: impl Fn(Ordering) -> Ordering,
    ) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => direct(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let late_rank = |r: &SummaryRow| r.late.map(|l| l as u8);
    match by {
        SummaryColumn::File => direct(ra.file.cmp(&rb.file)),
        SummaryColumn::Agency => known(ra.agency.as_ref(), rb.agency.as_ref(), direct),
        SummaryColumn::Year => known(ra.year, rb.year, direct),
        SummaryColumn::Template => known(
            ra.template.map(TemplateId::as_str),
            rb.template.map(TemplateId::as_str),
            direct,
        ),
        SummaryColumn::Published => known(ra.published.as_ref(), rb.published.as_ref(), direct),
        SummaryColumn::Late => known(late_rank(ra), late_rank(rb), direct),
        SummaryColumn::Errors => direct(ra.errors.cmp(&rb.errors)),
        SummaryColumn::Warnings => direct(ra.warnings.cmp(&rb.warnings)),
    }
    .then_with(|| ra.file.cmp(&rb.file))
}

/// One page of a long listing: a batch of thousands is gone through a page at a time,
/// so that no page lays out thousands of rows at once (5,000 rows took the browser two
/// seconds, in one frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Which page, from 0 (the one asked for, or the last there is).
    pub index: usize,
    /// How many pages there are (at least one, empty as it may be).
    pub count: usize,
    /// The entries it shows: `start..end` of the listing.
    pub start: usize,
    /// See `start`.
    pub end: usize,
}

impl Page {
    /// Rows a page shows: a county's departments fit on one or two. (A page of 200
    /// took a frame of about 110 ms to show: 45 ms of layout and style for its 2,600
    /// elements, on top of the rest.)
    pub const ROWS: usize = 100;

    /// Page `asked` of a listing of `total` entries (the last one, when fewer remain
    /// than asked for: a filter or a closed report may have shortened the listing).
    pub fn of(total: usize, asked: usize) -> Page {
        let count = total.div_ceil(Page::ROWS).max(1);
        let index = asked.min(count - 1);
        let start = index * Page::ROWS;
        Page {
            index,
            count,
            start,
            end: (start + Page::ROWS).min(total),
        }
    }
}

/// The rows as CSV (with a BOM, so that spreadsheet programs read the Chinese), one line
/// per report after the headings.
pub fn summary_csv(rows: &[SummaryRow]) -> String {
    let line = |fields: &[String]| {
        fields
            .iter()
            .map(|f| super::csv::csv_field(f))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n"
    };
    let headings: Vec<String> = SummaryRow::HEADINGS.iter().map(|h| h.to_string()).collect();
    let mut out = String::from("\u{FEFF}");
    out += &line(&headings);
    for row in rows {
        out += &line(&row.fields());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_counts_findings_and_names_the_most_frequent_rules() {
        let text = include_str!("../../tests/fixtures/corpus/000_05aca1268dbb5a45.txt");
        let report = crate::check_text(text, "000.txt");
        let row = SummaryRow::of("000.txt", &report);
        assert_eq!(row.warnings, report.summary.warnings);
        assert_eq!(row.errors, report.summary.errors);
        assert_eq!(row.year, report.meta.year);
        let (top, n) = &row.top_rules[0];
        assert_eq!(
            *n,
            report
                .findings
                .iter()
                .filter(|f| f.rule == top.as_str())
                .count()
        );
        assert!(row.top_rules.windows(2).all(|w| w[0].1 >= w[1].1));
        let csv = summary_csv(&[row, SummaryRow::unreadable("x.doc", "暂不支持")]);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("\u{FEFF}文件,机关,年度"));
        assert!(lines[2].starts_with("x.doc,") && lines[2].ends_with(",暂不支持"));
    }

    #[test]
    fn lateness_follows_the_late_publication_rule() {
        // 油车港镇 (a township) reports on 2020 and has no signature date.
        let text = include_str!("../../tests/fixtures/corpus/004_1feac183b5673ebd.txt");
        let row = |signed: &str| {
            let report =
                crate::check_text(&format!("{text}\n油车港镇人民政府\n{signed}\n"), "004.txt");
            SummaryRow::of("004.txt", &report).late
        };
        assert_eq!(
            SummaryRow::of("004.txt", &crate::check_text(text, "004.txt")).late,
            None
        );
        assert_eq!(row("2021年1月20日"), Some(Lateness::OnTime));
        assert_eq!(row("2021年2月20日"), Some(Lateness::Unsure));
        assert_eq!(row("2021年5月20日"), Some(Lateness::Late));
    }

    #[test]
    fn pages_cover_the_listing_once_and_clamp() {
        assert_eq!(
            Page::of(0, 0),
            Page {
                index: 0,
                count: 1,
                start: 0,
                end: 0
            }
        );
        let total = 5 * Page::ROWS + 7;
        let pages: Vec<Page> = (0..6).map(|i| Page::of(total, i)).collect();
        assert_eq!(pages[0].count, 6);
        assert_eq!((pages[5].start, pages[5].end), (5 * Page::ROWS, total));
        assert!(pages.windows(2).all(|w| w[0].end == w[1].start));
        // A page past the end (the listing shortened by a filter) is the last one.
        assert_eq!(Page::of(total, 40), pages[5]);
        assert_eq!(Page::of(Page::ROWS, 1).index, 0);
    }

    #[test]
    fn rows_sort_by_a_column_with_pending_and_unknown_last_either_way() {
        let row = |file: &str, year: Option<u16>, errors: usize| SummaryRow {
            year,
            errors,
            ..SummaryRow::unreadable(file, "")
        };
        let rows = [
            row("b.txt", Some(2023), 2),
            row("a.txt", None, 5),
            row("c.txt", Some(2022), 2),
        ];
        let mut entries: Vec<(&str, Option<&SummaryRow>)> =
            rows.iter().map(|r| (r.file.as_str(), Some(r))).collect();
        entries.push(("0-pending.txt", None));
        let sorted = |by, descending| {
            let mut e = entries.clone();
            e.sort_by(|a, b| compare_rows(by, descending, *a, *b));
            e.iter().map(|(f, _)| *f).collect::<Vec<_>>()
        };
        assert_eq!(
            sorted(SummaryColumn::Year, false),
            ["c.txt", "b.txt", "a.txt", "0-pending.txt"]
        );
        assert_eq!(
            sorted(SummaryColumn::Year, true),
            ["b.txt", "c.txt", "a.txt", "0-pending.txt"]
        );
        // Ties by file name, in both directions.
        assert_eq!(
            sorted(SummaryColumn::Errors, true),
            ["a.txt", "b.txt", "c.txt", "0-pending.txt"]
        );
        assert_eq!(
            sorted(SummaryColumn::File, true),
            ["c.txt", "b.txt", "a.txt", "0-pending.txt"]
        );
    }
}
