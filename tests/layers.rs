//! The imports run one way: each module of the library uses only modules below it
//! (README, "Which way the imports run"). Read from the sources, leaving out tests,
//! which may use the whole library.

use std::collections::BTreeSet;
use std::path::Path;

/// The modules from the bottom up; a module may use those of lower layers only.
/// A name of the crate root (`crate::check_text`, `crate::InputError`) is a re-export,
/// counted at the pipeline's layer: the highest module it re-exports from.
const LAYERS: &[&[&str]] = &[
    &["template", "schedule"],
    &["model"],
    &["normalize"],
    &["decode", "sections"],
    &["meta", "tables"],
    &["rules"],
    &["pipeline", "report"],
    &["series", "job"],
    &["js_api", "readers_api", "xlsx_api", "web"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The library's code in `text`: before its inline test module, without comments.
fn code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
    text[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules (or crate-root names) that `code` reaches through `crate::`.
fn used(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with('$') {
            continue;
        }
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_those_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let module = first.trim_end_matches(".rs");
        if module == "bin" || module == "lib" {
            continue;
        }
        let own = layer(module).unwrap_or_else(|| panic!("{module} has no layer: add it"));
        seen += 1;
        for name in used(&code(&std::fs::read_to_string(path).unwrap())) {
            if name == module {
                continue;
            }
            // A name no module has is the crate root's re-export.
            let theirs = layer(&name).unwrap_or(layer("pipeline").unwrap());
            if theirs >= own {
                wrong.push(format!("{} uses crate::{name}", rel.display()));
            }
        }
    }
    assert!(seen > 100, "the sources were read ({seen} files)");
    assert!(
        wrong.is_empty(),
        "imports that run up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn an_import_up_is_caught() {
    let text = "use crate::model::Report;\nuse crate::pipeline::prose;\n// crate::web in a comment\n#[cfg(test)]\nmod tests {\n    use crate::check_text;\n}\n";
    let names = used(&code(text));
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["model", "pipeline"]);
    assert!(layer("pipeline") > layer("rules"));
}
