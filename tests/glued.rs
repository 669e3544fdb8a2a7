//! Random consistent reports of both templates written as glued text — the whole
//! report on one line, each row's digits run together after its label, as a
//! crawler gives them, or each label and each row's digits on lines of their own, as
//! PDF viewers copy a table — with the variants real reports have: 规章 left
//! out, 规范性文件 for 行政规范性文件, spaces between some cells, signs and units in
//! cells, digits running into the next label, blank cells dropped without a trace.
//! Every cell comes back right or stays
//! unknown: never a wrong number, never an error on a consistent report.

mod support;

use nianbao::{CellState, Severity};
use support::glued::render_glued;
use support::{Rng, Spec};

/// What was read, of how many: cells of rows printed whole, and of rows that dropped
/// their blank cells.
#[derive(Default, Debug)]
struct Tally {
    whole: (usize, usize),
    /// Of those, the rows printed whole in reports that dropped blanks elsewhere.
    whole_beside_dropped: (usize, usize),
    dropped: (usize, usize),
}

#[test]
fn glued_reports_are_read_right_or_left_unknown() {
    let cases: u64 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    let mut tally = Tally::default();
    for seed in 0..cases {
        let mut spec = Spec::random(seed);
        let mut rng = Rng::new(seed ^ 0xABCD);
        // One report in four leaves zero cells blank in some of its rows, which glued
        // text drops without a trace.
        spec.blank_zeros = rng.below(4) == 0;
        let mut dropped = Vec::new();
        let (text, left_out) = render_glued(&spec, &mut rng, seed % 3 == 2, &mut dropped);
        let r = nianbao::check_text(&text, "glued.txt");
        assert_eq!(
            r.meta.template.map(|t| t.as_str()),
            Some(spec.template.id.as_str()),
            "seed {seed}"
        );
        for (key, want) in &spec.cells {
            if left_out.contains(key) {
                assert!(r.cells.get(key).is_none(), "seed {seed}: {key}");
                continue;
            }
            let in_dropped = dropped.iter().any(|row| key.starts_with(row.as_str()));
            let beside = !in_dropped && !dropped.is_empty();
            let count = if in_dropped {
                &mut tally.dropped
            } else {
                &mut tally.whole
            };
            count.1 += 1;
            tally.whole_beside_dropped.1 += usize::from(beside);
            let Some(cell) = r.cells.get(key) else {
                continue;
            };
            count.0 += 1;
            tally.whole_beside_dropped.0 += usize::from(beside);
            if cell.state == CellState::Blank {
                // A blank the text dropped (or a row with no digits at all): blank, and
                // blank is what was printed.
                assert!(
                    spec.blank_zeros && *want == 0.0,
                    "seed {seed}: {key} blank\n{text}"
                );
                continue;
            }
            assert_eq!(
                cell.state,
                CellState::Number,
                "seed {seed}: {key} {:?}\n{text}",
                cell
            );
            let got = cell.value.unwrap().0;
            assert!(
                (got - want).abs() < 1e-6,
                "seed {seed}: {key} read {got}, truth {want}\n{text}"
            );
        }
        let errors: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.as_str())
            .collect();
        assert!(errors.is_empty(), "seed {seed}: {errors:?}\n{text}");
        if !left_out.is_empty() {
            assert!(
                r.findings_of("t2-row-omitted").next().is_some(),
                "seed {seed}"
            );
        }
    }
    eprintln!("{tally:?}");
    // Tables 3 and 4 are mostly zeros with small counts: nearly all of them are read,
    // also in reports whose other rows dropped their blanks, and most of the rows that
    // dropped blanks.
    let (read, total) = tally.whole;
    assert!(read * 10 >= total * 8, "read {read} of {total}");
    // The search across rows prunes a branch once an identity can no longer hold, so
    // it finishes within its budget where trying every combination did not: 88 % of
    // the cells of rows that dropped blanks are read (66 % before).
    let (read, total) = tally.dropped;
    assert!(
        read * 10 >= total * 8,
        "read {read} of {total} in rows that dropped blanks"
    );
    // A dropped blank is a fact about its row: the rows printed whole beside it are
    // read (all but those a blank could have left several readings).
    let (read, total) = tally.whole_beside_dropped;
    assert!(
        read * 10 >= total * 8,
        "read {read} of {total} beside rows that dropped blanks"
    );
}

/// A run with a leading zero is several cells in any shape: in a space-separated row,
/// `00` is two cells, and the row reads as printed.
#[test]
fn a_leading_zero_run_is_glued_in_any_shape() {
    let spec = Spec::of_template("2021", 1);
    let text = spec.render(support::Shape::TabRows);
    let start = text.find("一、本年新收政府信息公开申请数量").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let row = "一、本年新收政府信息公开申请数量  3  00  0  0  0  3";
    let r = nianbao::check_text(&format!("{}{row}{}", &text[..start], &text[end..]), "x.txt");
    let got: Vec<Option<f64>> = [
        "natural",
        "commercial",
        "research",
        "social",
        "legal",
        "other_org",
        "total",
    ]
    .iter()
    .map(|c| {
        r.cells
            .get(&format!("t3.new.{c}"))
            .and_then(|c| c.value)
            .map(|v| v.0)
    })
    .collect();
    assert_eq!(got, [3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0].map(Some).to_vec());
    // One digit short: a blank was dropped somewhere; nothing is read, and it is said.
    let row = "一、本年新收政府信息公开申请数量  3  00  0  0  3";
    let r = nianbao::check_text(&format!("{}{row}{}", &text[..start], &text[end..]), "x.txt");
    assert!(r.cells.get("t3.new.total").is_none());
    assert!(r.findings_of("table-unreadable").next().is_some());
}
