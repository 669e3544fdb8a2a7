//! The checker's JSON for every file of the sample corpus (`tests/fixtures/corpus`, a
//! copy of `shared/corpus`), byte for byte, as `nianbao check --json` prints it.
//!
//! It holds refactorings to "behaviour unchanged". A change that is meant to change
//! the output rewrites the expected files with `NIANBAO_BLESS=1 cargo test --test
//! golden`, and the diff of `tests/fixtures/golden/` shows what changed in review.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["", "synthetic", "real"] {
        for entry in std::fs::read_dir(root().join("corpus").join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && !name.ends_with(".json") && !name.ends_with(".md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn golden_of(input: &Path) -> PathBuf {
    let relative = input.strip_prefix(root().join("corpus")).unwrap();
    root()
        .join("golden")
        .join(format!("{}.json", relative.display()))
}

/// What `nianbao check --json FILE` prints for a file named by its base name.
fn json_of(input: &Path) -> String {
    let name = input.file_name().unwrap().to_string_lossy();
    let bytes = std::fs::read(input).unwrap();
    match nianbao::check_bytes(&bytes, &name) {
        Ok(report) => format!("{}\n", report.to_json()),
        Err(e) => format!("error: {e}\n"),
    }
}

#[test]
fn every_sample_gives_the_same_json() {
    let bless = std::env::var_os("NIANBAO_BLESS").is_some();
    let mut changed = Vec::new();
    let inputs = inputs();
    assert!(inputs.len() >= 30, "only {} samples", inputs.len());
    for input in &inputs {
        let got = json_of(input);
        let golden = golden_of(input);
        if bless {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (NIANBAO_BLESS=1 writes it)", golden.display()));
        if got != want {
            changed.push(input.display().to_string());
        }
    }
    assert!(changed.is_empty(), "output changed for: {changed:#?}");
}
