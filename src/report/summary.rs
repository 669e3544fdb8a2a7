//! One row per report for a reviewer's batch (`nianbao summary`): who, which year, which
//! template, when signed, whether late, how many findings and which rules come up most.
//! Pure: the command line writes the rows as a table, CSV or JSON.

use crate::report::{Report, Severity};
use serde::Serialize;

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
    pub template: Option<String>,
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
            .filter(|f| f.rule == "late-publication")
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
            match counts.iter_mut().find(|(id, _)| *id == f.rule) {
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
            template: report.meta.template.clone(),
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
            or_empty(&self.template),
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
            report.findings.iter().filter(|f| f.rule == *top).count()
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
}
