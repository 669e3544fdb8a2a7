//! The benchmark corpus: one fixed set of reports in every shape they reach the
//! checker in, so that a throughput figure means the same from one change to the next.
//!
//! - every input of the shared corpus (tests/fixtures/corpus): the seed reports, the
//!   synthetic ones (text in each tool's shape, an HTML page, a .docx, a PDF) and the
//!   real published ones (crawler text with glued digits, HTML pages);
//! - [`GENERATED`] random consistent reports of both templates (tests/support), each
//!   written in every text shape (cell per line, Word text, tab rows, pipes, spaced
//!   columns, PDF split labels), as aligned PDF text, as an HTML page, and as crawler
//!   text with the digits glued, on one line and with each row on its own line.

use crate::support::glued::render_glued;
use crate::support::{HtmlStyle, Rng, Spec, SHAPES};

/// How many random reports are written in each shape.
pub const GENERATED: u64 = 16;

/// One report of the corpus: its name (its extension says how to read it) and bytes.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The corpus, in a fixed order.
pub fn corpus() -> Vec<Input> {
    let mut out = shared();
    for seed in 0..GENERATED {
        let spec = Spec::random(seed);
        for shape in SHAPES {
            out.push(Input {
                name: format!("gen{seed:02}.{shape:?}.txt"),
                bytes: spec.render(shape).into_bytes(),
            });
        }
        out.push(Input {
            name: format!("gen{seed:02}.aligned.txt"),
            bytes: spec.render_aligned().into_bytes(),
        });
        out.push(Input {
            name: format!("gen{seed:02}.html"),
            bytes: spec.render_html(HtmlStyle::default()).into_bytes(),
        });
        let mut rng = Rng::new(seed ^ 0xABCD);
        for rows_on_lines in [false, true] {
            let (text, _) = render_glued(&spec, &mut rng, rows_on_lines, &mut Vec::new());
            let shape = if rows_on_lines { "glued-rows" } else { "glued" };
            out.push(Input {
                name: format!("gen{seed:02}.{shape}.txt"),
                bytes: text.into_bytes(),
            });
        }
    }
    out
}

/// Every input of tests/fixtures/corpus, by name.
fn shared() -> Vec<Input> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");
    let mut names = Vec::new();
    for dir in ["", "synthetic", "real"] {
        let mut here: Vec<String> = std::fs::read_dir(format!("{root}/{dir}"))
            .expect("the shared corpus is in tests/fixtures/corpus")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".json") && !n.ends_with(".md"))
            .map(|n| {
                if dir.is_empty() {
                    n
                } else {
                    format!("{dir}/{n}")
                }
            })
            .collect();
        here.sort();
        names.extend(here);
    }
    names
        .into_iter()
        .map(|name| Input {
            bytes: std::fs::read(format!("{root}/{name}")).unwrap(),
            name,
        })
        .collect()
}

/// Writes the corpus to `dir`, one file a report (for timing the command line on it).
pub fn write_to(dir: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for input in corpus() {
        std::fs::write(
            format!("{dir}/{}", input.name.replace('/', "_")),
            &input.bytes,
        )?;
    }
    Ok(())
}
