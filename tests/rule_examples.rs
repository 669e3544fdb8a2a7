//! Every rule's documented examples, run: the clean reference report of the example's
//! template (`tests/fixtures/examples/`) gets no finding of the rule; with the
//! example's `good` text replaced by its `bad` text, it gets one. The examples shown by
//! `nianbao rules`, the page and the JS API are thereby true of the code.

use nianbao::rules::Example;
use nianbao::Report;

fn base(file: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/examples/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text with `good` (which must be in it exactly once) replaced by `bad`.
fn edited(text: &str, good: &str, bad: &str, id: &str) -> String {
    assert_eq!(
        text.matches(good).count(),
        1,
        "{id}: `good` must be in the reference report once: {good:?}"
    );
    text.replacen(good, bad, 1)
}

/// The reports without and with the example's fault.
fn reports(doc: &nianbao::rules::RuleDoc) -> (Report, Report) {
    let id = doc.id.as_str();
    match doc.example {
        Example::Text(t) => {
            let text = base(&format!("{t}.txt"));
            let bad = edited(&text, doc.good, doc.bad, id);
            (
                nianbao::check_text(&text, "good.txt"),
                nianbao::check_text(&bad, "bad.txt"),
            )
        }
        Example::Html(t) => {
            let html = base(&format!("{t}.html"));
            let bad = edited(&html, doc.good, doc.bad, id);
            (
                nianbao::check_html(&html, "good.html"),
                nianbao::check_html(&bad, "bad.html"),
            )
        }
        Example::DamagedFile(t) => {
            let text = base(&format!("{t}.txt"));
            let bad = edited(&text, doc.good, doc.bad, id);
            assert!(bad.contains('\u{FFFD}'), "{id}: `bad` has no damaged byte");
            let bytes: Vec<u8> = bad
                .split('\u{FFFD}')
                .collect::<Vec<_>>()
                .join("\u{1}")
                .bytes()
                .map(|b| if b == 1 { 0xFF } else { b })
                .collect();
            let good = nianbao::check_bytes(text.as_bytes(), "good.txt").unwrap();
            (good, nianbao::check_bytes(&bytes, "bad.txt").unwrap())
        }
        Example::FollowsYear(t) => {
            // This year's report with and without the fault, each checked together with
            // the year before's.
            let previous_text = base(&format!("{t}-previous.txt"));
            let previous = nianbao::check_text(&previous_text, "previous.txt");
            let text = base(&format!("{t}.txt"));
            let bad = edited(&text, doc.good, doc.bad, id);
            let this_year = |text: &str, name: &str| {
                let mut batch = vec![previous.clone(), nianbao::check_text(text, name)];
                nianbao::series::check_series(&mut batch, &[&previous_text, text]);
                batch.pop().unwrap()
            };
            (this_year(&text, "good.txt"), this_year(&bad, "bad.txt"))
        }
        Example::Scan(t) => {
            // The OCR doubted the lines its misreading changed.
            let text = base(&format!("{t}.txt"));
            let bad = edited(&text, doc.good, doc.bad, id);
            let doubtful: Vec<(usize, usize)> = bad
                .lines()
                .zip(text.lines())
                .enumerate()
                .filter(|(_, (b, g))| b != g)
                .flat_map(|(i, (b, _))| (0..b.chars().count()).map(move |c| (i + 1, c)))
                .collect();
            assert!(!doubtful.is_empty(), "{id}: `bad` changes no line");
            let scan = |text: &str, lines: &[(usize, usize)], name: &str| {
                nianbao::check_scan(
                    text,
                    lines,
                    nianbao::Source::new(name, nianbao::Format::Scan, "ocr"),
                )
            };
            (
                scan(&text, &[], "good.pdf"),
                scan(&bad, &doubtful, "bad.pdf"),
            )
        }
        Example::TooLong(t) => {
            let text = base(&format!("{t}.txt"));
            let long = format!("{text}{}", "\n".repeat(nianbao::normalize::MAX_LINES));
            (
                nianbao::check_text(&text, "good.txt"),
                nianbao::check_text(&long, "bad.txt"),
            )
        }
    }
}

#[test]
fn the_reference_reports_are_clean() {
    for file in ["2019.txt", "2021.txt"] {
        let r = nianbao::check_text(&base(file), file);
        assert!(r.findings.is_empty(), "{file}: {:?}", r.findings);
        assert!(r.cells.len() >= 198, "{file}");
    }
    let r = nianbao::check_html(&base("2021.html"), "2021.html");
    assert!(r.findings.is_empty(), "2021.html: {:?}", r.findings);
    // The year before's report is clean too, and the two years agree.
    let texts = [base("2021-previous.txt"), base("2021.txt")];
    let mut batch = vec![
        nianbao::check_text(&texts[0], "2021-previous.txt"),
        nianbao::check_text(&texts[1], "2021.txt"),
    ];
    assert_eq!(
        nianbao::series::pairs(&batch),
        vec![(1, 0)],
        "the two years are paired"
    );
    nianbao::series::check_series(&mut batch, &[&texts[0], &texts[1]]);
    for r in &batch {
        assert!(r.findings.is_empty(), "{}: {:?}", r.source.name, r.findings);
    }
}

#[test]
fn every_rules_examples_hold() {
    let mut wrong = Vec::new();
    for doc in nianbao::rule_docs() {
        let (good, bad) = reports(doc);
        // A scan's table 2 is never confirmed (no identity covers it), so a scan
        // example fires when the misread row's cells are named, and they are not in
        // the scan read right.
        let scan_row = |r: &Report| {
            r.findings
                .iter()
                .filter(|f| f.rule == doc.id)
                .flat_map(|f| &f.cells)
                .any(|k| k.starts_with("t3.new."))
        };
        let fires = |r: &Report| match doc.example {
            Example::Scan(_) => scan_row(r),
            _ => r.findings.iter().any(|f| f.rule == doc.id),
        };
        if fires(&good) {
            wrong.push(format!("{}: the fixed example gets the finding", doc.id));
        }
        if !fires(&bad) {
            let got: Vec<_> = bad.findings.iter().map(|f| f.rule).collect();
            wrong.push(format!(
                "{}: the failing example does not get it (got {got:?})",
                doc.id
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
