//! The pipeline: bytes → text → sections → tables → checks → [`Report`], stage by
//! stage (see the crate's documentation for the stages). [`check_source`] runs them
//! in order; each stage's function is public so that `cargo bench` can time it alone.

use crate::decode::{read_input, InputError};
use crate::meta::{self, MetaInfo, TemplateGuess};
use crate::normalize::{compact, Doc};
use crate::report::{Cells, Meta, Report, SectionStatus, Source, Summary};
use crate::rules::{self, Context, TableState};
use crate::sections::{self, Sections};
use crate::tables;
use crate::template::{self, CellKey, Cues, Template};
use crate::{Cell, Format, LineNo};
use std::collections::HashMap;
use std::ops::Range;

/// Checks a report given as bytes (a file), detecting its encoding.
pub fn check_bytes(bytes: &[u8], name: &str) -> Result<Report, InputError> {
    let (text, source) = read_input(bytes, name)?;
    Ok(check_source(&text, source))
}

/// Checks a page's HTML (a file, a CMS editor's content, the clipboard's `text/html`).
/// Lines in the report refer to the page's text as [`crate::decode::html::to_text`] gives it.
pub fn check_html(html: &str, name: &str) -> Report {
    let text = crate::decode::html::to_text(html);
    check_source(&text, Source::new(name, Format::Html, "utf-8"))
}

/// Checks a report given as text (pasted, or already decoded).
pub fn check_text(text: &str, name: &str) -> Report {
    check_source(text, Source::new(name, Format::Text, "utf-8"))
}

/// The text of the bodies of sections `nos` of `text` (width-folded lines, joined), as
/// the checks see them; `None` for a section not found. The rules over two years
/// compare the prose of two reports with it.
pub(crate) fn section_bodies(text: &str, nos: &[u8]) -> Vec<Option<String>> {
    let mut doc = Doc::new(text);
    sections::split_glued(&mut doc);
    let sections = sections::find(&doc);
    nos.iter()
        .map(|&no| {
            let r = sections.body(no, doc.len())?;
            Some(doc.folded[r].join("\n"))
        })
        .collect()
}

/// The lines of sections `nos` of `text`, each as (its line in the input, folded):
/// where a passage of a section is, to show it.
pub(crate) fn section_lines(text: &str, nos: &[u8]) -> Vec<Vec<(crate::LineNo, String)>> {
    let mut doc = Doc::new(text);
    sections::split_glued(&mut doc);
    let sections = sections::find(&doc);
    nos.iter()
        .map(|&no| {
            sections
                .body(no, doc.len())
                .map(|r| {
                    r.map(|i| {
                        (
                            crate::LineNo::from_index(doc.source(i)),
                            doc.folded[i].clone(),
                        )
                    })
                    .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// Runs the pipeline on decoded text.
pub fn check_source(text: &str, source: Source) -> Report {
    let stages = Stages::run(text, &source);
    report_of(
        source,
        &stages.doc,
        &stages.sections,
        &stages.meta,
        stages.cells,
        stages.findings,
    )
}

/// What each stage gave for one text, up to the checks' findings; the last stage,
/// [`report_of`], makes them a [`Report`]. Kept together so that `cargo bench` can time
/// one stage alone on what the stages before it gave.
pub struct Stages {
    /// The text's lines, folded (normalize), with glued headings cut out (sections).
    pub doc: Doc,
    /// Where the six sections are.
    pub sections: Sections,
    /// Title, agency, year, template.
    pub meta: MetaInfo,
    /// The template the tables follow, if known.
    pub template: Option<&'static Template>,
    /// The three tables, located and rebuilt.
    pub tables: [TableState; 3],
    /// Every cell read, in the template's key order.
    pub cells: Cells,
    /// What the checks found.
    pub findings: Vec<crate::Finding>,
}

impl Stages {
    /// Runs the stages after decoding on `text`, read from `source`.
    pub fn run(text: &str, source: &Source) -> Stages {
        let mut doc = Doc::new(text);
        sections::split_glued(&mut doc);
        let sections = sections::find(&doc);
        let meta = meta::read(&doc, &sections);
        let template = meta.template.template();
        let tables = rebuild_tables(&doc, &sections, template);
        let cells = ordered_cells(&tables, template);
        let mut stages = Stages {
            doc,
            sections,
            meta,
            template,
            tables,
            cells,
            findings: Vec::new(),
        };
        stages.findings = rules::run(&stages.context(source));
        stages
    }

    /// What the checks see of these stages.
    pub fn context<'a>(&'a self, source: &'a Source) -> Context<'a> {
        Context {
            source,
            doc: &self.doc,
            sections: &self.sections,
            meta: &self.meta,
            template: self.template,
            tables: &self.tables,
            cells: &self.cells,
        }
    }
}

/// The last stage: the [`Report`] of a text's stages (its lines numbered as the
/// input's).
pub fn report_of(
    source: Source,
    doc: &Doc,
    sections: &Sections,
    meta: &MetaInfo,
    cells: Cells,
    findings: Vec<crate::Finding>,
) -> Report {
    let summary = Summary::of(&findings);
    let section_status = template::section_titles()
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let no = i as u8 + 1;
            SectionStatus {
                no,
                title: title.clone(),
                found: sections.line(no).is_some(),
                line: sections.line(no).map(LineNo::from_index),
            }
        })
        .collect();
    let mut report = Report {
        schema: crate::report::SCHEMA,
        source,
        meta: Meta {
            title: meta.title.clone(),
            agency: meta.agency.clone(),
            agency_kind: meta.agency_kind,
            year: meta.year,
            template: Some(
                match meta.template {
                    TemplateGuess::Known { template, .. } => template.id.as_str(),
                    TemplateGuess::Pre2019 => "pre2019",
                    TemplateGuess::Unknown => "unknown",
                }
                .to_owned(),
            ),
            published: meta.published.map(|d| d.iso()),
        },
        sections: section_status,
        cells,
        findings,
        summary,
    };
    // Stages count lines of `doc`; the report speaks of lines of the input.
    report.map_lines(|line| doc.input_line(line));
    report
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
pub fn rebuild_tables(
    doc: &Doc,
    sections: &Sections,
    template: Option<&'static Template>,
) -> [TableState; 3] {
    let cues = template::cues();
    let end = doc.len();
    let mut states = [("表二", 2u8), ("表三", 3), ("表四", 4)].map(|(name, section)| TableState {
        name,
        section,
        region: None,
        rebuilt: Default::default(),
    });
    let Some(t) = template else { return states };

    let t2_region: Option<Range<usize>> = sections.body(2, end).or_else(|| {
        let start = line_containing(doc, 0, "第二十条第")?;
        Some(start..next_heading(sections, start, end))
    });
    let t3_region: Option<Range<usize>> = sections
        .body(3, end)
        .or_else(|| {
            let start = line_containing(doc, 0, &cues.t3_start)?.saturating_sub(4);
            Some(start..next_heading(sections, start, end))
        })
        .map(|r| {
            // Without the heading of 四, table 4's header must not be read as table 3.
            if sections.line(4).is_none() {
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
    let t4_region = std::cell::OnceCell::new();
    for drops in [false, true] {
        if drops && !states.iter().any(|s| s.rebuilt.dropped_blanks) {
            break;
        }
        if let Some(r) = &t2_region {
            states[0].rebuilt = tables::rebuild_t2(doc, r.clone(), t, drops);
        }
        if let Some(r) = &t3_region {
            states[1].rebuilt = tables::rebuild_t3(doc, r.clone(), t, drops);
        }
        // Where table 4 is (found once: after table 3's last line, read as printed).
        let region = t4_region.get_or_init(|| {
            sections.body(4, end).or_else(|| {
                let start = match (&t3_region, states[1].rebuilt.last_line) {
                    // The index of the line after table 3's last (its 1-based number).
                    (Some(_), Some(last)) => last.get(),
                    _ => line_containing(doc, 0, &cues.t4_start)?,
                };
                Some(start..next_heading(sections, start, end))
            })
        });
        if let Some(r) = region {
            states[2].rebuilt = tables::rebuild_t4(doc, r.clone(), t, drops);
        }
    }
    if states.iter().any(|s| s.rebuilt.dropped_blanks) {
        for s in &mut states {
            s.rebuilt.dropped_blanks = true;
        }
    }
    let t4_region = t4_region.into_inner().flatten();
    states[0].region = t2_region;
    states[1].region = t3_region;
    states[2].region = t4_region;
    states
}

/// All rebuilt cells, in the template's key order.
pub fn ordered_cells(tables: &[TableState; 3], template: Option<&Template>) -> Cells {
    let Some(t) = template else {
        return Cells::default();
    };
    // Each key's first cell (a table reads a key once; the first is kept if not).
    let mut found: HashMap<&CellKey, &Cell> = HashMap::new();
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

/// The documentation of every rule, for `nianbao rules` and the web page.
pub fn rule_docs() -> Vec<&'static rules::RuleDoc> {
    rules::docs()
}
