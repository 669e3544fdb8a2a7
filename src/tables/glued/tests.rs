//! The glued readers' tests: rows cut, and rows decided across the table.

use super::across::*;
use super::row::*;
use super::*;
use crate::tables::layout::TokKind;
use crate::template::{CellKey, Equation};

fn tok(text: &str) -> Tok {
    Tok {
        kind: TokKind::Text,
        text: text.into(),
        raw: text.into(),
        line: 1,
        col: 0,
        width: 0,
        char_col: 0,
        field: None,
        glued: true,
    }
}

fn values(pieces: &[Piece]) -> Vec<f64> {
    pieces.iter().map(|p| p.value).collect()
}

fn t3_row() -> Vec<SumGroup> {
    vec![SumGroup {
        parts: (0..6).collect(),
        total: 6,
    }]
}

fn read(texts: &[&str], n: usize, groups: &[SumGroup]) -> RowReading {
    let toks: Vec<Tok> = texts.iter().map(|t| tok(t)).collect();
    let runs: Vec<Run<'_>> = toks.iter().map(Run::new).collect();
    read_row(&runs, n, groups, false)
}

#[test]
fn one_way_to_cut_is_read_as_printed() {
    // 7 digits for 7 cells; 5 + 1 ≠ 0 is the report's error, for the rules.
    let RowReading::Printed(p) = read(&["5100000"], 7, &t3_row()) else {
        panic!()
    };
    assert_eq!(values(&p), [5.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    // Spaces cut; `00` is two cells (no leading zeros).
    let RowReading::Printed(p) = read(&["0", "0", "0", "0", "0", "00"], 7, &t3_row()) else {
        panic!()
    };
    assert_eq!(values(&p), [0.0; 7]);
}

#[test]
fn the_row_identity_decides() {
    let RowReading::Inferred(p) = read(&["801000081"], 7, &t3_row()) else {
        panic!()
    };
    assert_eq!(values(&p), [80.0, 1.0, 0.0, 0.0, 0.0, 0.0, 81.0]);
    let RowReading::Inferred(p) = read(&["200", "000121"], 7, &t3_row()) else {
        panic!()
    };
    assert_eq!(values(&p), [20.0, 0.0, 0.0, 0.0, 0.0, 1.0, 21.0]);
    let RowReading::Inferred(p) = read(&["640020470"], 7, &t3_row()) else {
        panic!()
    };
    assert_eq!(values(&p), [64.0, 0.0, 0.0, 2.0, 0.0, 4.0, 70.0]);
}

#[test]
fn dropped_blanks_are_readings_too() {
    let toks = [tok("2222")];
    let runs: Vec<Run<'_>> = toks.iter().map(Run::new).collect();
    // 22 under one of six applicants and 总计 22, the rest blank: which applicant
    // the row alone cannot say, the 总计 it can.
    let RowReading::Ambiguous(left) = read_row(&runs, 7, &t3_row(), true) else {
        panic!()
    };
    assert_eq!(left.len(), 6);
    let left: Vec<&[Piece]> = left.iter().map(Vec::as_slice).collect();
    let cells = agreed(&left);
    assert!(cells[..6].iter().all(Option::is_none));
    assert_eq!(cells[6].map(|p| p.value), Some(22.0));
    // Readings that differ only in which 0 was blank are one: `100` as four cells
    // is 1 in the first or second, 10 in one of three, 100 in one of four.
    let toks = [tok("100")];
    let runs: Vec<Run<'_>> = toks.iter().map(Run::new).collect();
    let all = readings_with_blanks(&runs, 4, &[], MAX_CANDIDATES, 3).unwrap();
    assert_eq!(all.len(), 9);
    let first = all.iter().find(|r| r[0].value == 1.0).unwrap();
    assert_eq!(values(first), [1.0, 0.0, 0.0, 0.0]);
}

#[test]
fn a_printed_row_that_fails_but_adds_up_with_a_dropped_blank_is_unknown() {
    // 1 0 0 0 0 1 | 0 does not add up; 10 · · 0 0 0 | 10 with two blanks does.
    assert_eq!(read(&["1000010"], 7, &t3_row()), RowReading::Unreadable);
    // No reading with blanks adds up either: the report's error stands.
    assert!(matches!(
        read(&["5100000"], 7, &t3_row()),
        RowReading::Printed(_)
    ));
}

#[test]
fn a_row_that_cannot_add_up_is_said_so() {
    // One digit of 801000081 changed: no cut adds up.
    assert_eq!(read(&["801000082"], 7, &t3_row()), RowReading::CannotAddUp);
}

#[test]
fn digits_that_fit_no_reading_are_unknown() {
    assert_eq!(read(&["12"], 7, &t3_row()), RowReading::Unreadable);
    assert_eq!(read(&["0012"], 2, &[]), RowReading::Unreadable);
}

#[test]
fn no_identity_leaves_several_cuts_undecided() {
    assert!(matches!(
        read(&["77132470"], 3, &[]),
        RowReading::Ambiguous(_)
    ));
}

#[test]
fn units_signs_and_points_stay_in_their_cell() {
    let RowReading::Printed(p) = read(&["5949.088667"], 1, &[]) else {
        panic!()
    };
    assert_eq!(values(&p), [5949.088667]);
    let RowReading::Printed(p) = read(&["35", "+156"], 2, &[]) else {
        panic!()
    };
    assert_eq!(values(&p), [35.0, 156.0]);
    let RowReading::Printed(p) = read(&["46", "415802元"], 2, &[]) else {
        panic!()
    };
    assert_eq!(p[1].unit, Some("元"));
}

#[test]
fn table_four_groups() {
    let groups: Vec<SumGroup> = (0..3)
        .map(|g| SumGroup {
            parts: (g * 5..g * 5 + 4).collect(),
            total: g * 5 + 4,
        })
        .collect();
    // 1 1 0 0 2 | 4 0 0 1 5 | 1 0 1 0 2 — 15 digits, one way.
    let RowReading::Printed(p) = read(&["110024001510102"], 15, &groups) else {
        panic!()
    };
    assert_eq!(p[4].value, 2.0);
    // 12 0 0 0 12 | 0 0 0 0 0 | 0 0 0 0 0: 17 digits, only one cut adds up.
    let RowReading::Inferred(p) = read(&["12000120000000000"], 15, &groups) else {
        panic!()
    };
    assert_eq!(p[0].value, 12.0);
    assert_eq!(p[4].value, 12.0);
}

/// A row of 60 digits ends within the step budget, as unknown or read.
#[test]
fn long_rows_are_bounded() {
    let digits = "123456789".repeat(7);
    let r = read(&[&digits[..60]], 7, &t3_row());
    assert!(matches!(
        r,
        RowReading::Unreadable | RowReading::CannotAddUp | RowReading::Ambiguous(_)
    ));
}

#[test]
fn columns_decide_rows_left_ambiguous() {
    let key = |k: &str| CellKey::new(crate::template::TableId::T3, &k[..1], &k[2..]);
    // Row a is 1,11 or 11,1; row b is fixed at 1,11; the column identity a = b.
    let rows = vec![Undecided {
        keys: vec![key("a.x"), key("a.y")],
        candidates: vec![vec![1.0, 11.0], vec![11.0, 1.0]],
    }];
    let eqs = [
        Equation {
            id: "col".into(),
            each: crate::template::Each::Column,
            line: "x".into(),
            sum: vec![key("a.x")],
            equals: vec![key("b.x")],
        },
        Equation {
            id: "col".into(),
            each: crate::template::Each::Column,
            line: "y".into(),
            sum: vec![key("a.y")],
            equals: vec![key("b.y")],
        },
    ];
    let known = |k: &str| match k {
        "t3.b.x" => Some(1.0),
        "t3.b.y" => Some(11.0),
        _ => None,
    };
    let eqs: Vec<&Equation> = eqs.iter().collect();
    assert_eq!(decide_across_rows(&rows, &eqs, &known), [Some(vec![0])]);
    let unknown = |_: &str| None;
    assert_eq!(
        decide_across_rows(&rows, &eqs, &unknown),
        [Some(vec![0, 1])]
    );
}

/// A little generator of test cases (xorshift), the same on every run.
struct Cases(u64);

impl Cases {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn numbers_are_compared_digit_by_digit() {
    assert_eq!(digits_of(0.0), 1);
    assert_eq!(digits_of(9.0), 1);
    assert_eq!(digits_of(10.0), 2);
    assert_eq!(digits_of(999_999.0), 6);
    assert_eq!(digits_of(1_000_000.0), 7);
    let chars: Vec<char> = "1200340".chars().collect();
    assert_eq!(starts_with_number(&chars, 120), Some(3));
    assert_eq!(starts_with_number(&chars, 12), Some(2));
    assert_eq!(starts_with_number(&chars, 0), None);
    assert_eq!(starts_with_number(&chars[2..], 0), Some(1));
    assert_eq!(starts_with_number(&chars, 1200340), Some(7));
    assert_eq!(starts_with_number(&chars, 12003401), None);
}

/// The search's shortcuts leave out only places from which nothing is found: the memo
/// of dead ends, and the bound on what the parts before a total can still add up to.
/// With them and without them, the cuts of glued rows are the same, cut for cut (where
/// the search without them finished): rows of table 3 and of table 4, as printed and
/// with blanks the text may have dropped.
#[test]
fn the_search_shortcuts_find_what_the_full_search_finds() {
    let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
    let (mut compared, mut found) = (0, 0);
    for _ in 0..900 {
        // A row that adds up, mostly zeros and small counts as tables 3 and 4 are,
        // now and then hundreds or thousands (where the bound cuts most); some of its
        // zeros dropped as blanks, glued, a space now and then; now and then a digit
        // changed.
        let (n, groups) = match cases.below(3) {
            0 => (7, t3_row()),
            1 => (
                5,
                vec![SumGroup {
                    parts: (0..4).collect(),
                    total: 4,
                }],
            ),
            _ => (
                15,
                (0..3)
                    .map(|g| SumGroup {
                        parts: (g * 5..g * 5 + 4).collect(),
                        total: g * 5 + 4,
                    })
                    .collect(),
            ),
        };
        let mut cells: Vec<u64> = Vec::new();
        for group in &groups {
            let parts: Vec<u64> = group
                .parts
                .iter()
                .map(|_| match cases.below(12) {
                    0..=5 => 0,
                    6..=8 => cases.below(20),
                    9 | 10 => cases.below(600),
                    _ => cases.below(5000),
                })
                .collect();
            cells.push(parts.iter().sum());
            cells.splice(cells.len() - 1..cells.len() - 1, parts);
        }
        assert_eq!(cells.len(), n);
        let mut texts = vec![String::new()];
        for v in cells {
            if v == 0 && cases.below(2) == 0 {
                continue;
            }
            texts.last_mut().unwrap().push_str(&v.to_string());
            if cases.below(6) == 0 {
                texts.push(String::new());
            }
        }
        if cases.below(8) == 0 {
            let last = texts.last_mut().unwrap();
            last.push('1');
        }
        texts.retain(|t| !t.is_empty());
        if texts.is_empty() {
            continue;
        }
        let toks: Vec<Tok> = texts.iter().map(|t| tok(t)).collect();
        let runs: Vec<Run<'_>> = toks.iter().map(Run::new).collect();
        let digits: usize = runs.iter().map(Run::len).sum();
        for blanks in [0, n - 1] {
            if blanks == 0 && digits < n {
                continue;
            }
            let plain = search_with(&runs, n, &groups, MAX_CANDIDATES, blanks, false);
            let with = search_with(&runs, n, &groups, MAX_CANDIDATES, blanks, true);
            if let Some(plain) = plain {
                found += usize::from(!plain.is_empty());
                assert_eq!(with, Some(plain), "{texts:?} blanks {blanks}");
                compared += 1;
            }
        }
    }
    assert!(compared > 900 && found > 300, "{compared} {found}");
}

/// The candidates of each row that some combination of all rows' candidates keeps
/// every equation with: every combination tried.
fn every_combination(rows: &[Undecided], usable: &[(usize, Vec<Term>)]) -> Vec<Vec<bool>> {
    let mut kept: Vec<Vec<bool>> = rows
        .iter()
        .map(|r| vec![false; r.candidates.len()])
        .collect();
    let mut chosen = vec![0; rows.len()];
    loop {
        let holds = usable.iter().all(|(_, terms)| {
            let sum: f64 = terms
                .iter()
                .map(|(sign, t)| {
                    sign * match t {
                        Ok(v) => *v,
                        Err((r, c)) => rows[*r].candidates[chosen[*r]][*c],
                    }
                })
                .sum();
            sum.abs() < 1e-6
        });
        if holds {
            for (r, &c) in chosen.iter().enumerate() {
                kept[r][c] = true;
            }
        }
        // The next combination, the last row fastest.
        let mut r = rows.len();
        loop {
            if r == 0 {
                return kept;
            }
            r -= 1;
            chosen[r] += 1;
            if chosen[r] < rows[r].candidates.len() {
                break;
            }
            chosen[r] = 0;
        }
    }
}

/// The search across rows by sums keeps the candidates that trying every
/// combination keeps.
#[test]
fn deciding_by_sums_keeps_what_every_combination_keeps() {
    let mut cases = Cases(0x2545_F491_4F6C_DD1D);
    let key = |k: String| k.parse::<CellKey>().unwrap();
    let mut decided = 0;
    for case in 0..300 {
        let n = 1 + cases.below(5) as usize;
        let columns = 1 + cases.below(3) as usize;
        // Now and then amounts in halves: sums are exact in hundredths.
        let unit = if case % 10 == 0 { 0.5 } else { 1.0 };
        let rows: Vec<Undecided> = (0..n)
            .map(|r| Undecided {
                keys: (0..columns).map(|c| key(format!("t3.r{r}.c{c}"))).collect(),
                candidates: (0..1 + cases.below(6))
                    .map(|_| (0..columns).map(|_| cases.below(4) as f64 * unit).collect())
                    .collect(),
            })
            .collect();
        // Per column: some rows add up to another row, or to a known total.
        let mut usable: Vec<(usize, Vec<Term>)> = Vec::new();
        for c in 0..columns {
            let mut terms: Vec<Term> = Vec::new();
            for r in 0..n {
                if cases.below(3) > 0 {
                    let sign = if cases.below(4) == 0 { -1.0 } else { 1.0 };
                    terms.push((sign, Err((r, c))));
                }
            }
            if terms.is_empty() {
                continue;
            }
            terms.push((-1.0, Ok(cases.below(8) as f64 * unit)));
            let last = terms
                .iter()
                .filter_map(|(_, t)| t.err().map(|(r, _)| r))
                .max();
            usable.push((last.unwrap(), terms));
        }
        let by_sums = decide_by_sums(&rows, &usable);
        let every = every_combination(&rows, &usable);
        // Cases where some candidates are kept and others not.
        let kept = every.iter().flatten();
        decided += usize::from(kept.clone().any(|&k| k) && kept.clone().any(|&k| !k));
        assert_eq!(by_sums, Some(every), "case {case}");
    }
    assert!(decided > 50, "{decided}");
}
