//! No input makes the checker panic: arbitrary text and bytes, mangled samples and
//! hostile shapes. The number of cases is bounded so the run stays short in CI; raise
//! it with PROPTEST_CASES for a longer local run. (Speed on large inputs is measured by
//! `cargo bench`, not asserted here.)

mod support;

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
        Err(InputError::Damaged(_))
    ));
    assert!(matches!(
        nianbao::check_bytes(b"PK\x03\x04\x14\x00", "a.docx"),
        Err(InputError::Damaged(_))
    ));
    assert!(matches!(
        nianbao::check_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1], "a.doc"),
        Err(InputError::Unsupported(_))
    ));
    // A page's photo is a scan: its text is had only by OCR (tests/scan.rs).
    assert!(matches!(
        nianbao::check_bytes(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10], "a.pdf"),
        Err(InputError::Scanned)
    ));
    // And a damaged one says so, never panics.
    assert_eq!(
        nianbao::decode::scan::pages(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10]).unwrap_err(),
        nianbao::decode::scan::ScanError::Damaged
    );
    assert_eq!(
        nianbao::decode::scan::pages(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).unwrap_err(),
        nianbao::decode::scan::ScanError::Damaged
    );
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(nianbao::check_bytes(&noise, "noise.bin").is_err());
    let big = vec![b'a'; nianbao::MAX_INPUT_BYTES + 1];
    assert!(matches!(
        nianbao::check_bytes(&big, "big.txt"),
        Err(InputError::TooLarge(_))
    ));
    // A file that holds no text is refused as such (not checked as a report missing
    // every section): a Word file of images, a page of images, blank lines.
    let word_of_images = support::zip::zip(&[(
        "word/document.xml",
        br#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>"#,
    )]);
    for (bytes, name) in [
        (word_of_images, "图片.docx"),
        (
            b"<html><body><p><img src=1.png></p><p>&nbsp;</p></body></html>".to_vec(),
            "图片.html",
        ),
        (vec![b'\n'; 2 << 20], "空行.txt"),
        (" \r\n\t\u{3000}".as_bytes().to_vec(), "空白.txt"),
    ] {
        assert_eq!(
            nianbao::check_bytes(&bytes, name).unwrap_err(),
            InputError::NoText,
            "{name}"
        );
    }
    // Every error has a Chinese message for the UI and the CLI.
    for e in [
        InputError::NoText,
        InputError::Empty,
        InputError::Binary,
        InputError::TooLarge(30 << 20),
        InputError::Unsupported("OFD 版式文件"),
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
    assert_eq!(r.meta.template.map(|t| t.as_str()), Some("unknown"));
}

/// A PDF from its objects (numbered from 1) with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<<{trailer}>>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<<{dict}/Length {}>>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

fn pdf_error(bytes: &[u8]) -> String {
    match nianbao::check_bytes(bytes, "hostile.pdf") {
        Ok(r) => panic!("read as a report: {:?}", r.source),
        Err(e) => e.to_string(),
    }
}

const PAGE_TREE: &str = "<</Type/Catalog/Pages 2 0 R>>";

#[test]
fn hostile_pdfs_get_clear_errors() {
    let page = |contents: &str| {
        format!("<</Type/Pages/Kids[3 0 R]/Count 1>>|<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im0 5 0 R>>>>/Contents {contents}>>")
    };
    let objs = |parts: Vec<Vec<u8>>| -> Vec<Vec<u8>> {
        let mut v = vec![PAGE_TREE.as_bytes().to_vec()];
        let p = page("4 0 R");
        for s in p.split('|') {
            v.push(s.as_bytes().to_vec());
        }
        v.extend(parts);
        v
    };

    // A scan: the page draws an image and no text.
    let scan = pdf(
        &objs(vec![
            stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            stream("/Type/XObject/Subtype/Image/Width 1/Height 1/BitsPerComponent 8/ColorSpace/DeviceGray", b"\x80"),
        ]),
        "/Size 6/Root 1 0 R",
    );
    assert!(pdf_error(&scan).contains("扫描件"), "{}", pdf_error(&scan));

    // A bomb: the content stream inflates beyond the limit.
    let zeros = vec![b' '; 80 * 1024 * 1024];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 9);
    let bomb = pdf(
        &objs(vec![
            stream("/Filter/FlateDecode", &packed),
            stream("", b""),
        ]),
        "/Size 6/Root 1 0 R",
    );
    assert!(pdf_error(&bomb).contains("过大"), "{}", pdf_error(&bomb));

    // Encrypted.
    let encrypted = pdf(
        &objs(vec![stream("", b""), stream("", b"")]),
        "/Size 6/Root 1 0 R/Encrypt<</Filter/Standard/V 2/R 3>>",
    );
    assert!(pdf_error(&encrypted).contains("加密"));

    // A PNG renamed .pdf, random bytes after a PDF header, a header alone.
    assert!(pdf_error(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10]).contains("图片"));
    let noise: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..20_000u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8))
        .collect();
    assert!(pdf_error(&noise).contains("PDF"));
    assert!(pdf_error(b"%PDF-1.7").contains("损坏"));
}

/// A PDF whose subset font has no `/ToUnicode` map: its codes are not characters, and
/// the reader says so instead of reading them as anything.
#[test]
fn pdf_without_unicode_maps_is_refused() {
    let text = "一、总体情况\n规章  1  2  3\n".repeat(20);
    let style = support::pdf::PdfStyle {
        no_to_unicode: true,
        ..Default::default()
    };
    let e = pdf_error(&support::pdf::text_to_pdf(&text, style));
    assert!(e.contains("ToUnicode"), "{e}");
    // The same file with its map reads.
    let ok = support::pdf::text_to_pdf(&text, Default::default());
    let (read, _) = nianbao::read_input(&ok, "ok.pdf").unwrap();
    assert!(read.contains("规章"));
}

#[test]
fn hostile_pdf_structures_are_bounded() {
    // Page trees that loop, references that chain to themselves, a stream whose
    // length is itself, nesting a hundred thousand deep, forms that draw themselves.
    let deep = format!(
        "<</Type/Pages/Kids[3 0 R]/Count 1/X {}{}>>",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<Vec<Vec<u8>>> = vec![
        vec![
            b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
            b"<</Type/Pages/Kids[2 0 R 1 0 R]/Count 1>>".to_vec(),
        ],
        vec![b"3 0 R".to_vec(), b"1 0 R".to_vec(), b"2 0 R".to_vec()],
        vec![
            PAGE_TREE.as_bytes().to_vec(),
            deep.into_bytes(),
            b"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>".to_vec(),
            b"<</Length 4 0 R>>\nstream\nBT ET\nendstream".to_vec(),
        ],
        vec![
            PAGE_TREE.as_bytes().to_vec(),
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
            b"<</Type/Page/Parent 2 0 R/Resources<</XObject<</F 5 0 R>>>>/Contents 4 0 R>>"
                .to_vec(),
            stream("", b"/F Do"),
            stream(
                "/Type/XObject/Subtype/Form/Resources<</XObject<</F 5 0 R>>>>",
                b"/F Do /F Do /F Do /F Do",
            ),
        ],
    ];
    for objs in cases {
        let bytes = pdf(&objs, "/Size 9/Root 1 0 R");
        let _ = nianbao::check_bytes(&bytes, "hostile.pdf");
    }
}

fn c010() -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/corpus/synthetic/c010.pdf.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn truncated_pdfs_read_what_is_there_or_say_why() {
    let full = c010();
    for tenth in 1..10 {
        let cut = &full[..full.len() * tenth / 10];
        match nianbao::check_bytes(cut, "cut.pdf") {
            Ok(r) => assert_eq!(r.source.format, "pdf"),
            Err(e) => assert!(e.to_string().contains("PDF"), "{e}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(100), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_pdfs_never_panic(encrypted in any::<bool>(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40)) {
        // The plain sample, or one encrypted with AES and object streams.
        let mut bytes = if encrypted {
            std::fs::read(format!("{}/tests/fixtures/pdf/c000.aes-128.pdf", env!("CARGO_MANIFEST_DIR"))).unwrap()
        } else {
            c010()
        };
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = nianbao::check_bytes(&bytes, "damaged.pdf");
    }
}

/// Spans meant to blow the grid up: every cell spanning the most columns and rows
/// HTML allows, on many rows. The page is read in bounded time and size.
#[test]
fn hostile_html_spans_are_bounded() {
    let row = "<tr><td colspan=1000 rowspan=65534>1</td><td colspan=999>2</td></tr>";
    let html = format!(
        "<html><body><h2>三、收到和处理政府信息公开申请情况</h2><table>{}</table></body></html>",
        row.repeat(20_000)
    );
    let (text, source) = nianbao::read_input(html.as_bytes(), "spans.html").unwrap();
    assert_eq!(source.format, "html");
    // Far less than 20 000 rows × 1000 fields.
    assert!(text.len() < 40 * 1024 * 1024, "{} bytes", text.len());
    assert!(text.contains('1') && text.contains('2'));
    let _ = nianbao::check_bytes(html.as_bytes(), "spans.html");
}

/// A page full of scripts and event handlers around a real report: nothing of them
/// reaches the text, and the report is read as if they were not there.
#[test]
fn html_full_of_scripts_reads_only_the_report() {
    let page = std::fs::read_to_string(format!(
        "{}/tests/fixtures/corpus/synthetic/c000.html.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let noise = "<script>document.body.innerHTML='<td>999</td>'</script><img src=x onerror=\"alert('9')\"><svg onload=alert(9)></svg><style>td{display:none}</style>";
    let hostile = page
        .replace("<td>", &format!("{noise}<td onclick=\"alert(8)\">"))
        .replace("<p>", &format!("<p onmouseover='x()'>{noise}"));
    let clean = nianbao::check_bytes(page.as_bytes(), "c000.html").unwrap();
    let r = nianbao::check_bytes(hostile.as_bytes(), "c000.html").unwrap();
    let (text, _) = nianbao::read_input(hostile.as_bytes(), "c000.html").unwrap();
    assert!(!text.contains("alert") && !text.contains("999") && !text.contains("innerHTML"));
    assert_eq!(r.cells.len(), clean.cells.len());
    for (key, cell) in clean.cells.iter() {
        assert_eq!(r.cells.get(key).map(|c| c.value), Some(cell.value), "{key}");
    }
}

/// Tag soup made of table pieces with random spans: the HTML reader never panics.
fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<table>".to_owned()),
        Just("</table>".to_owned()),
        Just("<tr>".to_owned()),
        Just("</tr>".to_owned()),
        (0u32..5, 0u32..5).prop_map(|(c, r)| format!("<td colspan={c} rowspan={r}>")),
        Just("</td>".to_owned()),
        Just("<th colspan='x' rowspan=\"-3\">".to_owned()),
        Just("<p>".to_owned()),
        Just("规章".to_owned()),
        Just("三、收到和处理政府信息公开申请情况".to_owned()),
        "[0-9]{1,4}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(100), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn html_tag_soup_never_panics(html in html_soup()) {
        let page = format!("<html><body>{html}</body></html>");
        let _ = nianbao::check_bytes(page.as_bytes(), "soup.html");
        let _ = nianbao::check_html(&html, "soup.html");
    }

    #[test]
    fn damaged_docx_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20)) {
        let mut bytes = std::fs::read(format!(
            "{}/tests/fixtures/corpus/synthetic/c007.docx.docx",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = nianbao::check_bytes(&bytes, "damaged.docx");
    }
}

/// Hostile PDFs built to make a reader work for minutes or allocate gigabytes: each
/// ends with a clear outcome, and the work done stays within the budgets (counted in
/// bytes decoded, operators run and page-tree nodes visited, not in wall time).
#[test]
fn hostile_pdfs_stop_at_the_work_budget() {
    use nianbao::decode::pdf::{to_text_measured, PdfError};
    let budget = 96 * 1024 * 1024 + 64 * 1024 * 1024;
    let page = |contents: &str, res: &str| -> Vec<Vec<u8>> {
        vec![
            PAGE_TREE.as_bytes().to_vec(),
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
            format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<{res}>>/Contents {contents}>>").into_bytes(),
        ]
    };
    // RunLength chained six times: each pass multiplies the data by 64.
    let mut objs = page("4 0 R", "");
    objs.push(stream(
        "/Filter[/RL/RL/RL/RL/RL/RL]",
        &[&b"\x81\x81".repeat(100)[..], b"\x80"].concat(),
    ));
    let (text, work) = to_text_measured(&pdf(&objs, "/Size 5/Root 1 0 R"));
    assert_eq!(text.unwrap_err(), PdfError::TooLarge);
    assert!(work.decoded <= budget, "{work:?}");

    // One 27 MB stream listed 200 times as the page's content.
    let content = b"BT /F1 12 Tf 100 700 Td (x) Tj ET\n".repeat(800_000);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&content, 9);
    let mut objs = page(&format!("[{}]", "4 0 R ".repeat(200)), "");
    objs.push(stream("/Filter/FlateDecode", &packed));
    let (text, work) = to_text_measured(&pdf(&objs, "/Size 5/Root 1 0 R"));
    assert_eq!(text.unwrap_err(), PdfError::TooLarge);
    assert!(work.decoded <= budget, "{work:?}");

    // A form that draws itself 40 times at every level, padded to 100 KB.
    let mut objs = page("4 0 R", "/XObject<</F 5 0 R>>");
    objs.push(stream("", b"/F Do"));
    let form = [&b"/F Do ".repeat(40)[..], &vec![b' '; 100_000]].concat();
    objs.push(stream(
        "/Type/XObject/Subtype/Form/Resources<</XObject<</F 5 0 R>>>>",
        &form,
    ));
    let (text, work) = to_text_measured(&pdf(&objs, "/Size 6/Root 1 0 R"));
    assert!(text.is_err());
    assert!(work.decoded <= budget, "{work:?}");
    assert!(work.operators <= 2_000_000, "{work:?}");

    // A page tree of 200,000 kids that are not pages.
    let kids = "4 0 R ".repeat(200_000);
    let objs = vec![
        PAGE_TREE.as_bytes().to_vec(),
        format!("<</Type/Pages/Kids[3 0 R {kids}]/Count 1>>").into_bytes(),
        b"<</Type/Page/Parent 2 0 R/Contents 5 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[]>>".to_vec(),
        stream("", b"BT ET"),
    ];
    let (_, work) = to_text_measured(&pdf(&objs, "/Size 6/Root 1 0 R"));
    assert!(work.nodes <= 20_000, "{work:?}");
}

/// Damaged structure that made the repair path quadratic: `trailer<<` repeated and
/// streams without `endstream`. Both are read once and refused as damaged.
#[test]
fn damaged_pdf_structure_is_repaired_in_one_pass() {
    let trailers = [&b"%PDF-1.4\n"[..], &b"trailer<<".repeat(40_000), b"\n%%EOF"].concat();
    assert!(pdf_error(&trailers).contains("损坏"));
    let mut no_end = b"%PDF-1.4\n".to_vec();
    for i in 1..20_000 {
        no_end.extend_from_slice(format!("{i} 0 obj<</Length 9999999>>stream\nxxxx\n").as_bytes());
    }
    no_end.extend_from_slice(b"%%EOF");
    assert!(pdf_error(&no_end).contains("PDF"));
}

/// 20 MB of line breaks: read up to the line budget and said so, not for seconds.
#[test]
fn millions_of_lines_are_read_up_to_the_budget() {
    let text = "\n".repeat(20 * 1024 * 1024 - 16);
    let r = nianbao::check_text(&text, "newlines.txt");
    let f = r.findings_of("input-truncated").next().expect("said");
    assert_eq!(f.severity, nianbao::Severity::Warning);
    assert_eq!(r.findings_of("section-missing").count(), 6);
    // A report of ordinary length is not truncated, whatever its line endings.
    let report = sample("000_05aca1268dbb5a45.txt").replace('\n', "\r");
    let r = nianbao::check_text(&report, "cr.txt");
    assert!(r.findings_of("input-truncated").next().is_none());
    assert_eq!(r.findings_of("section-missing").count(), 0);
}

/// 18 MB of `<td>x`: refused at once with a message, not built into a 2 GB tree; a page
/// under the tag budget is read.
#[test]
fn pages_of_millions_of_tags_are_refused() {
    let page = format!("<table><tr>{}", "<td>x".repeat(3_600_000));
    let e = nianbao::check_bytes(page.as_bytes(), "td.html").unwrap_err();
    assert!(e.to_string().contains("标签过多"), "{e}");
    let small = format!("<table><tr>{}", "<td>x".repeat(10_000));
    assert!(nianbao::check_bytes(small.as_bytes(), "td.html").is_ok());
}

/// Damaged but honest files are read: a bad byte or a character cut in half in a
/// GB18030 report (counted, and said), a GBK page whose `<meta>` still says UTF-8, a
/// .docx with thousands of entries before its document; random bytes after a BOM are
/// not text.
#[test]
fn damaged_but_honest_files_are_read() {
    let text = sample("004_1feac183b5673ebd.txt");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let mut bad = gbk.to_vec();
    let line_end = bad.len() / 2
        + bad[bad.len() / 2..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap();
    bad.insert(line_end, 0xFF); // between two lines: one damaged byte
    bad.push(0xB9); // the first half of a two-byte character
    let r = nianbao::check_bytes(&bad, "damaged.txt").unwrap();
    assert_eq!(r.source.encoding, "gb18030");
    assert_eq!(r.source.damaged_bytes, Some(2));
    let f = r.findings_of("input-damaged").next().expect("said");
    assert!(f.message.contains('2'), "{}", f.message);
    assert!(r.cells.get("t3.new.total").is_some());

    let page = "<html><head><meta charset=\"utf-8\"></head><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p></body></html>";
    let (gbk_page, _, _) = encoding_rs::GB18030.encode(page);
    let r = nianbao::check_bytes(&gbk_page, "stale.html").unwrap();
    assert_eq!(r.source.encoding, "gb18030");
    assert!(r.sections[0].found && r.sections[1].found);

    let noise: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .copied()
        .chain((0..1_000_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8))
        .collect();
    assert!(nianbao::check_bytes(&noise, "bom.txt").is_err());

    let xml = "<?xml version=\"1.0\"?><w:document><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>";
    let names: Vec<String> = (0..12_000)
        .map(|i| format!("customXml/item{i}.xml"))
        .collect();
    let mut files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"<x/>"[..])).collect();
    files.push(("word/document.xml", xml.as_bytes()));
    let docx = support::zip::zip(&files);
    let r = nianbao::check_bytes(&docx, "many.docx").unwrap();
    assert!(r.sections[0].found);
}

/// A PDF of more pages than are read: the first pages are read, and the report says
/// which were not.
#[test]
fn pages_past_the_limit_are_named() {
    let n = 2_100;
    let mut objs = vec![PAGE_TREE.as_bytes().to_vec()];
    let kids: String = (0..n).map(|i| format!("{} 0 R ", i + 3)).collect();
    objs.push(format!("<</Type/Pages/Kids[{kids}]/Count {n}>>").into_bytes());
    let content = n + 3;
    let font = n + 4;
    for _ in 0..n {
        objs.push(
            format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents {content} 0 R/Resources<</Font<</F1 {font} 0 R>>>>>>")
                .into_bytes(),
        );
    }
    objs.push(stream("", b"BT /F1 12 Tf 72 720 Td (page) Tj ET"));
    objs.push(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>".to_vec());
    let bytes = pdf(&objs, &format!("/Size {}/Root 1 0 R", n + 5));
    let r = nianbao::check_bytes(&bytes, "long.pdf").unwrap();
    assert_eq!(r.source.pages_total, Some(n));
    let f = r
        .findings_of("input-truncated")
        .next()
        .expect("the unread pages are named");
    assert!(f.message.contains("第2001至2100页"), "{}", f.message);
}

/// Random chains of filters over random data, and forms that draw each other at random:
/// every file ends with an outcome, within the decoding and operator budgets.
fn filter_chain() -> impl Strategy<Value = (Vec<&'static str>, Vec<u8>)> {
    (
        prop::collection::vec(
            prop::sample::select(vec!["/RL", "/AHx", "/A85", "/LZW", "/Fl"]),
            0..7,
        ),
        prop::collection::vec(any::<u8>(), 0..400),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(8), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn filter_chains_and_form_recursion_stay_in_budget(
        (filters, data) in filter_chain(),
        draws in prop::collection::vec(0u8..4, 1..12),
    ) {
        use nianbao::decode::pdf::to_text_measured;
        // Forms 5, 6, 7, 8 draw each other as `draws` says.
        let names = ["/A", "/B", "/C", "/D"];
        let xobjects = "/XObject<</A 5 0 R/B 6 0 R/C 7 0 R/D 8 0 R>>";
        let form_content: String = draws.iter().map(|&d| format!("{} Do ", names[d as usize])).collect();
        let mut objs = vec![
            PAGE_TREE.as_bytes().to_vec(),
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
            format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<{xobjects}>>/Contents[4 0 R 9 0 R]>>").into_bytes(),
            stream(&format!("/Filter[{}]", filters.join(" ")), &data),
        ];
        for _ in 0..4 {
            objs.push(stream(
                &format!("/Type/XObject/Subtype/Form/Resources<<{xobjects}>>"),
                form_content.as_bytes(),
            ));
        }
        objs.push(stream("", b"/A Do /B Do /C Do /D Do"));
        let bytes = pdf(&objs, "/Size 10/Root 1 0 R");
        let (_, work) = to_text_measured(&bytes);
        prop_assert!(work.decoded <= 96 * 1024 * 1024 + 64 * 1024 * 1024, "{work:?}");
        prop_assert!(work.operators <= 2_000_000, "{work:?}");
        let _ = nianbao::check_bytes(&bytes, "chain.pdf");
    }
}
