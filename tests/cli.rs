//! The `nianbao` command: output formats and exit codes (spec §6).

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn nianbao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

#[test]
fn json_for_one_file_exit_0_without_errors() {
    let out = nianbao(
        &["check", "--json", &fixture("004_1feac183b5673ebd.txt")],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["cells"]["t2.license.change"]["value"], 156);
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn json_lines_for_several_files_exit_1_with_an_error() {
    let out = nianbao(
        &[
            "check",
            "--json",
            &fixture("004_1feac183b5673ebd.txt"),
            &fixture("003_12bbc16d07ceb1d3.txt"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let reports: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2);
    assert!(reports[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "year-mismatch"));
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read(fixture("001_e5a8dc90a2ee1929.txt")).unwrap();
    let out = nianbao(&["check", "--json"], Some(&text));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["name"], "-");
    assert_eq!(v["cells"]["t3.new.total"]["value"], 6);
    assert_eq!(
        out.status.code(),
        Some(1),
        "001 is cut off: table-incomplete is an error"
    );
}

#[test]
fn unreadable_input_exit_2_with_a_message() {
    let out = nianbao(&["check", "/no/such/report.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("无法读取：文件或文件夹不存在"), "{said}");
    assert!(!said.contains("No such file"), "in Chinese: {said}");
    // In a summary's row, said once.
    let out = nianbao(&["summary", "/no/such/report.txt"], None);
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table.matches("无法读取").count(), 1, "{table}");

    let out = nianbao(&["check", "-"], Some(b"%PDF-1.4 binary"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("PDF"));

    let out = nianbao(&["check", "--frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_output_shows_tables_and_findings_without_colour_in_a_pipe() {
    let out = nianbao(&["check", &fixture("003_12bbc16d07ceb1d3.txt")], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no colour codes when stdout is not a terminal"
    );
    for needle in [
        "表二",
        "表三",
        "表四",
        "政府集中采购",
        "错误（1）",
        "[year-mismatch]",
        "年度：2020",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
}

#[test]
fn rules_lists_every_rule_with_docs() {
    let out = nianbao(&["rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for doc in nianbao::rule_docs() {
        assert!(
            text.contains(doc.id.as_str()) && text.contains(doc.why),
            "{}",
            doc.id
        );
    }
}

/// A file larger than the limit is refused by its size, before it is read; an endless
/// standard input is read one byte past the limit and refused.
#[test]
fn huge_inputs_are_refused_without_reading_them() {
    let dir = std::env::temp_dir().join(format!("nianbao-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(4 << 30).unwrap(); // sparse: 4 GB that take no disk
    let out = nianbao(&["check", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件过大（4096.0 MB）"));
    std::fs::remove_dir_all(&dir).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("文件过大"), "{err}");
}

/// Escape sequences in a report's title and in a file name are shown, not sent to the
/// terminal.
#[test]
fn text_output_shows_control_characters_instead_of_sending_them() {
    let text = std::fs::read_to_string(fixture("000_05aca1268dbb5a45.txt")).unwrap();
    let hostile = format!("\u{1b}]0;pwned\u{7}\u{1b}[2J{text}");
    let out = nianbao(&["check", "--no-color"], Some(hostile.as_bytes()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'));
    assert!(stdout.contains("\\u{1b}"), "{stdout}");
    let dir = std::env::temp_dir().join(format!("nianbao-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a\u{1b}[31mb.txt");
    std::fs::write(&path, b"").unwrap();
    let out = nianbao(&["check", path.to_str().unwrap()], None);
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `nianbao summary` over folders: one row per report, with the counts `check --json`
/// gives for that file, in every format.
#[test]
fn summary_of_folders_has_the_counts_of_check_in_every_format() {
    let real = fixture("real");
    let synthetic = fixture("synthetic");
    let json = nianbao(&["summary", "--format", "json", &real, &synthetic], None);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    // Every report file of both folders, and nothing else (not the truth files).
    let reports = |dir: &str| {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().ends_with(".json"))
            .filter(|e| !e.file_name().to_string_lossy().ends_with(".md"))
            .count()
    };
    assert_eq!(rows.len(), reports(&real) + reports(&synthetic));
    let mut any_error = false;
    for row in &rows {
        let file = row["file"].as_str().unwrap();
        let check = nianbao(&["check", "--json", file], None);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        for (count, key) in [
            ("errors", "errors"),
            ("warnings", "warnings"),
            ("infos", "infos"),
        ] {
            assert_eq!(row[count], report["summary"][key], "{file}: {count}");
        }
        assert_eq!(row["agency"], report["meta"]["agency"], "{file}");
        assert_eq!(row["year"], report["meta"]["year"], "{file}");
        assert!(row["unreadable"].is_null(), "{file}");
        any_error |= row["errors"].as_u64().unwrap() > 0;
    }
    assert_eq!(json.status.code(), Some(if any_error { 1 } else { 0 }));

    let csv = nianbao(&["summary", "--format", "csv", &real, &synthetic], None);
    let text = String::from_utf8(csv.stdout).unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(
        lines.len(),
        rows.len() + 1,
        "a heading and a line per report"
    );
    assert!(lines[0].starts_with("\u{FEFF}文件,机关,年度,格式,落款日期,是否逾期,错误,警告,提示"));
    let line_014 = lines.iter().find(|l| l.contains("014.txt")).unwrap();
    assert!(
        line_014.contains(",平潭综合实验区市场监督管理局,2023,2021,2024-01-31,按期,0,5,0,"),
        "{line_014}"
    );

    let table = nianbao(&["summary", &real], None);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.lines().next().unwrap().starts_with("文件"));
    assert_eq!(text.lines().count(), reports(&real) + 1);
    assert!(text.contains("平潭综合实验区海坛片区管理局"));
}

#[test]
fn summary_gives_an_unreadable_file_its_row_and_writes_to_a_file() {
    let dir = std::env::temp_dir().join(format!("nianbao-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("旧格式.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    std::fs::copy(fixture("004_1feac183b5673ebd.txt"), dir.join("004.txt")).unwrap();
    std::fs::write(dir.join("说明.jpg"), b"not a report").unwrap();
    let out_file = dir.join("out").with_extension("json");
    let out = nianbao(
        &[
            "summary",
            "--format",
            "json",
            "-o",
            out_file.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "a file could not be read");
    assert!(out.stdout.is_empty());
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(
        names.len(),
        2,
        "the .doc and the report, not the picture: {names:?}"
    );
    let doc_row = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with(".doc"))
        .unwrap();
    assert!(doc_row["unreadable"]
        .as_str()
        .unwrap()
        .contains("Word 97-2003"));
    let ok = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("004.txt"))
        .unwrap();
    assert_eq!(ok["agency"], "油车港镇");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--format xlsx`: the workbook opened by openpyxl (tests/support/check_xlsx.py)
/// agrees with the JSON rows of the same batch, and has the template's merged headers,
/// numbers as numbers and the faulty cells filled and noted.
#[test]
fn summary_as_an_excel_workbook_read_by_another_reader() {
    let dir = std::env::temp_dir().join(format!("nianbao-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (book, rows) = (dir.join("汇总.xlsx"), dir.join("rows.json"));
    let inputs = [fixture("real"), fixture("synthetic/c000.html.html")];
    let args = |format: &str, out: &std::path::Path| {
        let mut a = vec![
            "summary".to_owned(),
            "--format".into(),
            format.into(),
            "-o".into(),
        ];
        a.push(out.to_str().unwrap().to_owned());
        a.extend(inputs.iter().cloned());
        a
    };
    for (format, out) in [("xlsx", &book), ("json", &rows)] {
        let a = args(format, out);
        let out = nianbao(&a.iter().map(String::as_str).collect::<Vec<_>>(), None);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let script = format!("{}/tests/support/check_xlsx.py", env!("CARGO_MANIFEST_DIR"));
    python3_passes(&[script.as_ref(), book.as_os_str(), rows.as_os_str()]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs python3 with `args` (openpyxl reading a workbook) and asserts it succeeded.
fn python3_passes(args: &[&std::ffi::OsStr]) {
    let check = Command::new("python3")
        .args(args)
        .output()
        .expect("python3");
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

/// A .zip of reports, as they arrive: names in GBK (a Chinese Windows archiver), a
/// folder inside, macOS's `__MACOSX/` copies and a picture passed over; each report a
/// row named `archive/inner/name`, the counts those of `check --json` of the same file.
#[test]
fn summary_reads_the_reports_in_a_zip_with_gbk_names() {
    let dir = std::env::temp_dir().join(format!("nianbao-zip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let (a, b) = ("001_e5a8dc90a2ee1929.txt", "synthetic/c007.docx.docx");
    let (a_bytes, b_bytes) = (
        std::fs::read(fixture(a)).unwrap(),
        std::fs::read(fixture(b)).unwrap(),
    );
    let names = [
        gbk("各镇报告/建宁县均口镇.txt"),
        gbk("各镇报告/某部门.docx"),
        gbk("__MACOSX/各镇报告/._某部门.docx"),
        gbk("各镇报告/照片.jpg"),
    ];
    let archive = support::zip::zip_raw(&[
        (
            b"\xb8\xf7\xd5\xf2\xb1\xa8\xb8\xe6/".as_slice(),
            b"".as_slice(),
        ),
        (&names[0], &a_bytes),
        (&names[1], &b_bytes),
        (&names[2], b"junk"),
        (&names[3], b"\x89PNG"),
    ]);
    let path = dir.join("收到的报告.zip");
    std::fs::write(&path, archive).unwrap();
    let out = nianbao(
        &["summary", "--format", "json", path.to_str().unwrap()],
        None,
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    let p = path.to_str().unwrap();
    assert_eq!(
        files,
        [
            format!("{p}/各镇报告/建宁县均口镇.txt"),
            format!("{p}/各镇报告/某部门.docx")
        ]
    );
    for (row, file) in rows.iter().zip([a, b]) {
        let check = nianbao(&["check", "--json", &fixture(file)], None);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert_eq!(row["errors"], report["summary"]["errors"], "{file}");
        assert_eq!(row["warnings"], report["summary"]["warnings"], "{file}");
        assert_eq!(row["agency"], report["meta"]["agency"], "{file}");
    }
    // A damaged archive is one row saying so.
    std::fs::write(&path, b"PK\x03\x04 not an archive").unwrap();
    let out = nianbao(
        &["summary", "--format", "json", path.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows[0]["unreadable"]
        .as_str()
        .unwrap()
        .contains("压缩包已损坏"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A batch whose names and texts Excel would refuse (names equal but for case, over
/// 31 UTF-16 units, with control characters or U+FFFE, `History`; a line of 40,000
/// characters) still makes one workbook, which openpyxl opens: a sheet per report,
/// each name as Excel allows, none equal to another without regard to case.
#[test]
fn summary_workbook_opens_whatever_the_names_and_texts() {
    let dir = std::env::temp_dir().join(format!("nianbao-xlsx-names-{}", std::process::id()));
    let reports = dir.join("报告");
    std::fs::create_dir_all(&reports).unwrap();
    let sample = std::fs::read_to_string(fixture("003_12bbc16d07ceb1d3.txt")).unwrap();
    let long = format!("{}\n{sample}", "长".repeat(40_000));
    for (name, text) in [
        ("Report.txt", &sample),
        ("report.txt", &sample),
        ("History.txt", &sample),
        (&*format!("{}.txt", "𠀀".repeat(16)), &sample),
        ("控制\u{1}字符\u{FFFE}.txt", &long),
    ] {
        std::fs::write(reports.join(name), text).unwrap();
    }
    let book = dir.join("汇总.xlsx");
    let out = nianbao(
        &[
            "summary",
            "--format",
            "xlsx",
            "-o",
            book.to_str().unwrap(),
            reports.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    python3_passes(&[
        "-c".as_ref(),
        "import openpyxl, sys\n\
             names = openpyxl.load_workbook(sys.argv[1]).sheetnames\n\
             assert len(names) == 6, names\n\
             assert len({n.lower() for n in names}) == 6, names\n\
             assert all(len(n.encode('utf-16-le')) <= 62 for n in names), names\n\
             assert 'History' not in names, names\n\
             print(names)"
            .as_ref(),
        book.as_os_str(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `summary --format csv` on a terminal shows a name's escape sequences and bidi
/// overrides written out; into a file or a pipe the names stay as they are. (Run under
/// `script`, which gives the command a terminal; where there is none, skipped.)
#[test]
fn summary_csv_on_a_terminal_shows_escapes_instead_of_sending_them() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("no `script` here: skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("nianbao-csv-tty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = std::fs::read(fixture("003_12bbc16d07ceb1d3.txt")).unwrap();
    std::fs::write(dir.join("红\u{1b}[31m字\u{202E}txt.exe.txt"), &sample).unwrap();
    let command = format!(
        "{} summary --format csv {}",
        env!("CARGO_BIN_EXE_nianbao"),
        dir.display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("红\\u{1b}[31m字\\u{202e}txt.exe.txt"),
        "{shown}"
    );
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202E}'),
        "{shown:?}"
    );
    // A pipe gets the name as it is.
    let piped = nianbao(&["summary", "--format", "csv", dir.to_str().unwrap()], None);
    assert!(String::from_utf8_lossy(&piped.stdout).contains("红\u{1b}[31m字\u{202E}txt.exe.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}
