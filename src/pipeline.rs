//! The pipeline: bytes → text → sections → tables → checks → [`Report`], stage by
//! stage (see the crate's documentation for the stages). [`check_source`] runs them
//! in order; each stage's function is public so that `cargo bench` can time it alone.

use crate::decode::{self, InputError};
use crate::meta::{self, MetaInfo, TemplateGuess};
use crate::model::{
    Cells, Format, LineNo, Meta, Report, SectionNo, SectionStatus, Source, Summary, TemplateId,
};
use crate::normalize::Doc;
use crate::rules::{self, Context, Prose};
use crate::sections::{self, Sections};
use crate::tables;
use crate::tables::TableState;
use crate::template::{self, Template};

/// The section title words that find a web page's article ([`decode::html::to_text`]):
/// the template data's, handed to the first stage, which knows no template.
fn section_words() -> &'static [String] {
    &template::cues().section_words
}

/// Reads report bytes (a file) into text ([`decode::read_input`]).
pub fn read_input(bytes: &[u8], name: &str) -> Result<(String, Source), InputError> {
    decode::read_input(bytes, name, section_words())
}

/// The text of a page's HTML as a browser's copy gives it ([`decode::html::to_text`]).
pub fn html_to_text(html: &str) -> String {
    decode::html::to_text(html, section_words())
}

/// [`html_to_text`], and the line each table row of the page went to
/// ([`decode::html::to_text_with_rows`]).
pub fn html_to_text_with_rows(html: &str) -> (String, Vec<u32>) {
    decode::html::to_text_with_rows(html, section_words())
}

/// Checks a report given as bytes (a file), detecting its encoding.
pub fn check_bytes(bytes: &[u8], name: &str) -> Result<Report, InputError> {
    let (text, source) = read_input(bytes, name)?;
    Ok(check_source(&text, source))
}

/// Checks a page's HTML (a file, a CMS editor's content, the clipboard's `text/html`).
/// Lines in the report refer to the page's text as [`html_to_text`] gives it.
pub fn check_html(html: &str, name: &str) -> Report {
    let text = html_to_text(html);
    check_source(&text, Source::new(name, Format::Html, "utf-8"))
}

/// Checks the text OCR read from a scan ([`decode::scan::read`]): a cell is read only
/// where the tables' identities confirm it ([`tables::scan`]).
pub fn check_scan(text: &str, doubtful: &[(usize, usize)], source: Source) -> Report {
    Stages::run_scan(text, &source, doubtful).into_report(source)
}

/// Checks a report given as text (pasted, or already decoded).
pub fn check_text(text: &str, name: &str) -> Report {
    check_source(text, Source::new(name, Format::Text, "utf-8"))
}

/// The prose of `text` that the rules over two years compare (its 一 and 五, each line
/// with its line in the input, width-folded as the checks see it).
pub fn prose(text: &str) -> Prose {
    let mut doc = Doc::new(text);
    sections::split_glued(&mut doc);
    let sections = sections::find(&doc);
    let lines = |no: SectionNo| -> Vec<(LineNo, String)> {
        sections
            .body(no, doc.len())
            .map(|r| {
                r.map(|i| (LineNo::from_index(doc.source(i)), doc.folded[i].clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    Prose {
        overview: lines(SectionNo::OVERVIEW),
        problems: lines(SectionNo::PROBLEMS),
    }
}

/// Runs the pipeline on decoded text.
pub fn check_source(text: &str, source: Source) -> Report {
    Stages::run(text, &source).into_report(source)
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
    pub findings: Vec<crate::model::Finding>,
    /// A scan's cells that the identities could not confirm (`None`: not a scan).
    pub scan: Option<tables::scan::ScanCheck>,
}

impl Stages {
    /// Runs the stages after decoding on `text`, read from `source`.
    pub fn run(text: &str, source: &Source) -> Stages {
        Stages::run_read(text, source, None)
    }

    /// Runs the stages on the text OCR read from a scan: `doubtful` are where (1-based
    /// line of `text`, char index in it) each digit the OCR was not sure of is. The
    /// identities decide which cells are read ([`tables::scan::confirm`]) before the
    /// checks run.
    pub fn run_scan(text: &str, source: &Source, doubtful: &[(usize, usize)]) -> Stages {
        Stages::run_read(text, source, Some(doubtful))
    }

    fn run_read(text: &str, source: &Source, doubtful: Option<&[(usize, usize)]>) -> Stages {
        let mut doc = Doc::new(text);
        sections::split_glued(&mut doc);
        let sections = sections::find(&doc);
        let meta = meta::read(&doc, &sections);
        let template = meta.template.template();
        let tables = tables::rebuild_all(&doc, &sections, template);
        let mut cells = tables::ordered_cells(&tables, template);
        let scan = match (doubtful, template) {
            (Some(doubtful), Some(t)) => Some(tables::scan::confirm(
                &mut cells,
                t,
                &tables,
                |line, chars| {
                    let index = line.index();
                    let input = doc.source(index);
                    // A line cut in two (a heading glued into it) keeps its doubt
                    // line-wide: its chars no longer count from the input line's start.
                    let whole = (index == 0 || doc.source(index - 1) != input)
                        && doc.source(index + 1) != input;
                    doubtful.iter().any(|&(l, c)| {
                        l == input + 1 && (!whole || chars.as_ref().is_none_or(|r| r.contains(&c)))
                    })
                },
            )),
            (Some(_), None) => Some(Default::default()),
            _ => None,
        };
        let mut stages = Stages {
            doc,
            sections,
            meta,
            template,
            tables,
            cells,
            findings: Vec::new(),
            scan,
        };
        stages.findings = rules::run(&stages.context(source));
        stages
    }

    /// The last stage on these: their [`Report`] ([`report_of`]).
    pub fn into_report(self, source: Source) -> Report {
        report_of(
            source,
            &self.doc,
            &self.sections,
            &self.meta,
            self.cells,
            self.findings,
        )
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
            scan: self.scan.as_ref(),
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
    findings: Vec<crate::model::Finding>,
) -> Report {
    let summary = Summary::of(&findings);
    let section_status = template::section_titles()
        .iter()
        .zip(SectionNo::ALL)
        .map(|(title, no)| SectionStatus {
            no,
            title: title.clone(),
            found: sections.line(no).is_some(),
            line: sections.line(no).map(LineNo::from_index),
        })
        .collect();
    let mut report = Report {
        schema: crate::model::SCHEMA,
        source,
        meta: Meta {
            title: meta.title.clone(),
            agency: meta.agency.clone(),
            agency_kind: meta.agency_kind,
            year: meta.year,
            template: Some(match meta.template {
                TemplateGuess::Known { template, .. } => TemplateId::Known(template),
                TemplateGuess::Pre2019 => TemplateId::Pre2019,
                TemplateGuess::Unknown => TemplateId::Unknown,
            }),
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

/// The documentation of every rule, for `nianbao rules` and the web page.
pub fn rule_docs() -> Vec<&'static rules::RuleDoc> {
    rules::docs()
}
