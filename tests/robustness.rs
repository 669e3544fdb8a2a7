//! No input makes the checker panic: arbitrary text and bytes, mangled samples and
//! hostile shapes. The number of cases is bounded so the run stays short in CI; raise
//! it with PROPTEST_CASES for a longer local run. (Speed on large inputs is measured by
//! `cargo bench`, not asserted here.)

use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const SAMPLES: [&str; 5] = [
    "000_05aca1268dbb5a45.txt",
    "001_e5a8dc90a2ee1929.txt",
    "002_7f8cb9d4cf28011f.txt",
    "003_12bbc16d07ceb1d3.txt",
    "004_1feac183b5673ebd.txt",
];

/// Text made of the pieces reports are made of, in random order.
fn report_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("一、总体情况".to_owned()),
        Just("二、主动公开政府信息情况".to_owned()),
        Just("三、收到和处理政府信息公开申请情况".to_owned()),
        Just("四、政府信息公开行政复议、行政诉讼情况".to_owned()),
        Just("五、存在的主要问题及改进情况".to_owned()),
        Just("六、其他需要报告的事项".to_owned()),
        Just("第二十条第（一）项".to_owned()),
        Just("规章".to_owned()),
        Just("（三）不予公开".to_owned()),
        Just("1.属于国家秘密".to_owned()),
        Just("（七）总计".to_owned()),
        Just("结果维持".to_owned()),
        Just("2020年1月26日".to_owned()),
        Just("统计期限自2020年1月1日起至2020年12月31日止".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just(" | ".to_owned()),
        Just("│".to_owned()),
        Just("----- -----".to_owned()),
        "[0-9+\\-./元万件]{1,8}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,3000}") {
        let r = nianbao::check_text(&text, "fuzz.txt");
        prop_assert_eq!(r.summary.errors + r.summary.warnings + r.summary.infos, r.findings.len());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = nianbao::check_bytes(&bytes, "fuzz.bin");
    }

    #[test]
    fn report_like_text_never_panics(text in report_like()) {
        let r = nianbao::check_text(&text, "fuzz.txt");
        let _ = r.to_json();
    }

    #[test]
    fn mangled_samples_never_panic(which in 0usize..5, ops in prop::collection::vec((0u8..5, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..20)) {
        let mut lines: Vec<String> = sample(SAMPLES[which]).lines().map(str::to_owned).collect();
        for (op, a, b) in ops {
            if lines.is_empty() {
                break;
            }
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                2 => lines.swap(i, j),
                3 => { let cut = lines[i].chars().count() / 2; lines[i] = lines[i].chars().take(cut).collect(); }
                _ => lines.truncate(i.max(1)),
            }
        }
        let r = nianbao::check_text(&lines.join("\n"), "mangled.txt");
        let _ = r.to_json();
    }
}

#[test]
fn hostile_shapes() {
    let long_line = "一、总体情况".repeat(200_000);
    let many_headings = "二、主动公开政府信息情况\n".repeat(50_000);
    let label_flood = "二、主动公开政府信息情况\n".to_owned() + &"规章\t1\t2\t3\t".repeat(100_000);
    let t3_flood = "三、收到和处理政府信息公开申请情况\n".to_owned()
        + &"（三）不予公开1.属于国家秘密 0 0 0\n".repeat(30_000);
    let pipes = "三、收到和处理政府信息公开申请情况\n".to_owned() + &"|".repeat(500_000);
    let digits = "9".repeat(1_000_000);
    // Single-spaced words under a table heading: one merged piece of text, built in
    // linear time (it once took quadratic time).
    let spaced_words =
        "2022年报告\n二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            .to_owned()
            + &"规 章 ".repeat(40_000);
    for (name, text) in [
        ("long line", long_line),
        ("headings", many_headings),
        ("labels", label_flood),
        ("t3", t3_flood),
        ("pipes", pipes),
        ("digits", digits),
        ("spaced words", spaced_words),
    ] {
        let r = nianbao::check_text(&text, name);
        assert!(
            r.summary.errors + r.summary.warnings + r.summary.infos == r.findings.len(),
            "{name}"
        );
    }
}

#[test]
fn wrong_files_get_clear_errors() {
    use nianbao::InputError;
    assert_eq!(
        nianbao::check_bytes(b"", "empty.txt").unwrap_err(),
        InputError::Empty
    );
    assert!(matches!(
        nianbao::check_bytes(b"%PDF-1.7\n...", "a.pdf"),
        Err(InputError::Unsupported(_))
    ));
    assert!(matches!(
        nianbao::check_bytes(b"PK\x03\x04\x14\x00", "a.docx"),
        Err(InputError::Damaged(_))
    ));
    assert!(matches!(
        nianbao::check_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1], "a.doc"),
        Err(InputError::Unsupported(_))
    ));
    assert!(matches!(
        nianbao::check_bytes(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10], "a.pdf"),
        Err(InputError::Unsupported(_))
    ));
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(nianbao::check_bytes(&noise, "noise.bin").is_err());
    let big = vec![b'a'; nianbao::MAX_INPUT_BYTES + 1];
    assert!(matches!(
        nianbao::check_bytes(&big, "big.txt"),
        Err(InputError::TooLarge(_))
    ));
    // Every error has a Chinese message for the UI and the CLI.
    for e in [
        InputError::Empty,
        InputError::Binary,
        InputError::TooLarge(30 << 20),
        InputError::Unsupported("PDF 文件"),
        InputError::Damaged("Word 文件已损坏"),
    ] {
        assert!(
            e.to_string().chars().any(nianbao::normalize::is_ideograph),
            "{e:?}"
        );
    }
}

#[test]
fn garbage_text_is_reported_not_guessed() {
    let r = nianbao::check_text(
        "这不是一份年度报告。\n随便写的一些文字 123 456。",
        "garbage.txt",
    );
    assert!(r.cells.is_empty(), "no cells are invented");
    assert_eq!(r.findings_of("section-missing").count(), 6);
    assert_eq!(r.meta.template.as_deref(), Some("unknown"));
}
