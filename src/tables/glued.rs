//! Rows whose digits were printed without separators ("glued" text).
//!
//! A crawler's or a PDF viewer's text of a table often loses the cell borders:
//! `一、本年新收政府信息公开申请数量801000081` is 80, 1, 0, 0, 0, 0, 81. The runs of
//! digits of such a row (the digits between two spaces, two labels or a sign) are cut
//! into the row's cells:
//!
//! - a cell has no leading zero (a lone `0` is a cell), a space or a sign always cuts,
//!   and a decimal point or a thousands comma stays inside its cell;
//! - when the runs can be cut in only one way, the row is read as printed, with no
//!   arithmetic assumed, so that the rules still find an error the report printed;
//! - otherwise the cuts are enumerated and only those that keep the template's own
//!   identities survive: first the row's own (six applicants = 总计; each group of
//!   table 4), then, for rows still ambiguous, the column identities across rows
//!   (一 + 二 = （七） + 四, the outcome rows = （七）). A row is read only when exactly
//!   one cut survives, and its cells say they were inferred;
//! - when no cut keeps the row's own identity, the row cannot add up under any reading:
//!   a number or the arithmetic is wrong, and the report is told so.
//!
//! Every search is bounded ([`STEP_BUDGET`]); a row past the bound stays unknown.

use super::layout::Tok;
use crate::template::{CellKey, Equation};
use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};

/// Steps of the search for one row, at most. A row of a real report takes tens to a
/// few thousand; past this the row is left unknown rather than searched further.
pub const STEP_BUDGET: u32 = 60_000;

/// Steps of the search across rows (column identities), at most.
pub const JOINT_BUDGET: u32 = 200_000;

/// Cuts of one row kept at most: more than this is "ambiguous" whatever comes next.
const MAX_CANDIDATES: usize = 48;

/// One printed run of digits; it holds one cell or several.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    /// The token it was read from.
    pub tok: &'a Tok,
    chars: Vec<char>,
    unit: Option<&'static str>,
}

impl<'a> Run<'a> {
    /// The run of a value token: its folded text without a money unit after it.
    pub fn new(tok: &'a Tok) -> Run<'a> {
        let text: String = tok.text.chars().filter(|c| !c.is_whitespace()).collect();
        let (body, unit) = super::value::UNITS
            .iter()
            .find_map(|u| Some((text.strip_suffix(u)?, Some(*u))))
            .unwrap_or((text.as_str(), None));
        Run {
            tok,
            chars: body.chars().collect(),
            unit,
        }
    }

    /// The number of digits (and points) in the run.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Is the run empty?
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// A cell cut from a run, or a blank cell the text dropped (no text, counted 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Index of the run it was cut from (a dropped blank: the run it stands in or
    /// before).
    pub run: usize,
    /// Its text (digits, a sign, a point); empty for a dropped blank.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// The unit printed after the run, on the run's last cell.
    pub unit: Option<&'static str>,
}

impl Piece {
    /// Is it a blank cell the text dropped?
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Within a row, the cells `parts` add up to the cell `total` (which comes after
/// them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumGroup {
    /// Indices of the cells added up.
    pub parts: Vec<usize>,
    /// Index of the cell they add up to.
    pub total: usize,
}

/// The cuts of a row that were found (at most a few dozen), or `None` when the search
/// ran out of steps.
pub type Cuts = Option<Vec<Vec<Piece>>>;

/// The value of a cell's text, if it is a valid cell: no leading zero, a sign only in
/// front, thousands commas in groups of three.
fn cell_value(text: &[char]) -> Option<f64> {
    let (sign, body) = match text.first() {
        Some('+') => (1.0, &text[1..]),
        Some('-') => (-1.0, &text[1..]),
        _ => (1.0, text),
    };
    if body.is_empty() || !body[0].is_ascii_digit() || !body[body.len() - 1].is_ascii_digit() {
        return None;
    }
    if body.len() > 1 && body[0] == '0' && body[1] != '.' {
        return None;
    }
    if body.iter().all(|c| c.is_ascii_digit()) {
        if body.len() > 15 {
            return None;
        }
        let n = body
            .iter()
            .fold(0u64, |n, c| n * 10 + (*c as u64 - '0' as u64));
        return Some(sign * n as f64);
    }
    let s: String = body.iter().collect();
    match super::value::parse(&s) {
        super::value::Value::Number(n, None) => Some(sign * n),
        _ => None,
    }
}

/// Decimal digits of a whole number.
fn digits_of(n: f64) -> usize {
    let mut digits = 1;
    let mut bound = 10.0;
    while n >= bound && digits < 308 {
        digits += 1;
        bound *= 10.0;
    }
    digits
}

/// Does `chars` start with the decimal digits of `n`, and how many are they?
fn starts_with_number(chars: &[char], n: u64) -> Option<usize> {
    let len = digits_of(n as f64);
    let mut rest = n;
    for i in (0..len).rev() {
        let digit = char::from(b'0' + (rest % 10) as u8);
        if chars.get(i) != Some(&digit) {
            return None;
        }
        rest /= 10;
    }
    Some(len)
}

/// A cell of the cut being searched: chars `start..end` of run `run` (a dropped
/// blank: none), and its value. Made into a [`Piece`] only when the cut is kept.
#[derive(Debug, Clone, Copy)]
struct Slot {
    run: usize,
    start: usize,
    end: usize,
    value: f64,
}

struct Search<'r, 'a> {
    runs: &'r [Run<'a>],
    n: usize,
    /// `total_of[c]`: the group whose total cell `c` is.
    total_of: Vec<Option<usize>>,
    /// `part_of[c]`: the group cell `c` is a part of.
    part_of: Vec<Option<usize>>,
    /// Chars left from the start of run `r` to the end of the row.
    chars_from: Vec<usize>,
    sums: Vec<f64>,
    cur: Vec<Slot>,
    out: Vec<Vec<Piece>>,
    cap: usize,
    steps: u32,
    exhausted: bool,
    /// Cells that may still be taken for blanks the text dropped.
    blanks_left: usize,
    /// Keep one cut per list of values (readings that differ only in which 0 was a
    /// dropped blank are one), the one with the fewest blanks.
    distinct: bool,
    /// Complete cuts met so far.
    found: usize,
    /// With `distinct`: the places from which no cut was found (see [`Search::dfs`]).
    dead: Option<HashSet<Place, FxBuildHasher>>,
}

/// Where a search is: run, char in it, cells cut, blanks left; and its groups' sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Place {
    at: [u32; 4],
    sums: [u64; 4],
}

impl Search<'_, '_> {
    fn chars_left(&self, r: usize, p: usize) -> usize {
        self.chars_from[r] - p
    }

    fn push(&mut self, r: usize, p: usize, e: usize, value: f64) {
        let run = &self.runs[r];
        let c = self.cur.len();
        if let Some(g) = self.part_of[c] {
            self.sums[g] += value;
        }
        self.cur.push(Slot {
            run: r,
            start: p,
            end: e,
            value,
        });
        let (nr, np) = if e == run.chars.len() {
            (r + 1, 0)
        } else {
            (r, e)
        };
        self.dfs(nr, np);
        self.cur.pop();
        if let Some(g) = self.part_of[c] {
            self.sums[g] -= value;
        }
    }

    /// A complete cut: kept, unless `distinct` and a cut of the same values is.
    fn found(&mut self) {
        self.found += 1;
        if self.distinct {
            let same =
                |cut: &Vec<Piece>| cut.iter().zip(&self.cur).all(|(a, b)| a.value == b.value);
            if let Some(at) = self.out.iter().position(same) {
                let blanks = self.cur.iter().filter(|s| s.start == s.end).count();
                if blanks < self.out[at].iter().filter(|p| p.is_blank()).count() {
                    self.out[at] = self.pieces();
                }
                return;
            }
        }
        let cut = self.pieces();
        self.out.push(cut);
    }

    /// The cut being searched, as pieces.
    fn pieces(&self) -> Vec<Piece> {
        self.cur
            .iter()
            .map(|s| match self.runs.get(s.run) {
                Some(run) if s.start < s.end => Piece {
                    run: s.run,
                    text: run.chars[s.start..s.end].iter().collect(),
                    value: s.value,
                    unit: if s.end == run.chars.len() {
                        run.unit
                    } else {
                        None
                    },
                },
                _ => Piece {
                    run: s.run,
                    text: String::new(),
                    value: s.value,
                    unit: None,
                },
            })
            .collect()
    }

    /// Takes cell `c` for a blank the text dropped (0 in the arithmetic).
    fn push_blank(&mut self, r: usize, p: usize) {
        let c = self.cur.len();
        self.cur.push(Slot {
            run: r.min(self.runs.len().saturating_sub(1)),
            start: 0,
            end: 0,
            value: 0.0,
        });
        self.blanks_left -= 1;
        self.dfs(r, p);
        self.blanks_left += 1;
        self.cur.pop();
        debug_assert_eq!(self.cur.len(), c);
    }

    fn dfs(&mut self, r: usize, p: usize) {
        if self.exhausted || self.out.len() >= self.cap {
            return;
        }
        // Where blanks may have been dropped, many cuts reach the same place: the same
        // digits read, as many cells, blanks left and sums, with the blanks placed
        // differently. What can follow depends only on that place, so a place from
        // which nothing was found is not searched again.
        let place = self.dead.is_some().then(|| self.place(r, p)).flatten();
        if let (Some(place), Some(dead)) = (&place, &self.dead) {
            if dead.contains(place) {
                return;
            }
        }
        let found_before = self.found;
        self.explore(r, p);
        if let (Some(place), Some(dead)) = (place, &mut self.dead) {
            if self.found == found_before && !self.exhausted && self.out.len() < self.cap {
                dead.insert(place);
            }
        }
    }

    /// Where the search is, as a key of [`Search::dead`] (`None` for more groups than
    /// it has room for).
    fn place(&self, r: usize, p: usize) -> Option<Place> {
        let mut sums = [0u64; 4];
        if self.sums.len() > sums.len() {
            return None;
        }
        for (slot, sum) in sums.iter_mut().zip(&self.sums) {
            *slot = sum.to_bits();
        }
        Some(Place {
            at: [r, p, self.cur.len(), self.blanks_left].map(|n| n as u32),
            sums,
        })
    }

    fn explore(&mut self, r: usize, p: usize) {
        if self.steps == 0 {
            self.exhausted = true;
            return;
        }
        self.steps -= 1;
        let c = self.cur.len();
        if c == self.n {
            if r == self.runs.len() {
                self.found();
            }
            return;
        }
        let cells_left = self.n - c;
        // Every run left holds a cell at least, and every cell not blank a char at
        // least.
        if cells_left < self.runs.len() - r
            || self.chars_left(r, p) < cells_left.saturating_sub(self.blanks_left)
        {
            return;
        }
        // Cell `c` may be a blank the text dropped (a total only if its parts add up
        // to 0).
        if self.blanks_left > 0 && self.total_of[c].is_none_or(|g| self.sums[g] == 0.0) {
            self.push_blank(r, p);
            if self.exhausted || self.out.len() >= self.cap {
                return;
            }
        }
        if r == self.runs.len() {
            return;
        }
        let run = &self.runs[r];
        let len = run.chars.len();
        if let Some(g) = self.total_of[c] {
            // A total is not searched for: it is the sum of its parts, printed here.
            let want = self.sums[g];
            if want.fract() != 0.0 || want < 0.0 {
                return;
            }
            if let Some(digits) = starts_with_number(&run.chars[p..], want as u64) {
                let e = p + digits;
                if e == len || run.chars[e].is_ascii_digit() {
                    self.push(r, p, e, want);
                }
            }
            return;
        }
        for e in p + 1..=len {
            if e < len && !(run.chars[e - 1].is_ascii_digit() && run.chars[e].is_ascii_digit()) {
                continue;
            }
            let Some(value) = cell_value(&run.chars[p..e]) else {
                // A leading zero or a number too long only gets worse.
                if e - p >= 2 && run.chars[p] == '0' && run.chars[p + 1].is_ascii_digit() {
                    break;
                }
                if e - p > 16 {
                    break;
                }
                continue;
            };
            if let Some(g) = self.part_of[c] {
                // The group's total is at least this sum, so it needs that many digits
                // after this cell (besides a char for every other cell).
                let partial = self.sums[g] + value;
                let after = if e == len {
                    self.chars_from[r + 1]
                } else {
                    self.chars_left(r, e)
                };
                let total_digits = if partial == 0.0 && self.blanks_left > 0 {
                    0
                } else {
                    digits_of(partial)
                };
                let others = (cells_left - 2).saturating_sub(self.blanks_left);
                if partial >= 0.0 && after < others + total_digits {
                    break;
                }
            }
            self.push(r, p, e, value);
            if self.exhausted || self.out.len() >= self.cap {
                return;
            }
        }
    }
}

/// The ways to cut `runs` into `n` cells that keep every group of `groups` (none:
/// every cut), at most `cap` of them; `None` when the search ran out of steps.
pub fn cuts(runs: &[Run<'_>], n: usize, groups: &[SumGroup], cap: usize) -> Cuts {
    search(runs, n, groups, cap, 0)
}

/// The readings of `runs` as `n` cells when the text may have dropped up to `blanks`
/// blank cells without a trace, that keep every group of `groups`: one per list of
/// values (blanks counted 0), at most `cap`; `None` when the search ran out of steps.
pub fn readings_with_blanks(
    runs: &[Run<'_>],
    n: usize,
    groups: &[SumGroup],
    cap: usize,
    blanks: usize,
) -> Cuts {
    search(runs, n, groups, cap, blanks)
}

fn search(runs: &[Run<'_>], n: usize, groups: &[SumGroup], cap: usize, blanks: usize) -> Cuts {
    search_with(runs, n, groups, cap, blanks, true)
}

/// [`search`], with the memo of dead ends or without it (`memo`: the tests show the
/// two find the same).
fn search_with(
    runs: &[Run<'_>],
    n: usize,
    groups: &[SumGroup],
    cap: usize,
    blanks: usize,
    memo: bool,
) -> Cuts {
    let mut total_of = vec![None; n];
    let mut part_of = vec![None; n];
    for (g, group) in groups.iter().enumerate() {
        if group.total >= n || group.parts.iter().any(|&p| p >= group.total) {
            continue;
        }
        total_of[group.total] = Some(g);
        for &p in &group.parts {
            part_of[p] = Some(g);
        }
    }
    let mut chars_from = vec![0; runs.len() + 1];
    for r in (0..runs.len()).rev() {
        chars_from[r] = chars_from[r + 1] + runs[r].len();
    }
    let mut s = Search {
        runs,
        n,
        total_of,
        part_of,
        chars_from,
        sums: vec![0.0; groups.len()],
        cur: Vec::with_capacity(n),
        out: Vec::new(),
        cap,
        steps: STEP_BUDGET,
        exhausted: false,
        blanks_left: blanks,
        distinct: blanks > 0,
        found: 0,
        dead: (memo && blanks > 0).then(HashSet::default),
    };
    if runs.iter().any(Run::is_empty) {
        return Some(Vec::new());
    }
    s.dfs(0, 0);
    (!s.exhausted).then_some(s.out)
}

/// How a glued row was read.
#[derive(Debug, Clone, PartialEq)]
pub enum RowReading {
    /// The runs can be cut in only one way: read as printed.
    Printed(Vec<Piece>),
    /// Exactly one cut keeps the template's identities: read so, and marked inferred.
    Inferred(Vec<Piece>),
    /// No cut keeps the row's own identity: a number or the arithmetic is wrong.
    CannotAddUp,
    /// Several cuts remain (their values, cell by cell), to be decided across rows.
    Ambiguous(Vec<Vec<Piece>>),
    /// The digits fit no reading at all (a cell dropped or doubled), or the search ran
    /// out of steps: unknown.
    Unreadable,
}

/// Does a cut keep every group of `groups`?
fn keeps(pieces: &[Piece], groups: &[SumGroup]) -> bool {
    groups.iter().all(|g| {
        let parts: f64 = g
            .parts
            .iter()
            .filter_map(|&p| pieces.get(p))
            .map(|p| p.value)
            .sum();
        pieces
            .get(g.total)
            .is_some_and(|t| (t.value - parts).abs() < 1e-6)
    })
}

/// Reads one glued row of `n` cells with its own identities `groups`. `drops`: the
/// text is known to drop blank cells without a trace (a glued row of the document has
/// fewer digits than cells), so any row may have lost some.
pub fn read_row(runs: &[Run<'_>], n: usize, groups: &[SumGroup], drops: bool) -> RowReading {
    let most_blanks = n.saturating_sub(1);
    if drops && n > 1 {
        // Every reading, with blanks dropped anywhere, that keeps the row's identities.
        let Some(kept) = readings_with_blanks(runs, n, groups, MAX_CANDIDATES, most_blanks) else {
            return RowReading::Unreadable;
        };
        return match kept.len() {
            0 if groups.is_empty() => RowReading::Unreadable,
            0 => RowReading::CannotAddUp,
            1 => RowReading::Inferred(kept.into_iter().next().unwrap_or_default()),
            // The list may be incomplete: nothing can be said of any cell.
            k if k >= MAX_CANDIDATES => RowReading::Unreadable,
            _ => RowReading::Ambiguous(kept),
        };
    }
    let Some(any) = cuts(runs, n, &[], 2) else {
        return RowReading::Unreadable;
    };
    match any.len() {
        0 => return RowReading::Unreadable,
        1 => {
            let printed = any.into_iter().next().unwrap_or_default();
            // Printed, it fails the row's identity, but with a blank the text dropped it
            // keeps it: either could be true, and the row is not the report's error.
            if !groups.is_empty()
                && !keeps(&printed, groups)
                && readings_with_blanks(runs, n, groups, 1, most_blanks)
                    .is_none_or(|found| !found.is_empty())
            {
                return RowReading::Unreadable;
            }
            return RowReading::Printed(printed);
        }
        _ => {}
    }
    if groups.is_empty() {
        // Several cuts and no identity: the cells they agree on are still certain.
        return match cuts(runs, n, &[], MAX_CANDIDATES) {
            Some(all) if all.len() < MAX_CANDIDATES => RowReading::Ambiguous(all),
            _ => RowReading::Unreadable,
        };
    }
    match cuts(runs, n, groups, MAX_CANDIDATES) {
        None => RowReading::Unreadable,
        Some(kept) => match kept.len() {
            0 => RowReading::CannotAddUp,
            1 => RowReading::Inferred(kept.into_iter().next().unwrap_or_default()),
            k if k >= MAX_CANDIDATES => RowReading::Unreadable,
            _ => RowReading::Ambiguous(kept),
        },
    }
}

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
type Term = (f64, Result<f64, (usize, usize)>);

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
fn decide_by_sums(rows: &[Undecided], usable: &[(usize, Vec<Term>)]) -> Option<Vec<Vec<bool>>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::layout::TokKind;

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

    /// The memo of dead ends leaves out only places from which nothing was found:
    /// with it and without it, the readings of glued rows that may have dropped
    /// blanks are the same, cut for cut (where the search without it finished).
    #[test]
    fn the_memo_of_dead_ends_finds_what_the_full_search_finds() {
        let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
        let (mut compared, mut found) = (0, 0);
        for _ in 0..400 {
            // A row that adds up, mostly zeros and small counts as tables 3 and 4 are,
            // some of its zeros dropped as blanks, glued, a space now and then; now and
            // then a digit changed.
            let (n, groups) = if cases.below(2) == 0 {
                (7, t3_row())
            } else {
                (
                    5,
                    vec![SumGroup {
                        parts: (0..4).collect(),
                        total: 4,
                    }],
                )
            };
            let mut cells: Vec<u64> = (0..n - 1)
                .map(|_| match cases.below(10) {
                    0..=5 => 0,
                    6..=8 => cases.below(20),
                    _ => cases.below(600),
                })
                .collect();
            cells.push(cells.iter().sum());
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
            let without = search_with(&runs, n, &groups, MAX_CANDIDATES, n - 1, false);
            let with = search_with(&runs, n, &groups, MAX_CANDIDATES, n - 1, true);
            if let Some(without) = without {
                found += usize::from(!without.is_empty());
                assert_eq!(with, Some(without), "{texts:?}");
                compared += 1;
            }
        }
        assert!(compared > 300 && found > 100, "{compared} {found}");
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
}
