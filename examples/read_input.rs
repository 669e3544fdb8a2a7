//! Prints the text the checker reads from a file (.txt, .html, .docx or .pdf), as the
//! table reader sees it: `cargo run --release --example read_input -- FILE`.
//!
//! With `--time N` it reads the file N times in this process and prints the median time
//! of one read instead (`scripts/pdf-timing` uses it).
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, runs) = match args.as_slice() {
        [p] => (p.clone(), None),
        [flag, n, p] if flag == "--time" => (p.clone(), n.parse::<usize>().ok()),
        _ => {
            eprintln!("usage: read_input [--time N] FILE");
            std::process::exit(2);
        }
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let Some(runs) = runs else {
        match nianbao::read_input(&bytes, &path) {
            Ok((text, source)) => println!("{source:?}\n{text}"),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        }
        return;
    };
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let _ = std::hint::black_box(nianbao::read_input(&bytes, &path));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.3}", times[times.len() / 2]);
}
