//! The job messages, natively: what each request answers, the wire forms both adapters
//! use, and what the page's state takes from a reply.

use super::*;
use crate::model::Format;
use crate::report::transfer;

const SAMPLE: &str = include_str!("../../tests/fixtures/corpus/synthetic/c008.word-txt.txt");

fn source(name: &str) -> Source {
    Source::new(name, Format::Text, "utf-8")
}

/// The line of `text` that a reply's `rows` entry points at.
fn row_line(text: &str, row: u32) -> &str {
    text.lines().nth(row as usize - 1).unwrap_or_default()
}

#[test]
fn a_request_for_text_answers_with_its_report_and_not_the_text_again() {
    let reply = run(Request::Check(Text {
        text: SAMPLE.to_owned(),
        source: source("c008.txt"),
    }));
    let report = reply.report.expect("a report");
    assert_eq!(report.source.name, "c008.txt");
    assert_eq!(report, crate::check_text(SAMPLE, "c008.txt"));
    assert_eq!((reply.text, reply.error, reply.rows), (None, None, None));
}

#[test]
fn empty_text_has_no_report_and_is_no_error() {
    let reply = run(Request::Check(Text {
        text: " \n\t\n".to_owned(),
        source: source("-"),
    }));
    assert_eq!(reply, Reply::default());
    assert_eq!(
        reply.outcome(Ok),
        Outcome::Checked {
            text: None,
            whole: None,
            source: None,
            report: None
        }
    );
}

#[test]
fn a_paste_is_put_between_the_text_around_it_and_the_whole_is_checked() {
    let reply = run(Request::Html(Html {
        html: "<p>某某局2023年政府信息公开工作年度报告</p><table><tr><td>新制作数量</td><td>3</td></tr></table>".to_owned(),
        before: "前文\n".to_owned(),
        after: "\n后文".to_owned(),
        source: source("-"),
    }));
    let text = reply.text.expect("the text");
    assert!(
        text.starts_with("前文\n某某局2023年政府信息公开工作年度报告\n"),
        "{text:?}"
    );
    assert!(text.ends_with("\n后文"), "{text:?}");
    let report = reply.report.expect("a report");
    assert_eq!(report.meta.year, Some(2023));
    // The table's row is on its line of the whole text, below the text before it.
    let rows = reply.rows.expect("the rows");
    assert!(
        row_line(&text, rows[0]).contains("新制作数量"),
        "{text:?} {rows:?}"
    );
}

#[test]
fn html_answers_with_the_line_of_each_table_row() {
    let html = "<p>2023年度报告</p><table><tr><td>主动公开</td></tr><tr><td>新制作数量</td><td>3</td></tr></table>";
    let reply = run(Request::Html(Html {
        html: html.to_owned(),
        before: String::new(),
        after: String::new(),
        source: source("body"),
    }));
    let text = reply.text.expect("the text");
    let rows = reply.rows.expect("the rows");
    assert_eq!(rows.len(), 2);
    assert!(
        row_line(&text, rows[1]).contains("新制作数量"),
        "{text:?} {rows:?}"
    );
}

#[test]
fn a_files_long_text_comes_back_cut_for_the_text_area_and_is_checked_whole() {
    // A long preface, then the report: the text area is given the first part only, and
    // the tables, past it, are read all the same.
    let preface = "说明文字。\n".repeat(30_000);
    let text = format!("{preface}{SAMPLE}");
    let read = source("long.txt");
    let reply = run(Request::Read(Text {
        text: text.clone(),
        source: read.clone(),
    }));
    let whole = reply.whole.expect("cut");
    assert_eq!(whole.bytes, text.len());
    assert_eq!(whole.lines, text.split('\n').count());
    let shown = reply.text.expect("the text");
    assert!(shown.len() < text.len() && text.starts_with(&shown) && shown.ends_with('\n'));
    assert_eq!(reply.source, Some(read));
    let report = reply.report.expect("a report");
    assert_eq!(report, crate::check_source(&text, source("long.txt")));
    assert!(!shown.contains("公开")); // the report is past the cut
    let issued = report.cells.count("t2.rules.issued");
    assert!(issued.is_some());
    assert_eq!(
        issued,
        crate::check_text(SAMPLE, "c008.txt")
            .cells
            .count("t2.rules.issued")
    );
}

#[test]
fn a_files_short_text_comes_back_whole() {
    let reply = run(Request::Read(Text {
        text: SAMPLE.to_owned(),
        source: source("c008.txt"),
    }));
    assert_eq!(reply.text.as_deref(), Some(SAMPLE));
    assert_eq!(reply.whole, None);
}

#[test]
fn text_over_a_files_bound_is_refused_with_a_message_not_checked() {
    let text = "一".repeat(crate::MAX_INPUT_BYTES / 3 + 1);
    let reply = run(Request::Check(Text {
        text,
        source: source("-"),
    }));
    let message = reply.error.clone().expect("refused");
    assert!(
        message.contains("MB") || message.contains("过大"),
        "{message}"
    );
    assert_eq!(reply.report, None);
    assert_eq!(reply.outcome(Ok), Outcome::Unreadable(message));
}

#[test]
fn the_wire_form_is_an_object_named_by_the_request() {
    let request = Request::Check(Text {
        text: "正文".to_owned(),
        source: source("a.txt"),
    });
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(
        json,
        r#"{"check":{"text":"正文","source":{"name":"a.txt","format":"text","encoding":"utf-8"}}}"#
    );
    assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
    // An editor's HTML has no text around it: left out.
    let html: Request = serde_json::from_str(
        r#"{"html":{"html":"<p>x</p>","source":{"name":"-","format":"text","encoding":"utf-8"}}}"#,
    )
    .unwrap();
    assert!(
        matches!(html, Request::Html(Html { before, after, .. }) if before.is_empty() && after.is_empty())
    );
}

#[test]
fn a_reply_says_only_what_it_has() {
    let reply: Reply<String> = Reply {
        error: Some("无法读取".to_owned()),
        ..Reply::default()
    };
    assert_eq!(
        serde_json::to_string(&reply).unwrap(),
        r#"{"error":"无法读取"}"#
    );
    let cut = Reply::<String> {
        text: Some("甲".to_owned()),
        whole: Some(WholeText { bytes: 9, lines: 2 }),
        ..Reply::default()
    };
    let json = serde_json::to_string(&cut).unwrap();
    assert_eq!(json, r#"{"text":"甲","whole":{"bytes":9,"lines":2}}"#);
    assert_eq!(serde_json::from_str::<Reply<String>>(&json).unwrap(), cut);
}

/// The page's round trip: the worker's reply in JSON, its report in the compact form,
/// read back into the same report.
#[test]
fn the_pages_reply_reads_back_into_the_same_report() {
    let reply = run(Request::Read(Text {
        text: SAMPLE.to_owned(),
        source: source("c008.txt"),
    }));
    let expected = reply.report.clone().expect("a report");
    let wire = serde_json::to_string(&reply.map_report(|r| transfer::encode(&r))).unwrap();
    let back: Reply<String> = serde_json::from_str(&wire).unwrap();
    match back.outcome(|r| transfer::decode(&r)) {
        Outcome::Checked {
            text,
            whole,
            source: read,
            report,
        } => {
            assert_eq!(text.as_deref(), Some(SAMPLE));
            assert_eq!(whole, None);
            assert_eq!(read, Some(source("c008.txt")));
            assert_eq!(report.as_deref(), Some(&expected));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_report_that_cannot_be_read_back_makes_the_document_unreadable() {
    let reply = Reply::<String> {
        report: Some("{不是报告".to_owned()),
        ..Reply::default()
    };
    let outcome = reply.outcome(|r| transfer::decode(&r));
    assert!(matches!(outcome, Outcome::Unreadable(_)), "{outcome:?}");
}
