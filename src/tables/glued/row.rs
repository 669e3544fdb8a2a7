//! One glued row cut into its cells: every way its runs of digits can be cut, searched
//! depth first within a budget of steps, and kept by the row's own identities.

use super::{Cuts, Piece, Run, SumGroup, MAX_CANDIDATES, STEP_BUDGET};
use rustc_hash::FxBuildHasher;
use std::collections::HashSet;

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
    match crate::tables::value::parse(&s) {
        crate::tables::value::Value::Number(n, None) => Some(sign * n),
        _ => None,
    }
}

/// `10^k` (a bound, so above the table it is merely huge).
fn power_of_ten(k: usize) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    POWERS.get(k).copied().unwrap_or(f64::INFINITY)
}

/// Decimal digits of a whole number.
pub(super) fn digits_of(n: f64) -> usize {
    let mut digits = 1;
    let mut bound = 10.0;
    while n >= bound && digits < 308 {
        digits += 1;
        bound *= 10.0;
    }
    digits
}

/// Does `chars` start with the decimal digits of `n`, and how many are they?
pub(super) fn starts_with_number(chars: &[char], n: u64) -> Option<usize> {
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
    /// `before_total[c]`: cell `c` and every cell after it up to the row's last are
    /// parts of one group, whose total is that last cell (a row of table 3: the six
    /// applicants, then 总计), and every run is plain digits; see
    /// [`Search::total_reachable`].
    before_total: Vec<bool>,
    /// The totals the last run can end with: each suffix that is a valid cell (no
    /// leading zero, 15 digits at most), as (its length, its value), shortest first.
    totals: Vec<(usize, f64)>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    at: [u32; 4],
    sums: [u64; 4],
}

/// One word for the whole place: the memo hashes a place at every step of a search, and
/// hashing its eight fields one by one was a tenth of a glued batch's time. Equal
/// places still compare field by field, so a collision costs a probe, never a result.
impl std::hash::Hash for Place {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let at = self
            .at
            .iter()
            .fold(0u64, |h, &n| h.rotate_left(16) ^ u64::from(n));
        let sums = self.sums.iter().fold(0u64, |h, &s| {
            h.rotate_left(5).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ s
        });
        state.write_u64(at ^ sums.wrapping_mul(0x517C_C1B7_2722_0A95));
    }
}

/// Places a memo keeps between searches at most: the memo of one search is cleared,
/// not freed, for the next (growing it again was as costly as the search), but a
/// search that grew it past this gives the rest back.
const MEMO_KEPT: usize = 1 << 14;

std::thread_local! {
    /// The memo of dead ends, lent to one search at a time.
    static MEMO: std::cell::RefCell<HashSet<Place, FxBuildHasher>> = Default::default();
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

    /// Can the cells after cell `c` (the group's parts up to the last cell, its total)
    /// still be cut from the `after` chars left, with the parts read so far adding up
    /// to `partial`? The total is a suffix of the last run; for each suffix, the parts
    /// between must add up to the total less `partial`, which bounds them: `m` digits
    /// cut into `j` cells add up to less than `10^(m-j+1) + 10j`, and, no cell having
    /// a leading zero, to `10^(⌈m/j⌉-1)` at least when a cell has two digits or more.
    /// Those bounds hold whatever the runs' borders, so a `false` is certain: nothing
    /// is found from here. This cuts a table-3 row of 20 glued digits from thousands
    /// of steps to hundreds.
    fn total_reachable(&self, c: usize, partial: f64, after: usize) -> bool {
        let Some(last) = self.runs.last() else {
            return true;
        };
        if self.blanks_left > 0 && partial == 0.0 {
            // The total may be a blank the text dropped, and so every part after.
            return true;
        }
        let parts_left = self.n - 2 - c;
        let fewest = parts_left - parts_left.min(self.blanks_left);
        // The total's chars: a suffix of the last run, not reaching before `after`.
        let room = last.chars.len().min(after);
        for &(d, total) in self.totals.iter().take_while(|(d, _)| *d <= room) {
            if total < partial {
                continue;
            }
            let rest = total - partial;
            let m = after - d;
            let fits = (fewest..=parts_left).any(|j| {
                if m == 0 || j == 0 {
                    return m == 0 && j == 0 && rest == 0.0;
                }
                if j > m {
                    return false;
                }
                let longest = m.div_ceil(j);
                let least = if longest >= 2 {
                    power_of_ten(longest - 1)
                } else {
                    0.0
                };
                let most = power_of_ten(m - j + 1) + 10.0 * j as f64;
                least <= rest && rest <= most
            });
            if fits {
                return true;
            }
        }
        false
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
                if self.before_total[c] && !self.total_reachable(c, partial, after) {
                    continue;
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

/// [`search`], with its shortcuts (the memo of dead ends, the bound on a total's
/// parts: [`Search::total_reachable`]) or without them (`shortcuts`: the tests show the
/// two find the same).
pub(super) fn search_with(
    runs: &[Run<'_>],
    n: usize,
    groups: &[SumGroup],
    cap: usize,
    blanks: usize,
    shortcuts: bool,
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
    let plain = runs
        .iter()
        .all(|r| r.chars.iter().all(char::is_ascii_digit));
    let mut before_total = vec![false; n];
    if let (true, true, Some(&Some(g))) = (shortcuts, plain, total_of.last()) {
        for c in (0..n.saturating_sub(1)).rev() {
            if part_of[c] != Some(g) {
                break;
            }
            before_total[c] = true;
        }
    }
    let mut totals = Vec::new();
    if let Some(last) = runs.last().filter(|_| before_total.iter().any(|&b| b)) {
        let (mut total, mut place) = (0.0, 1.0);
        for (d, &digit) in last.chars.iter().rev().take(15).enumerate() {
            total += f64::from(digit as u8 - b'0') * place;
            place *= 10.0;
            if d == 0 || digit != '0' {
                totals.push((d + 1, total));
            }
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
        before_total,
        totals,
        sums: vec![0.0; groups.len()],
        cur: Vec::with_capacity(n),
        out: Vec::new(),
        cap,
        steps: STEP_BUDGET,
        exhausted: false,
        blanks_left: blanks,
        distinct: blanks > 0,
        found: 0,
        dead: (shortcuts && blanks > 0)
            .then(|| MEMO.with(|m| std::mem::take(&mut *m.borrow_mut()))),
    };
    if runs.iter().any(Run::is_empty) {
        return Some(Vec::new());
    }
    s.dfs(0, 0);
    if let Some(mut dead) = s.dead.take() {
        dead.clear();
        dead.shrink_to(MEMO_KEPT);
        MEMO.with(|m| *m.borrow_mut() = dead);
    }
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
