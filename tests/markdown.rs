//! Reports as the PDF→markdown converters and chat assistants people now use write
//! them (issue #24): the prose as paragraphs, the tables as pipe tables in three
//! shapes —
//!
//! - **one little table per row** under a generic header (`| 类别 | 数据1 | … | 数据6 |
//!   总计 |`);
//! - **a `###` heading naming the row**, the table under it holding only its numbers;
//! - **an invented header** over the applicant columns, naming things the columns are
//!   not (`本年新收件数 | 上年结转件数 | 予以公开 …`).
//!
//! A header row is never data: every cell comes back right or unknown, a planted error
//! is found, and a clean report gets no error.

mod support;

use nianbao::Severity;
use support::{Shape, Spec};

/// How a converter wrote the tables.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Converter {
    /// One pipe table per row, under `| 类别 | 数据1 | … |`.
    TablePerRow,
    /// `### label`, then a table of the row's numbers alone.
    HeadingPerRow,
    /// One pipe table per template table, under a header that names other things.
    InventedHeader,
    /// One pipe table per row, the row's label its header (the other header cells
    /// empty), its numbers the one row under it after `类别`.
    LabelAsHeader,
    /// Table 3's rows without their labels, in the template's order under the
    /// columns' names (the other tables as [`Converter::TablePerRow`]).
    LabelsLost,
}

const CONVERTERS: [Converter; 5] = [
    Converter::TablePerRow,
    Converter::HeadingPerRow,
    Converter::InventedHeader,
    Converter::LabelAsHeader,
    Converter::LabelsLost,
];

fn pipe_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn rule(n: usize) -> String {
    pipe_row(&vec!["---".to_owned(); n])
}

/// A table's rows (label, cell texts) as the converter writes them; `header`: the
/// column names the converter would print over the numbers (what the template's
/// columns are, which only [`Converter::InventedHeader`] gets wrong).
fn write_rows(rows: &[(String, Vec<String>)], header: &[String], how: Converter) -> String {
    let n = rows.first().map_or(0, |r| r.1.len());
    let mut s = String::new();
    match how {
        Converter::LabelsLost => {
            s += &pipe_row(header);
            s += &rule(n);
            for (_, values) in rows {
                s += &pipe_row(values);
            }
            s += "\n";
        }
        Converter::TablePerRow => {
            for (label, values) in rows {
                let mut head = vec!["类别".to_owned()];
                head.extend((1..n).map(|i| format!("数据{i}")));
                head.push(if n > 1 {
                    "总计".into()
                } else {
                    "数据".into()
                });
                s += &pipe_row(&head);
                s += &rule(n + 1);
                let mut row = vec![label.clone()];
                row.extend(values.iter().cloned());
                s += &pipe_row(&row);
                s += "\n";
            }
        }
        Converter::HeadingPerRow => {
            for (label, values) in rows {
                s += &format!("### {label}\n\n");
                s += &pipe_row(values);
                s += &rule(n);
                s += "\n";
            }
        }
        Converter::LabelAsHeader => {
            for (label, values) in rows {
                let mut head = vec![label.clone()];
                head.extend(values.iter().map(|_| String::new()));
                s += &pipe_row(&head);
                s += &rule(n + 1);
                let mut row = vec!["类别".to_owned()];
                row.extend(values.iter().cloned());
                s += &pipe_row(&row);
                s += "\n";
            }
        }
        Converter::InventedHeader => {
            let mut head = vec!["项目".to_owned()];
            head.extend(header.iter().cloned());
            s += &pipe_row(&head);
            s += &rule(n + 1);
            for (label, values) in rows {
                let mut row = vec![label.clone()];
                row.extend(values.iter().cloned());
                s += &pipe_row(&row);
            }
            s += "\n";
        }
    }
    s
}

/// The whole report, its tables written by `how`.
fn render(spec: &Spec, how: Converter) -> String {
    let t = spec.template;
    let text = |k: &str| spec.cell_text(k, Shape::Pipe);
    let mut t2 = String::new();
    for sub in &t.t2 {
        t2 += &format!("**{}**\n\n", sub.caption);
        let rows: Vec<(String, Vec<String>)> = sub
            .rows
            .iter()
            .map(|r| {
                let values = sub
                    .columns
                    .iter()
                    .map(|c| text(&format!("t2.{}.{}", r.key, c.key)))
                    .collect();
                (r.label.clone(), values)
            })
            .collect();
        let header: Vec<String> = sub.columns.iter().map(|c| c.label.clone()).collect();
        let how = match how {
            Converter::LabelsLost => Converter::TablePerRow,
            how => how,
        };
        t2 += &write_rows(&rows, &header, how);
    }
    let mut t3 = String::new();
    let mut last_group: Option<&str> = None;
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for r in &t.t3.rows {
        if let Some(g) = r.group.as_deref() {
            if last_group != Some(g) && how == Converter::HeadingPerRow {
                rows.push((g.to_owned(), Vec::new()));
            }
        }
        last_group = r.group.as_deref();
        let values =
            t.t3.columns
                .iter()
                .map(|c| text(&format!("t3.{}.{}", r.key, c.key)))
                .collect();
        rows.push((r.label.clone(), values));
    }
    // A group heading is a `###` line of its own with no table.
    let (groups, data): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(_, v)| v.is_empty());
    let invented: Vec<String> = [
        "本年新收件数",
        "上年结转件数",
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "总计",
    ]
    .map(str::to_owned)
    .to_vec();
    if how == Converter::HeadingPerRow {
        for (label, values) in &data {
            if let Some((g, _)) = groups.iter().find(|(g, _)| {
                t.t3.rows
                    .iter()
                    .find(|r| &r.label == label)
                    .and_then(|r| r.group.as_deref())
                    == Some(g.as_str())
                    && t.t3
                        .rows
                        .iter()
                        .find(|r| r.group.as_deref() == Some(g.as_str()))
                        .map(|r| &r.label)
                        == Some(label)
            }) {
                t3 += &format!("### {g}\n\n");
            }
            t3 += &write_rows(&[(label.clone(), values.clone())], &invented, how);
        }
    } else if how == Converter::LabelsLost {
        let header: Vec<String> = t.t3.columns.iter().map(|c| c.label.clone()).collect();
        t3 += &write_rows(&data, &header, how);
    } else {
        t3 += &write_rows(&data, &invented, how);
    }
    let t4_values: Vec<String> =
        t.t4.groups
            .iter()
            .flat_map(|g| t.t4.columns.iter().map(move |c| (g, c)))
            .map(|(g, c)| text(&format!("t4.{}.{}", g.key, c.key)))
            .collect();
    let t4_header: Vec<String> =
        t.t4.groups
            .iter()
            .flat_map(|g| {
                t.t4.columns
                    .iter()
                    .map(move |c| format!("{}{}", g.label, c.label))
            })
            .collect();
    let t4 = pipe_row(&t4_header) + &rule(t4_header.len()) + &pipe_row(&t4_values) + "\n";
    // The prose of the plain rendering, with these tables in place of its own.
    let plain = spec.render(Shape::Pipe);
    let at = |h: &str| plain.find(h).unwrap_or_else(|| panic!("{h}"));
    let (h2, h3, h4, h5) = (
        at("二、主动公开政府信息情况\n"),
        at("三、收到和处理政府信息公开申请情况\n"),
        at("四、政府信息公开行政复议、行政诉讼情况\n"),
        at("五、存在的主要问题及改进情况\n"),
    );
    let heading = |from: usize| {
        let end = plain[from..].find('\n').unwrap() + from;
        format!("## {}\n\n", &plain[from..end])
    };
    let intro: String = plain[..h2].lines().map(|l| format!("{l}\n\n")).collect();
    format!(
        "{intro}{}{t2}{}{t3}{}{t4}## {}",
        heading(h2),
        heading(h3),
        heading(h4),
        &plain[h5..]
    )
}

/// Every cell read is right; returns how many were read, of how many.
fn assert_right(spec: &Spec, r: &nianbao::Report, what: &str) -> (usize, usize) {
    let mut read = 0;
    for (key, want) in &spec.cells {
        let Some(cell) = r.cells.get(key) else {
            continue;
        };
        let got = cell.value.map_or(0.0, |v| v.0);
        assert!(
            (got - want).abs() < 1e-6,
            "{what}: {key} read {got} ({:?}), truth {want}",
            cell.raw
        );
        read += 1;
    }
    (read, spec.cells.len())
}

#[test]
fn converters_markdown_is_read_right_and_clean_reports_get_no_error() {
    for how in CONVERTERS {
        let (mut read, mut total) = (0, 0);
        for seed in 0..24 {
            let spec = Spec::of_template(if seed % 2 == 0 { "2021" } else { "2019" }, seed);
            let text = render(&spec, how);
            let r = nianbao::check_text(&text, "converted.md");
            let what = format!("{how:?} seed {seed}\n{text}");
            assert_eq!(
                r.meta.template.map(|t| t.as_str()),
                Some(spec.template.id.as_str()),
                "{what}"
            );
            let (n, of) = assert_right(&spec, &r, &what);
            read += n;
            total += of;
            let errors: Vec<(&str, &str)> = r
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| (f.rule.as_str(), f.message.as_str()))
                .collect();
            assert!(errors.is_empty(), "{errors:?}\n{what}");
        }
        // Every cell, in every shape: the labels are there, and the header is not data.
        assert_eq!(read, total, "{how:?}: read {read} of {total}");
    }
}

#[test]
fn a_planted_error_in_converters_markdown_is_found() {
    for how in CONVERTERS {
        if how == Converter::LabelsLost {
            continue; // below: rows without labels are placed only where all adds up
        }
        let mut spec = Spec::of_template("2021", 7);
        // 总计 of 一 one more than its applicants add up to.
        *spec.cells.get_mut("t3.new.total").unwrap() += 1.0;
        let text = render(&spec, how);
        let r = nianbao::check_text(&text, "converted.md");
        assert!(
            r.findings
                .iter()
                .any(|f| f.rule == "t3-row-total" && f.cells.iter().any(|c| c == "t3.new.total")),
            "{how:?}: {:?}\n{text}",
            r.findings.iter().map(|f| f.rule).collect::<Vec<_>>()
        );
    }
}

/// Rows without labels are placed in the template's order only where every identity
/// of the table then holds: with an error in the report, no placement is certain, and
/// the table is unknown rather than read wrong — said as the reader's limit.
#[test]
fn rows_without_labels_that_do_not_add_up_are_not_placed() {
    let mut spec = Spec::of_template("2021", 7);
    *spec.cells.get_mut("t3.new.total").unwrap() += 1.0;
    let text = render(&spec, Converter::LabelsLost);
    let r = nianbao::check_text(&text, "converted.md");
    assert!(r.cells.iter().all(|(k, _)| !k.as_str().starts_with("t3.")));
    assert!(
        r.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        r.findings
    );
    assert!(r
        .findings_of("table-unreadable")
        .any(|f| f.message.contains("表三")));
    let clean = Spec::of_template("2021", 7);
    let r = nianbao::check_text(&render(&clean, Converter::LabelsLost), "converted.md");
    let cell = r.cells.get("t3.new.total").expect("read");
    assert_eq!(cell.inferred, Some(nianbao::Inference::Order));
}
