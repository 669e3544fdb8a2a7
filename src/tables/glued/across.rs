//! Rows still ambiguous decided together: the combinations of their readings that keep
//! the table's column identities, found by a search that leaves a branch as soon as an
//! identity can no longer hold.

use super::{Piece, JOINT_BUDGET};
use crate::template::{CellKey, Equation};
use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};

/// The cells every reading of `readings` agrees on (blanks counted 0), by column: the
/// piece of the first reading with that value, or `None` where they differ.
pub fn agreed<'p>(readings: &[&'p [Piece]]) -> Vec<Option<&'p Piece>> {
    let Some(first) = readings.first() else {
        return Vec::new();
    };
    (0..first.len())
        .map(|c| {
            let v = first[c].value;
            readings
                .iter()
                .all(|r| r.get(c).is_some_and(|p| (p.value - v).abs() < 1e-9))
                .then_some(&first[c])
        })
        .collect()
}

/// A row still ambiguous after its own identities: its cell keys and the values of
/// each remaining cut.
#[derive(Debug, Clone)]
pub struct Undecided {
    /// The row's cell keys, in column order.
    pub keys: Vec<CellKey>,
    /// The values of each candidate cut, in column order.
    pub candidates: Vec<Vec<f64>>,
}

/// Decides rows still ambiguous by the column identities `equations`, given the
/// values of every cell already known (`known`: blank counts 0). For each row, the
/// indices of its candidates that some assignment of all undecided rows keeps every
/// usable equation with (none: no assignment does), or `None` for every row when the
/// search ran out of steps. An equation is usable when each of its cells is known or
/// in an undecided row.
pub fn decide_across_rows(
    rows: &[Undecided],
    equations: &[&Equation],
    known: &dyn Fn(&str) -> Option<f64>,
) -> Vec<Option<Vec<usize>>> {
    let mut at: HashMap<&str, (usize, usize)> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, k) in row.keys.iter().enumerate() {
            at.insert(k.as_str(), (r, c));
        }
    }
    // Each usable equation with the row it is checked at (its last undecided row):
    // terms (sign, known value or (row, col)).
    let mut usable: Vec<(usize, Vec<Term>)> = Vec::new();
    for eq in equations {
        let terms: Option<Vec<Term>> = eq
            .sum
            .iter()
            .map(|k| (1.0, k))
            .chain(eq.equals.iter().map(|k| (-1.0, k)))
            .map(|(sign, k)| match at.get(k.as_str()) {
                Some(&rc) => Some((sign, Err(rc))),
                None => known(k).map(|v| (sign, Ok(v))),
            })
            .collect();
        let Some(terms) = terms else { continue };
        let last = terms
            .iter()
            .filter_map(|(_, t)| t.err().map(|(r, _)| r))
            .max();
        if let Some(last) = last {
            usable.push((last, terms));
        }
    }
    let Some(kept) = decide_by_sums(rows, &usable) else {
        return vec![None; rows.len()];
    };
    kept.iter()
        .map(|s| {
            Some(
                s.iter()
                    .enumerate()
                    .filter(|(_, &k)| k)
                    .map(|(i, _)| i)
                    .collect(),
            )
        })
        .collect()
}

/// Sums an equation can still reach (see [`decide_by_sums`]).
type Sums = HashSet<i64, FxBuildHasher>;

/// A term of an equation over undecided rows: its sign, and a known value or the
/// (row, column) of an undecided cell.
pub(super) type Term = (f64, Result<f64, (usize, usize)>);

/// Which candidates of each row some assignment of all rows keeps every equation of
/// `usable` with; `None` when the search ran out of steps ([`JOINT_BUDGET`]) or a value
/// has more than two decimals. The combinations are tried row by row, leaving a branch
/// as soon as one equation can no longer hold: for each equation and row, the sums the
/// rows from there on can still add to it are known beforehand (each row taken alone),
/// and a branch whose partial sum none of them can bring to zero is not followed. A
/// combination is kept when every equation holds, so the candidates kept are those of
/// trying every combination; only a fraction of them is visited (a glued table 3 whose
/// rows dropped blanks has rows of up to 48 readings, and its identities close only at
/// its last rows). Sums are exact, in hundredths.
pub(super) fn decide_by_sums(
    rows: &[Undecided],
    usable: &[(usize, Vec<Term>)],
) -> Option<Vec<Vec<bool>>> {
    /// Sums kept at most per equation and row; past this the equation does not prune
    /// there (a table of large counts), which only costs time.
    const MAX_SUMS: usize = 4096;
    let whole = |v: f64| {
        let cents = (v * 100.0).round();
        ((v * 100.0 - cents).abs() < 1e-6 && cents.abs() < 1e15).then_some(cents as i64)
    };
    let count = usable.len();
    // What each candidate of each row adds to each equation, and where each starts.
    let mut adds: Vec<Vec<Vec<i64>>> = rows
        .iter()
        .map(|r| vec![vec![0; count]; r.candidates.len()])
        .collect();
    let mut sums = vec![0i64; count];
    for (e, (_, terms)) in usable.iter().enumerate() {
        for &(sign, term) in terms {
            let sign = if sign < 0.0 { -1 } else { 1 };
            match term {
                Ok(v) => sums[e] += sign * whole(v)?,
                Err((row, col)) => {
                    for (c, values) in rows[row].candidates.iter().enumerate() {
                        adds[row][c][e] += sign * whole(values[col])?;
                    }
                }
            }
        }
    }
    // reach[r][e]: what rows r.. can add to equation e (`None`: too many to keep).
    let n = rows.len();
    let mut reach: Vec<Vec<Option<Sums>>> = vec![Vec::new(); n + 1];
    reach[n] = vec![Some(Sums::from_iter([0])); count];
    for r in (0..n).rev() {
        reach[r] = (0..count)
            .map(|e| {
                let later = reach[r + 1][e].as_ref()?;
                let mut here = Sums::default();
                for add in &adds[r] {
                    for s in later {
                        here.insert(add[e] + s);
                    }
                    if here.len() > MAX_SUMS {
                        return None;
                    }
                }
                Some(here)
            })
            .collect();
    }
    // The equations each row adds to: only their sums change when its candidate is
    // chosen (and what the rows after it can add to the others is what it was).
    let touched: Vec<Vec<usize>> = adds
        .iter()
        .map(|row| {
            (0..count)
                .filter(|&e| row.iter().any(|add| add[e] != 0))
                .collect()
        })
        .collect();
    let mut chosen = vec![0usize; n];
    let mut kept: Vec<Vec<bool>> = rows
        .iter()
        .map(|r| vec![false; r.candidates.len()])
        .collect();
    let mut steps = JOINT_BUDGET;
    struct Walk<'a> {
        adds: &'a [Vec<Vec<i64>>],
        touched: &'a [Vec<usize>],
        reach: &'a [Vec<Option<Sums>>],
    }
    impl Walk<'_> {
        /// Can the rows from `r` on still bring equations `which` to zero?
        fn open(&self, r: usize, which: &[usize], sums: &[i64]) -> bool {
            which.iter().all(|&e| {
                self.reach[r][e]
                    .as_ref()
                    .is_none_or(|can| can.contains(&-sums[e]))
            })
        }
    }
    fn walk(
        w: &Walk<'_>,
        r: usize,
        sums: &mut Vec<i64>,
        chosen: &mut Vec<usize>,
        kept: &mut Vec<Vec<bool>>,
        steps: &mut u32,
    ) -> bool {
        if *steps == 0 {
            return false;
        }
        *steps -= 1;
        if r == w.adds.len() {
            for (row, &c) in chosen.iter().enumerate() {
                kept[row][c] = true;
            }
            return true;
        }
        // A row that adds to no equation is free: any of its candidates goes with any
        // combination of the others, so one is tried for all (they are all kept below).
        let tried = if w.touched[r].is_empty() {
            1
        } else {
            usize::MAX
        };
        for (c, add) in w.adds[r].iter().enumerate().take(tried) {
            chosen[r] = c;
            sums.iter_mut().zip(add).for_each(|(s, a)| *s += a);
            let go_on =
                !w.open(r + 1, &w.touched[r], sums) || walk(w, r + 1, sums, chosen, kept, steps);
            sums.iter_mut().zip(add).for_each(|(s, a)| *s -= a);
            if !go_on {
                return false;
            }
        }
        true
    }
    let w = Walk {
        adds: &adds,
        touched: &touched,
        reach: &reach,
    };
    let every: Vec<usize> = (0..count).collect();
    if w.open(0, &every, &sums) && !walk(&w, 0, &mut sums, &mut chosen, &mut kept, &mut steps) {
        return None;
    }
    // Some combination held (a free row's candidate was kept): every candidate of a
    // free row is kept with it.
    for (r, row) in kept.iter_mut().enumerate() {
        if touched[r].is_empty() && row.iter().any(|&k| k) {
            row.iter_mut().for_each(|k| *k = true);
        }
    }
    Some(kept)
}
