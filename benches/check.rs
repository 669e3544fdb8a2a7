//! `cargo bench`: throughput over the benchmark corpus (reports of every shape, see
//! [`corpus`]) in MB/s, the time of each stage of the pipeline over it, the time to
//! check each sample (text, HTML, .docx and PDF, decoding included) and each real
//! published report (glued text included), a 10 MB random input (which must stay well
//! under a second), and hostile texts as large as a paste the page checks on its own
//! thread.
//!
//! `NIANBAO_BENCH_CORPUS=DIR cargo bench --bench check` writes the corpus to DIR
//! instead, one file a report, to time the command line over it (scripts/bench-speed).

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "check/corpus.rs"]
mod corpus;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use nianbao::normalize::Doc;
use nianbao::pipeline::{self, Stages};
use nianbao::rules;
use nianbao::{meta, sections, Report, Source};

/// The command line's allocator, so that the figures are the command line's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Ok(dir) = std::env::var("NIANBAO_BENCH_CORPUS") {
        corpus::write_to(&dir).expect("the corpus is written");
        eprintln!("{} reports written to {dir}", corpus::corpus().len());
        return;
    }
    divan::main();
}

/// Checking every report of the benchmark corpus, from bytes to the finished report
/// and its JSON, as `nianbao check --json` does: the throughput in MB/s.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn throughput(bencher: Bencher) {
    let all = corpus::corpus();
    let total: usize = all.iter().map(|i| i.bytes.len()).sum();
    bencher
        .counter(BytesCount::new(total))
        .counter(ItemsCount::new(all.len()))
        .bench(|| {
            for input in &all {
                let report = nianbao::check_bytes(black_box(&input.bytes), &input.name).unwrap();
                black_box(report.to_json());
            }
        });
}

/// Each report of the corpus taken through every stage once, keeping what each stage
/// gives, so that one stage can be timed alone on what the stages before it gave.
struct Staged {
    bytes: Vec<u8>,
    name: String,
    text: String,
    source: Source,
    stages: Stages,
    report: Report,
}

fn staged() -> Vec<Staged> {
    corpus::corpus()
        .into_iter()
        .map(|input| {
            let (text, source) = nianbao::read_input(&input.bytes, &input.name).unwrap();
            let stages = Stages::run(&text, &source);
            let report = nianbao::check_source(&text, source.clone());
            Staged {
                bytes: input.bytes,
                name: input.name,
                text,
                source,
                stages,
                report,
            }
        })
        .collect()
}

/// One stage of the pipeline over the whole corpus, on what the stages before it
/// gave: where the time of [`throughput`] goes. `decode`: bytes to text; `normalize`:
/// lines, folding, glued headings split; `sections`; `meta`; `tables`: the three
/// tables located and rebuilt (the glued digits' search included); `cells`: in key
/// order; `rules`: every check; `report`: the report assembled; `json`: written.
#[divan::bench(
    args = ["decode", "normalize", "sections", "meta", "tables", "cells", "rules", "report", "json"],
    sample_count = 20,
    sample_size = 1
)]
fn stage(bencher: Bencher, stage: &str) {
    let all = staged();
    let total: usize = all.iter().map(|s| s.bytes.len()).sum();
    let bencher = bencher.counter(BytesCount::new(total));
    match stage {
        "decode" => bencher.bench(|| {
            for s in &all {
                black_box(nianbao::read_input(black_box(&s.bytes), &s.name).unwrap());
            }
        }),
        "normalize" => bencher.bench(|| {
            for s in &all {
                let mut doc = Doc::new(black_box(&s.text));
                sections::split_glued(&mut doc);
                black_box(doc);
            }
        }),
        "sections" => bencher.bench(|| {
            for s in &all {
                black_box(sections::find(black_box(&s.stages.doc)));
            }
        }),
        "meta" => bencher.bench(|| {
            for s in &all {
                black_box(meta::read(black_box(&s.stages.doc), &s.stages.sections));
            }
        }),
        "tables" => bencher.bench(|| {
            for s in &all {
                let st = &s.stages;
                black_box(nianbao::tables::rebuild_all(
                    &st.doc,
                    &st.sections,
                    st.template,
                ));
            }
        }),
        "cells" => bencher.bench(|| {
            for s in &all {
                black_box(nianbao::tables::ordered_cells(
                    &s.stages.tables,
                    s.stages.template,
                ));
            }
        }),
        "rules" => bencher.bench(|| {
            for s in &all {
                black_box(rules::run(&s.stages.context(&s.source)));
            }
        }),
        "report" => bencher
            .with_inputs(|| {
                all.iter()
                    .map(|s| {
                        let st = &s.stages;
                        (s.source.clone(), st.cells.clone(), st.findings.clone())
                    })
                    .collect::<Vec<_>>()
            })
            .bench_local_values(|parts| {
                for (s, (source, cells, findings)) in all.iter().zip(parts) {
                    let st = &s.stages;
                    black_box(pipeline::report_of(
                        source,
                        &st.doc,
                        &st.sections,
                        &st.meta,
                        cells,
                        findings,
                    ));
                }
            }),
        _ => bencher.bench(|| {
            for s in &all {
                black_box(s.report.to_json());
            }
        }),
    }
}

const SAMPLES: [&str; 18] = [
    "000_05aca1268dbb5a45.txt",
    "001_e5a8dc90a2ee1929.txt",
    "002_7f8cb9d4cf28011f.txt",
    "003_12bbc16d07ceb1d3.txt",
    "004_1feac183b5673ebd.txt",
    "synthetic/c001.browser.txt",
    "synthetic/c002.w3m.txt",
    "synthetic/c003.lynx.txt",
    "synthetic/c004.html2text.txt",
    "synthetic/c005.pandoc-plain.txt",
    "synthetic/c006.pandoc-md.txt",
    "synthetic/c008.word-txt.txt",
    "synthetic/c009.gbk-txt.txt",
    "synthetic/c011.pdf-layout.txt",
    "synthetic/c012.pdf-raw.txt",
    // Files: an HTML page, a .docx and a PDF (their decoding included).
    "synthetic/c000.html.html",
    "synthetic/c007.docx.docx",
    "synthetic/c010.pdf.pdf",
];

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Checking one sample, from bytes (decoding included) to the finished report.
#[divan::bench(args = SAMPLES)]
fn sample(bencher: Bencher, name: &str) {
    check_one(bencher, name);
}

fn check_one(bencher: Bencher, name: &str) {
    let bytes = read(name);
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| nianbao::check_bytes(black_box(&bytes), name).unwrap());
}

/// Reports agencies really published: crawler text with the table digits glued
/// together (split by the template's arithmetic) and the HTML pages.
const REAL: [&str; 6] = [
    "real/002.txt",
    "real/006.txt",
    "real/012.txt",
    "real/014.txt",
    "real/001.decoded.html",
    "real/009.html",
];

/// Checking one real report, from bytes to the finished report.
#[divan::bench(args = REAL)]
fn real(bencher: Bencher, name: &str) {
    check_one(bencher, name);
}

/// A real glued report whose text dropped blank cells (`予以公开2222`): the second
/// pass reads every glued row with that possibility, each by its own readings and the
/// columns' identities (issue #24).
#[divan::bench]
fn glued_with_dropped_blanks(bencher: Bencher) {
    let text = String::from_utf8(read("real/006.txt")).unwrap().replacen(
        "（一）予以公开220000022（二）",
        "（一）予以公开2222（二）",
        1,
    );
    bencher.bench(|| nianbao::check_text(black_box(&text), "006.txt"));
}

/// The worst a glued row can ask of the splitter: 60 digits for table 3's seven cells
/// (the search stops at its step budget and the row stays unknown).
#[divan::bench]
fn glued_row_of_60_digits(bencher: Bencher) {
    let digits = "123456789".repeat(7);
    let text = format!(
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量{}二、上年结转政府信息公开申请数量0000000\n",
        &digits[..60]
    );
    bencher.bench(|| nianbao::check_text(black_box(&text), "glued.txt"));
}

/// All samples one after the other: throughput over the corpus.
#[divan::bench]
fn corpus(bencher: Bencher) {
    let all: Vec<(Vec<u8>, &str)> = SAMPLES.iter().map(|n| (read(n), *n)).collect();
    let total: usize = all.iter().map(|(b, _)| b.len()).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for (bytes, name) in &all {
            black_box(nianbao::check_bytes(black_box(bytes), name).unwrap());
        }
    });
}

/// 10 MB of random text made of report pieces, digits, tabs and line breaks.
fn random_text(len: usize) -> String {
    let pieces = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "规章",
        "行政许可",
        "（三）不予公开",
        "1.属于国家秘密",
        "（七）总计",
        "结果维持",
        "\t",
        "\n",
        "\n\n",
        " | ",
        "  ",
        "0",
        "12",
        "+3",
        "2021年1月26日",
        "政府",
        "信息",
        "公开",
        "申请",
        "的",
        "了",
        "。",
    ];
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let mut s = String::with_capacity(len + 64);
    while s.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_str(pieces[(x % pieces.len() as u64) as usize]);
    }
    s
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn random_10mb(bencher: Bencher) {
    let text = random_text(10 * 1024 * 1024);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| nianbao::check_text(black_box(&text), "random.txt"));
}

/// The largest paste the page checks on its own thread, at the paste event, rather
/// than in a worker (`CHECKED_AT_PASTE_MAX_BYTES` in `src/web/checker.rs`).
const CHECKED_AT_PASTE: usize = 128 * 1024;

/// `piece` repeated after `head` up to [`CHECKED_AT_PASTE`] bytes.
fn paste_of(head: &str, piece: &str) -> String {
    let mut s = head.to_owned();
    while s.len() + piece.len() <= CHECKED_AT_PASTE {
        s.push_str(piece);
    }
    s
}

/// Hostile texts as large as a paste the page checks on its own thread: this is how
/// long such a paste can hold the page (the shapes of tests/robustness.rs, glued rows
/// at the splitter's budget, and a sample repeated).
#[divan::bench(args = ["long line", "headings", "labels", "t3 rows", "pipes", "digits", "spaced words", "glued rows", "samples", "random"])]
fn hostile_paste(bencher: Bencher, shape: &str) {
    let glued = format!(
        "本年新收政府信息公开申请数量{}\n",
        &"123456789".repeat(7)[..60]
    );
    let sample = String::from_utf8(read("000_05aca1268dbb5a45.txt")).unwrap();
    let text = match shape {
        "long line" => paste_of("", "一、总体情况"),
        "headings" => paste_of("", "二、主动公开政府信息情况\n"),
        "labels" => paste_of("二、主动公开政府信息情况\n", "规章\t1\t2\t3\t"),
        "t3 rows" => paste_of(
            "三、收到和处理政府信息公开申请情况\n",
            "（三）不予公开1.属于国家秘密 0 0 0\n",
        ),
        "pipes" => paste_of("三、收到和处理政府信息公开申请情况\n", "|"),
        "digits" => paste_of("", "9"),
        "spaced words" => paste_of(
            "2022年报告\n二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n",
            "规 章 ",
        ),
        "glued rows" => paste_of("三、收到和处理政府信息公开申请情况\n", &glued),
        "samples" => paste_of("", &sample),
        _ => random_text(CHECKED_AT_PASTE),
    };
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| nianbao::check_text(black_box(&text), "paste.txt"));
}
