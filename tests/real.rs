//! Reports that agencies really published (`tests/fixtures/corpus/real/`, copied from
//! `shared/corpus/real`): HTML pages as published and crawler text with the table
//! digits glued together. Every truth cell is read right or left unknown (never a
//! wrong number), every mistake the report really has is found, and no error blames
//! a report for what the checker could not read.

use nianbao::{CellState, Report, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/real")
}

struct Case {
    input: String,
    truth: serde_json::Value,
    report: Report,
}

fn cases() -> Vec<Case> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 15);
    names
        .into_iter()
        .map(|p| {
            let truth: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let input = truth["input"].as_str().unwrap().to_owned();
            let bytes = std::fs::read(dir().join(&input)).unwrap();
            let report = nianbao::check_bytes(&bytes, &input).unwrap();
            Case {
                input,
                truth,
                report,
            }
        })
        .collect()
}

/// The value a report gives a cell, as the scorer counts it: a blank cell is 0.
fn value(r: &Report, key: &str) -> Option<f64> {
    let c = r.cells.get(key)?;
    match c.state {
        CellState::Blank => Some(0.0),
        _ => c.value.map(|v| v.0),
    }
}

/// Cells whose digits are glued so that several readings fit and no identity decides:
/// they must stay unknown (and be said so), not be read.
const UNDECIDABLE: [(&str, &[&str]); 1] = [(
    "014.txt",
    &[
        "t2.normative.issued",
        "t2.normative.repealed",
        "t2.normative.in_force",
    ],
)];

#[test]
fn every_truth_cell_is_read_right_or_left_unknown() {
    let mut read = 0;
    let mut total = 0;
    for case in cases() {
        let unknown: &[&str] = UNDECIDABLE
            .iter()
            .find(|(n, _)| *n == case.input)
            .map(|(_, k)| *k)
            .unwrap_or(&[]);
        let cells = case.truth["cells"].as_object().unwrap();
        for (key, want) in cells {
            total += 1;
            let want = want.as_f64().unwrap();
            match value(&case.report, key) {
                Some(got) => {
                    assert!(
                        (got - want).abs() < 1e-6,
                        "{}: {key} read as {got}, truth {want}",
                        case.input
                    );
                    read += 1;
                }
                None => assert!(
                    unknown.contains(&key.as_str()),
                    "{}: {key} not read (truth {want})",
                    case.input
                ),
            }
        }
        for key in unknown {
            assert!(case.report.cells.get(key).is_none(), "{key}");
            assert!(
                case.report
                    .findings_of("table-unreadable")
                    .any(|f| f.cells.iter().any(|c| c == key)),
                "{}: {key} is unknown without a word",
                case.input
            );
        }
    }
    assert_eq!(read, total - 3, "cells read");
}

#[test]
fn every_expected_finding_is_made() {
    for case in cases() {
        for e in case.truth["expected"].as_array().unwrap() {
            let cell = e["cell"].as_str().unwrap();
            assert!(
                case.report
                    .findings
                    .iter()
                    .any(|f| f.severity == Severity::Error && f.cells.iter().any(|c| c == cell)),
                "{}: no error on {cell}",
                case.input
            );
        }
    }
}

/// Errors are only the arithmetic the reports really break (001 leaves its 总计
/// column blank; 003, 012 and 013 add up wrong): nothing blames a report for a table
/// the checker could not read, and the clean ones have no error at all.
#[test]
fn no_error_a_report_does_not_deserve() {
    let arithmetic = [
        "t3-row-total",
        "t3-outcome-total",
        "t3-balance",
        "t4-group-total",
    ];
    let with_errors = ["001.decoded.html", "003.txt", "012.txt", "013.html"];
    for case in cases() {
        let errors: Vec<&str> = case
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.as_str())
            .collect();
        if with_errors.contains(&case.input.as_str()) {
            assert!(
                errors.iter().all(|r| arithmetic.contains(r)),
                "{}: {errors:?}",
                case.input
            );
        } else {
            assert!(errors.is_empty(), "{}: {errors:?}", case.input);
        }
        // Every report read its six sections, glued onto one line or not.
        assert!(
            case.report.sections.iter().all(|s| s.found),
            "{}",
            case.input
        );
    }
}

/// Glued reports: the template year, the report's year, and the cells split by the
/// arithmetic are marked and said once.
#[test]
fn glued_reports_mark_their_split_cells() {
    let by_name: BTreeMap<String, Case> =
        cases().into_iter().map(|c| (c.input.clone(), c)).collect();
    let r = &by_name["006.txt"].report;
    assert_eq!(r.meta.template.map(|t| t.as_str()), Some("2021"));
    assert_eq!(r.meta.year, Some(2023));
    let new = r.cells.get("t3.new.natural").unwrap();
    assert_eq!(new.value.unwrap().0, 80.0);
    assert_eq!(new.raw, "80");
    assert_eq!(new.inferred, Some(nianbao::Inference::Split));
    assert!(r.to_json().contains(r#""inferred":"split""#));
    // 0000000 can be cut one way only: read as printed, not marked.
    assert_eq!(r.cells.get("t3.carried.total").unwrap().inferred, None);
    let said: Vec<_> = r.findings_of("digits-split").collect();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].severity, Severity::Info);
    assert!(said[0].cells.contains(&"t3.new.natural".to_owned()));
    // The line of a cell is the input's (the whole report is one line there).
    let text = std::fs::read_to_string(dir().join("006.txt")).unwrap();
    let line = new.line.unwrap();
    assert!(text
        .lines()
        .nth(line.index())
        .unwrap()
        .contains("801000081"));
    // 规章 left out of a 2021 table 2 is a warning naming the row, not table-incomplete.
    let r = &by_name["014.txt"].report;
    let omitted = r.findings_of("t2-row-omitted").next().expect("said");
    assert_eq!(omitted.severity, Severity::Warning);
    assert!(omitted.message.contains("规章"));
    assert!(r.findings_of("table-incomplete").next().is_none());
}

/// One digit changed in a glued row: no split adds up, and the report is told so
/// instead of getting a silently different split.
#[test]
fn a_changed_digit_in_glued_text_cannot_add_up() {
    let text = std::fs::read_to_string(dir().join("006.txt")).unwrap();
    assert!(text.contains("申请数量801000081二"));
    let changed = text.replacen("申请数量801000081二", "申请数量801000082二", 1);
    let r = nianbao::check_text(&changed, "006.txt");
    let f = r
        .findings_of("digits-cannot-add-up")
        .next()
        .expect("cannot add up");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("801000082"), "{}", f.message);
    assert!(f.cells.contains(&"t3.new.total".to_owned()));
    assert!(r.cells.get("t3.new.natural").is_none());
    assert!(r.cells.get("t3.new.total").is_none());
    // The untouched text has no such finding.
    let r = nianbao::check_text(&text, "006.txt");
    assert!(r.findings_of("digits-cannot-add-up").next().is_none());
}

/// Title, agency and dates come from the report: a crawler's `标题:` line, a page's
/// `<title>` when its text has none, a signature glued to the end of a one-line
/// report, a title that starts with its year.
#[test]
fn meta_comes_from_the_report() {
    let by_name: BTreeMap<String, Case> =
        cases().into_iter().map(|c| (c.input.clone(), c)).collect();
    let meta = |n: &str| &by_name[n].report.meta;
    assert_eq!(
        meta("002.txt").title.as_deref(),
        Some("平潭综合实验区2019年度政府信息公开工作年度报告")
    );
    assert_eq!(meta("002.txt").agency.as_deref(), Some("平潭综合实验区"));
    assert_eq!(
        meta("009.html").title.as_deref(),
        Some("平潭综合实验区2023年度政府信息公开工作年度报告")
    );
    assert_eq!(meta("012.txt").published.as_deref(), Some("2025-01-23"));
    assert_eq!(
        meta("012.txt").agency.as_deref(),
        Some("平潭综合实验区海坛片区管理局")
    );
    assert_eq!(meta("014.txt").published.as_deref(), Some("2024-01-31"));
    assert_eq!(
        meta("001.decoded.html").agency.as_deref(),
        Some("上海市人民政府办公厅")
    );
    for (name, case) in &by_name {
        assert_eq!(
            case.report.meta.year,
            case.truth["year"].as_u64().map(|y| y as u16),
            "{name}"
        );
        assert_eq!(
            case.report.meta.template.map(|t| t.as_str()),
            case.truth["template"].as_str(),
            "{name}"
        );
    }
}

/// A report page saved whole from a site — navigation with dated news, a script naming
/// departments, a footer with a date — reads as the report inside it: the same cells,
/// title, agency and date as the page alone.
#[test]
fn a_page_saved_whole_reads_as_its_article() {
    let page = std::fs::read_to_string(dir().join("013.html")).unwrap();
    let body_start = page.find("<body>").unwrap() + "<body>".len();
    let body_end = page.rfind("</body>").unwrap();
    let site = format!(
        "{}<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a>政务公开</a><ul><li>平潭综合实验区2024年政府信息公开工作年度报告 2025-01-02</li><li>关于印发2024年政务公开工作要点的通知 2024-03-01</li></ul></div><script>var depts=['平潭综合实验区财政金融局','平潭综合实验区教育与体育局'];</script><div class=\"main\"><div class=\"crumb\">首页 &gt; 政府信息公开年报</div>{}</div><div class=\"footer\"><p>主办：平潭综合实验区党工委管委会办公室</p><p>更新日期：2025年3月1日</p></div>{}",
        &page[..body_start],
        &page[body_start..body_end],
        &page[body_end..]
    );
    let alone = &cases()
        .into_iter()
        .find(|c| c.input == "013.html")
        .unwrap()
        .report;
    let whole = nianbao::check_bytes(site.as_bytes(), "013-site.html").unwrap();
    assert_eq!(whole.meta.title, alone.meta.title);
    assert_eq!(whole.meta.agency, alone.meta.agency);
    assert_eq!(whole.meta.published, alone.meta.published);
    assert_eq!(whole.cells.len(), alone.cells.len());
    for (key, cell) in alone.cells.iter() {
        assert_eq!(
            whole.cells.get(key).map(|c| c.value),
            Some(cell.value),
            "{key}"
        );
    }
}

/// A crawler that drops blank cells: one row has fewer digits than cells, so any glued
/// row may have lost some. Each row is read for itself with that possibility: where
/// the arithmetic leaves one reading (予以公开 `2222` is 22 of 自然人 and 总计 22, the
/// other cells blank, by the columns' identities), it is read and marked inferred;
/// where several remain (table 2's 行政规范性文件, with no identity) the row is
/// unknown and the user is told why. No error blames the report.
#[test]
fn dropped_blank_cells_are_read_row_by_row() {
    let text = std::fs::read_to_string(dir().join("006.txt")).unwrap();
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("006.truth.json")).unwrap())
            .unwrap();
    assert!(text.contains("（一）予以公开220000022（二）"));
    let dropped = text.replacen(
        "（一）予以公开220000022（二）",
        "（一）予以公开2222（二）",
        1,
    );
    let r = nianbao::check_text(&dropped, "006.txt");
    let value = |key: &str| r.cells.get(key).and_then(|c| c.value).map(|v| v.0);
    assert_eq!(value("t3.granted.natural"), Some(22.0));
    assert_eq!(value("t3.granted.total"), Some(22.0));
    let blank = r.cells.get("t3.granted.legal").expect("read");
    assert_eq!((blank.value, blank.raw.as_str()), (None, ""));
    assert!(blank.inferred.is_some());
    // Every cell read is the truth (a blank is 0).
    for (key, want) in truth["cells"].as_object().unwrap() {
        if let Some(cell) = r.cells.get(key) {
            let got = cell.value.map_or(0.0, |v| v.0);
            assert_eq!(Some(got), want.as_f64(), "{key}");
        }
    }
    assert!(r.cells.get("t2.normative.issued").is_none());
    let f = r
        .findings_of("table-unreadable")
        .find(|f| f.message.contains("表二"))
        .expect("said");
    assert!(f.message.contains("空白单元格"), "{}", f.message);
    assert!(
        r.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        r.findings
    );
    // Rows of one cell (行政许可2629) stay certain.
    assert_eq!(value("t2.license.decisions"), Some(2629.0));
}

/// A row label the reader cannot find (here 二 is garbled beyond recognition): the
/// digits of two rows run together, and no split adds up — which is the reader's
/// limit, not the report's error. No `digits-cannot-add-up`, no wrong number.
#[test]
fn a_missing_label_is_not_blamed_on_the_report() {
    let text = std::fs::read_to_string(dir().join("006.txt")).unwrap();
    let garbled = text.replacen("二、上年结转政府信息公开申请数量", "", 1);
    assert_ne!(garbled, text);
    let r = nianbao::check_text(&garbled, "006.txt");
    assert!(r.findings_of("digits-cannot-add-up").next().is_none());
    assert!(r.cells.get("t3.new.natural").is_none());
    assert!(r
        .findings_of("table-unreadable")
        .any(|f| f.cells.contains(&"t3.new.total".to_owned())));
    // Nor is a row read that the next row's digits would lengthen: 012's 一 is
    // `5100000`, and with 二's label gone, `51000000000000` must not become 51, 0, ….
    let text = std::fs::read_to_string(dir().join("012.txt")).unwrap();
    let garbled = text.replacen("二、上年结转政府信息公开申请数量", "", 1);
    let r = nianbao::check_text(&garbled, "012.txt");
    assert!(r.cells.get("t3.new.natural").is_none());
    assert!(r.findings_of("digits-cannot-add-up").next().is_none());
}
