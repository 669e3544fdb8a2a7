//! Where each of the three tables is in the report (its section's body, or where its
//! content starts when the heading is missing), the three rebuilt, and their cells in
//! the template's order.

use super::Rebuilt;
use crate::model::{Cell, Cells, SectionNo};
use crate::normalize::{compact, Doc};
use crate::sections::Sections;
use crate::template::{self, CellKey, Cues, Template};
use std::ops::Range;

/// One of the three statutory tables, as rebuilt.
#[derive(Debug, Clone)]
pub struct TableState {
    /// `表二`, `表三`, `表四`.
    pub name: &'static str,
    /// The section the table belongs to (二, 三, 四).
    pub section: SectionNo,
    /// The lines searched for it, if any.
    pub region: Option<Range<usize>>,
    /// What was rebuilt.
    pub rebuilt: Rebuilt,
}

/// The first line at or after `from` whose compact text contains `needle`.
fn line_containing(doc: &Doc, from: usize, needle: &str) -> Option<usize> {
    (from..doc.len()).find(|&i| compact(&doc.folded[i]).contains(needle))
}

/// The first section heading after line `from`, or the end.
fn next_heading(sections: &Sections, from: usize, end: usize) -> usize {
    sections
        .headings
        .iter()
        .flatten()
        .map(|h| h.line)
        .filter(|&l| l > from)
        .min()
        .unwrap_or(end)
}

/// Locates and rebuilds the three tables. A table is searched in its section's body;
/// when the heading is missing, where its content starts (a caption, a row label, the
/// end of the previous table).
pub fn rebuild_all(
    doc: &Doc,
    sections: &Sections,
    template: Option<&'static Template>,
) -> [TableState; 3] {
    let cues = template::cues();
    let end = doc.len();
    let mut states = [
        ("表二", SectionNo::PROACTIVE),
        ("表三", SectionNo::REQUESTS),
        ("表四", SectionNo::APPEALS),
    ]
    .map(|(name, section)| TableState {
        name,
        section,
        region: None,
        rebuilt: Default::default(),
    });
    let Some(t) = template else { return states };

    let t2_region: Option<Range<usize>> = sections.body(SectionNo::PROACTIVE, end).or_else(|| {
        let start = line_containing(doc, 0, "第二十条第")?;
        Some(start..next_heading(sections, start, end))
    });
    let t3_region: Option<Range<usize>> = sections
        .body(SectionNo::REQUESTS, end)
        .or_else(|| {
            let start = line_containing(doc, 0, &cues.t3_start)?.saturating_sub(4);
            Some(start..next_heading(sections, start, end))
        })
        .map(|r| {
            // Without the heading of 四, table 4's header must not be read as table 3.
            if sections.line(SectionNo::APPEALS).is_none() {
                let stop = (r.start..r.end).find(|&i| {
                    let c = compact(&doc.folded[i]);
                    Cues::any_in(&cues.t4_before_heading, &c)
                });
                r.start..stop.unwrap_or(r.end)
            } else {
                r
            }
        });
    // Read once as printed; where a glued row shows that the text dropped blank cells
    // without a trace (fewer digits than cells), every glued row of the document may
    // have lost some: read again with that possibility, each row for itself.
    // Each region is tokenised once, for both readings.
    let t2_layout = t2_region.clone().map(|r| super::region_layout(doc, r));
    let t3_layout = t3_region.clone().map(|r| super::region_layout(doc, r));
    // Table 4's region and its tokens: found once, after table 3 is read as printed.
    let t4 = std::cell::OnceCell::new();
    for drops in [false, true] {
        if drops && !states.iter().any(|s| s.rebuilt.dropped_blanks) {
            break;
        }
        if let Some(lay) = &t2_layout {
            states[0].rebuilt = super::rebuild_t2(lay, t, drops);
        }
        if let Some(lay) = &t3_layout {
            states[1].rebuilt = super::rebuild_t3(doc, lay, t, drops);
        }
        // Where table 4 is: its section's body, or after table 3's last line.
        let found = t4.get_or_init(|| {
            let region = sections.body(SectionNo::APPEALS, end).or_else(|| {
                let start = match (&t3_region, states[1].rebuilt.last_line) {
                    // The index of the line after table 3's last (its 1-based number).
                    (Some(_), Some(last)) => last.get(),
                    _ => line_containing(doc, 0, &cues.t4_start)?,
                };
                Some(start..next_heading(sections, start, end))
            })?;
            let lay = super::region_layout(doc, region.clone());
            Some((region, lay))
        });
        if let Some((_, lay)) = found {
            states[2].rebuilt = super::rebuild_t4(doc, lay, t, drops);
        }
    }
    if states.iter().any(|s| s.rebuilt.dropped_blanks) {
        for s in &mut states {
            s.rebuilt.dropped_blanks = true;
        }
    }
    states[0].region = t2_region;
    states[1].region = t3_region;
    states[2].region = t4.into_inner().flatten().map(|(region, _)| region);
    states
}

/// All rebuilt cells, in the template's key order.
pub fn ordered_cells(tables: &[TableState; 3], template: Option<&Template>) -> Cells {
    let Some(t) = template else {
        return Cells::default();
    };
    // Each key's first cell (a table reads a key once; the first is kept if not).
    let mut found: std::collections::HashMap<&CellKey, &Cell, rustc_hash::FxBuildHasher> =
        Default::default();
    for (key, cell) in tables.iter().flat_map(|s| &s.rebuilt.cells) {
        found.entry(key).or_insert(cell);
    }
    let mut out = Vec::with_capacity(found.len());
    for key in &t.cell_keys {
        if let Some(cell) = found.remove(key) {
            out.push((key.clone(), cell.clone()));
        }
        // A group printed as one row, the other format's way: its cells under that
        // format's keys, where the group's rows would be.
        for g in tables.iter().flat_map(|s| &s.rebuilt.merged) {
            if g.keys.first() == Some(key) {
                out.extend(g.as_keys.iter().cloned().zip(g.cells.iter().cloned()));
            }
        }
    }
    Cells::new(out)
}
