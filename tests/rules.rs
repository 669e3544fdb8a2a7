//! Each rule on a failing example and on the fixed one.

mod support;

use nianbao::{Report, Severity};
use support::{HtmlStyle, Shape, Spec, APPLICANTS};

fn check(text: &str) -> Report {
    nianbao::check_text(text, "test.txt")
}

fn render(spec: &Spec) -> String {
    spec.render(Shape::TabRows)
}

fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.rule.as_str()).collect()
}

fn has(r: &Report, rule: &str) -> bool {
    r.findings.iter().any(|f| f.rule == rule)
}

fn clean(id: &str) -> Spec {
    let s = Spec::of_template(id, 11);
    let r = check(&render(&s));
    assert!(
        r.findings.is_empty(),
        "the clean report has no finding: {:?}",
        r.findings
    );
    s
}

#[test]
fn t3_row_total() {
    let mut s = clean("2021");
    *s.cells.get_mut("t3.granted.natural").unwrap() += 2.0;
    let r = check(&render(&s));
    let f = r
        .findings_of("t3-row-total")
        .next()
        .expect("row total finding");
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.cells.contains(&"t3.granted.natural".to_owned())
            && f.cells.contains(&"t3.granted.total".to_owned())
    );
    assert_eq!(f.actual.unwrap().0, s.cells["t3.granted.total"]);
    assert_eq!(f.expected.unwrap().0, s.cells["t3.granted.total"] + 2.0);
    assert!(f.message.contains("予以公开"));
}

#[test]
fn t3_row_total_not_when_only_the_total_is_filled() {
    let mut s = clean("2019");
    for c in APPLICANTS {
        s.raw.insert(format!("t3.granted.{c}"), String::new());
    }
    let r = check(&render(&s));
    assert!(!has(&r, "t3-row-total"));
    assert!(r
        .findings_of("cell-blank")
        .any(|f| f.cells.contains(&"t3.granted.natural".to_owned())));
}

#[test]
fn t3_outcome_total() {
    let mut s = clean("2019");
    *s.cells.get_mut("t3.total.legal").unwrap() += 1.0;
    *s.cells.get_mut("t3.total.total").unwrap() += 1.0;
    *s.cells.get_mut("t3.carry_forward.legal").unwrap() -= 0.0;
    let r = check(&render(&s));
    let f: Vec<_> = r.findings_of("t3-outcome-total").collect();
    assert!(f
        .iter()
        .any(|f| f.message.contains("法律服务机构")
            && f.cells.contains(&"t3.total.legal".to_owned())));
}

#[test]
fn t3_balance_message_names_both_sums() {
    let mut s = clean("2021");
    *s.cells.get_mut("t3.new.natural").unwrap() += 1.0;
    *s.cells.get_mut("t3.new.total").unwrap() += 1.0;
    let left = s.cells["t3.new.total"] + s.cells["t3.carried.total"];
    let right = s.cells["t3.total.total"] + s.cells["t3.carry_forward.total"];
    let r = check(&render(&s));
    let f = r
        .findings_of("t3-balance")
        .find(|f| f.message.ends_with("总计列"))
        .expect("balance finding on the total column");
    assert_eq!(
        f.message,
        format!("第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）：总计列")
    );
    assert_eq!((f.expected.unwrap().0, f.actual.unwrap().0), (left, right));
}

#[test]
fn t4_group_total() {
    let mut s = clean("2019");
    *s.cells.get_mut("t4.suit_direct.pending").unwrap() += 3.0;
    let r = check(&render(&s));
    let f = r.findings_of("t4-group-total").next().expect("t4 finding");
    assert!(f.message.contains("未经复议直接起诉"));
    assert!(f.cells.contains(&"t4.suit_direct.pending".to_owned()));
}

#[test]
fn section_missing_and_section_title_missing() {
    let s = clean("2021");
    let text = render(&s);
    // Heading and table of 四 gone.
    let start = text.find("四、政府信息公开行政复议").unwrap();
    let end = text.find("五、存在").unwrap();
    let without = format!("{}{}", &text[..start], &text[end..]);
    let r = check(&without);
    assert!(r
        .findings_of("section-missing")
        .any(|f| f.message.contains("第四部分")));
    assert!(!r.sections[3].found);
    // Only the heading gone: the table is there.
    let r = check(&text.replace("四、政府信息公开行政复议、行政诉讼情况\n", ""));
    assert!(!has(&r, "section-missing"));
    assert!(has(&r, "section-title-missing"));
    assert_eq!(
        r.cells.get("t4.review.total").unwrap().value.map(|v| v.0),
        Some(s.cells["t4.review.total"])
    );
}

#[test]
fn section_order() {
    let s = clean("2019");
    let text = render(&s);
    let five = text.find("五、存在").unwrap();
    let six = text.find("六、其他").unwrap();
    let end = text.find("本年度未收取信息处理费").unwrap() + "本年度未收取信息处理费。\n".len();
    let swapped = format!(
        "{}{}{}{}",
        &text[..five],
        &text[six..end],
        &text[five..six],
        &text[end..]
    );
    let r = check(&swapped);
    assert!(has(&r, "section-order"), "{:?}", ids(&r));
}

#[test]
fn table_missing() {
    let s = clean("2019");
    let text = render(&s);
    let start = text
        .find("四、政府信息公开行政复议、行政诉讼情况\n")
        .unwrap()
        + "四、政府信息公开行政复议、行政诉讼情况\n".len();
    let end = text.find("五、存在").unwrap();
    let r = check(&format!("{}（见附图）\n{}", &text[..start], &text[end..]));
    assert!(
        r.findings_of("table-missing")
            .any(|f| f.message.contains("表四")),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn table_incomplete_lists_missing_keys_and_invents_nothing() {
    let s = clean("2021");
    let text = render(&s);
    let cut = text.find("（五）不予处理").unwrap();
    let end = text.find("四、政府信息公开行政复议").unwrap();
    let r = check(&format!("{}{}", &text[..cut], &text[end..]));
    let f = r
        .findings_of("table-incomplete")
        .next()
        .expect("incomplete");
    assert!(f.cells.contains(&"t3.rejected.petition.natural".to_owned()));
    assert!(f.cells.contains(&"t3.total.total".to_owned()));
    assert!(r.cells.get("t3.total.total").is_none());
    assert!(r.cells.get("t3.unable.unclear.total").is_some());
}

#[test]
fn template_outdated() {
    let mut s = clean("2019");
    s.year = 2022;
    let r = check(&render(&s));
    assert!(has(&r, "template-outdated"));
    assert_eq!(r.meta.template.map(|t| t.as_str()), Some("2019"));
    let mut fixed = clean("2021");
    fixed.year = 2022;
    assert!(!has(&check(&render(&fixed)), "template-outdated"));
}

#[test]
fn template_mixed() {
    let s = clean("2019");
    let text = render(&s)
        .replace("本年新制作数量", "本年制发件数")
        .replace("对外公开总数量", "现行有效件数");
    let r = check(&text);
    assert!(has(&r, "template-mixed"), "{:?}", ids(&r));
}

#[test]
fn year_mismatch() {
    let s = clean("2021");
    let text = render(&s);
    let y = s.year;
    let wrong_title = text.replacen(
        &format!("{y}年政府信息公开工作年度报告"),
        &format!("{}年政府信息公开工作年度报告", y + 1),
        1,
    );
    assert!(check(&wrong_title)
        .findings_of("year-mismatch")
        .any(|f| f.message.contains("标题")));
    let wrong_signature = text.replace(&format!("{}年1月", y + 1), &format!("{}年1月", y + 2));
    assert!(check(&wrong_signature)
        .findings_of("year-mismatch")
        .any(|f| f.message.contains("落款")));
    assert!(!has(&check(&text), "year-mismatch"));
}

#[test]
fn late_publication_by_agency_kind() {
    let mut s = clean("2021");
    s.agency = "临河县自然资源局".into();
    s.signed = (2, 10);
    let r = check(&render(&s));
    assert_eq!(
        r.findings_of("late-publication").next().map(|f| f.severity),
        Some(Severity::Error)
    );
    s.agency = "安平县龙泉镇人民政府".into();
    let r = check(&render(&s));
    assert_eq!(
        r.findings_of("late-publication").next().map(|f| f.severity),
        Some(Severity::Warning)
    );
    s.signed = (4, 2);
    let r = check(&render(&s));
    assert_eq!(
        r.findings_of("late-publication").next().map(|f| f.severity),
        Some(Severity::Error)
    );
    s.agency = "宁远县人民政府".into();
    s.signed = (3, 20);
    assert!(!has(&check(&render(&s)), "late-publication"));
}

#[test]
fn text_table_mismatch() {
    let mut s = clean("2019");
    let n = s.cells["t3.new.total"];
    s.prose_requests = Some(format!("本年共收到政府信息公开申请{}件。", n + 1.0));
    let r = check(&render(&s));
    let f = r
        .findings_of("text-table-mismatch")
        .next()
        .expect("mismatch");
    assert_eq!((f.expected.unwrap().0, f.actual.unwrap().0), (n, n + 1.0));
    s.prose_requests = Some(format!("本年共收到政府信息公开申请{n}件。"));
    assert!(!has(&check(&render(&s)), "text-table-mismatch"));
    s.prose_requests = Some("本年度未收到政府信息公开申请。".into());
    let r = check(&render(&s));
    assert_eq!(
        has(&r, "text-table-mismatch"),
        n > 0.0
            || s.cells["t4.review.total"]
                + s.cells["t4.suit_direct.total"]
                + s.cells["t4.suit_after_review.total"]
                > 0.0
    );
}

#[test]
fn cell_not_number_and_cell_negative() {
    let mut s = clean("2019");
    s.raw.insert("t2.license.prev_count".into(), "若干".into());
    s.raw.insert("t2.penalty.decisions".into(), "-3".into());
    s.raw.insert("t2.license.change".into(), "-3".into());
    let r = check(&render(&s));
    let f = r
        .findings_of("cell-not-number")
        .next()
        .expect("not a number");
    assert_eq!(f.cells, ["t2.license.prev_count"]);
    assert!(f.message.contains("若干"));
    assert_eq!(
        r.findings_of("cell-negative")
            .map(|f| f.cells.clone())
            .collect::<Vec<_>>(),
        [vec!["t2.penalty.decisions".to_owned()]]
    );
    // Not applicable is counted as 0 and is not an error.
    s.raw.insert("t2.license.prev_count".into(), "/".into());
    let r = check(&render(&s));
    assert!(!has(&r, "cell-not-number"));
    assert_eq!(
        r.cells
            .get("t2.license.prev_count")
            .unwrap()
            .value
            .map(|v| v.0),
        Some(0.0)
    );
}

#[test]
fn unit_missing() {
    let mut s = clean("2019");
    s.cells.insert("t2.procurement.amount".into(), 415802.0);
    s.raw
        .insert("t2.procurement.amount".into(), "415802".into());
    assert!(has(&check(&render(&s)), "unit-missing"));
    s.raw
        .insert("t2.procurement.amount".into(), "415802元".into());
    assert!(!has(&check(&render(&s)), "unit-missing"));
}

#[test]
fn t2_in_force_and_published_exceeds_total() {
    let mut s = clean("2021");
    s.cells.insert("t2.normative.issued".into(), 8.0);
    s.cells.insert("t2.normative.repealed".into(), 2.0);
    s.cells.insert("t2.normative.in_force".into(), 3.0);
    assert!(has(&check(&render(&s)), "t2-in-force"));
    s.cells.insert("t2.normative.in_force".into(), 41.0);
    assert!(!has(&check(&render(&s)), "t2-in-force"));

    let mut s = clean("2019");
    s.cells.insert("t2.normative.new_published".into(), 6.0);
    s.cells.insert("t2.normative.total_published".into(), 0.0);
    assert!(has(&check(&render(&s)), "t2-published-exceeds-total"));
    s.cells.insert("t2.normative.total_published".into(), 48.0);
    assert!(!has(&check(&render(&s)), "t2-published-exceeds-total"));
}

#[test]
fn overview_problems_and_fee() {
    let s = clean("2021");
    let text = render(&s);
    let r = check(&text.replace("（五）监督保障情况。将政务公开纳入年度考核。\n", ""));
    assert!(r
        .findings_of("overview-incomplete")
        .any(|f| f.message.contains("监督保障")));
    let r = check(&text.replace("（二）改进措施。下一步将完善审核发布机制。\n", ""));
    assert!(r
        .findings_of("problems-without-measures")
        .any(|f| f.message.contains("改进措施")));
    let r = check(&text.replace("本年度未收取信息处理费。", "无。"));
    assert!(has(&r, "fee-not-reported"));
}

/// A report under the 2008 条例 (free structure) is recognised, not forced into tables.
#[test]
fn pre_2019_reports_are_recognised() {
    let old = "某县民政局2017年政府信息公开工作年度报告\n一、概述\n本局认真贯彻《政府信息公开条例》。\n二、主动公开政府信息的情况\n全年主动公开信息120条。\n三、依申请公开政府信息的情况\n全年受理申请3件。\n四、政府信息公开的收费及减免情况\n未收取任何费用。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n某县民政局\n2018年1月20日\n";
    let r = check(old);
    assert_eq!(r.meta.template.map(|t| t.as_str()), Some("pre2019"));
    assert_eq!(r.meta.year, Some(2017));
    assert!(r.cells.is_empty(), "no tables are invented");
    assert!(
        !has(&r, "section-missing") && !has(&r, "table-missing") && !has(&r, "template-outdated"),
        "{:?}",
        ids(&r)
    );
    // The same structure for 2022 is outdated.
    let late = old.replace("2017年", "2022年").replace("2018年", "2023年");
    assert!(
        has(&check(&late), "template-outdated"),
        "{:?}",
        ids(&check(&late))
    );
}

/// Official documents often write years and dates in Chinese numerals.
#[test]
fn chinese_numeral_years_and_dates() {
    let mut s = clean("2021");
    s.year = 2022;
    s.agency = "临河县自然资源局".into();
    s.signed = (2, 26);
    let cn = |n: u32| {
        n.to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d.to_digit(10).unwrap() as usize)
                    .unwrap()
            })
            .collect::<String>()
    };
    let text = render(&s)
        .replacen(
            "2022年政府信息公开工作年度报告",
            &format!("{}年政府信息公开工作年度报告", cn(2022)),
            1,
        )
        .replace(
            "统计期限自2022年1月1日起至2022年12月31日止",
            &format!(
                "统计期限自{}年一月一日起至{}年十二月三十一日止",
                cn(2022),
                cn(2022)
            ),
        )
        .replace("2023年2月26日", &format!("{}年二月二十六日", cn(2023)));
    assert!(text.contains("二〇二三年二月二十六日"));
    let r = check(&text);
    assert_eq!(r.meta.year, Some(2022));
    assert_eq!(r.meta.published.as_deref(), Some("2023-02-26"));
    assert!(!has(&r, "year-mismatch"), "{:?}", ids(&r));
    assert_eq!(
        r.findings_of("late-publication").next().map(|f| f.severity),
        Some(Severity::Error)
    );
}

/// A browser's select-all brings the site's navigation before the title, and some
/// reports sign with the agency and the date on one line.
#[test]
fn title_after_navigation_and_signature_on_one_line() {
    let s = clean("2021");
    let y = s.year;
    let text = render(&s);
    let text = format!(
        "首页 > 政务公开 > 政府信息公开年报\n字号：大 中 小　打印本页\n{}",
        text
    );
    let signature = format!("{}\n{}年1月{}日\n", s.agency, y + 1, s.signed.1);
    let text = text.replace(
        &signature,
        &format!("{}　{}年1月{}日\n", s.agency, y + 1, s.signed.1),
    );
    let r = check(&text);
    assert_eq!(
        r.meta.title.as_deref(),
        Some(format!("{}{}年政府信息公开工作年度报告", s.agency, y).as_str())
    );
    assert_eq!(r.meta.agency.as_deref(), Some(s.agency.as_str()));
    assert_eq!(
        r.meta.published,
        Some(format!("{}-01-{:02}", y + 1, s.signed.1))
    );
    assert!(!has(&r, "year-mismatch"), "{:?}", ids(&r));
}

/// An HTML page's table 2 whose `信息内容` header spans two columns above rows with one
/// label cell: every value is read by position, and the misalignment is said.
#[test]
fn table_header_misaligned_position_decides_and_it_is_said() {
    for id in ["2019", "2021"] {
        let spec = clean(id);
        let style = HtmlStyle {
            word: false,
            misaligned_t2_header: false,
        };
        let fixed = nianbao::check_html(&spec.render_html(style), "fixed.html");
        assert!(!has(&fixed, "table-header-misaligned"), "{:?}", ids(&fixed));
        let bad = nianbao::check_html(
            &spec.render_html(HtmlStyle {
                misaligned_t2_header: true,
                ..style
            }),
            "bad.html",
        );
        for (key, want) in spec.cells.iter().filter(|(k, _)| k.starts_with("t2.")) {
            assert_eq!(
                bad.cells.get(key).and_then(|c| c.value).map(|v| v.0),
                Some(*want),
                "{key}"
            );
        }
        let said: Vec<_> = bad.findings_of("table-header-misaligned").collect();
        assert!(!said.is_empty(), "{id}: {:?}", ids(&bad));
        assert!(said.iter().all(|f| f.severity == Severity::Warning));
        assert!(
            said[0].message.contains("表二“规章”"),
            "{}",
            said[0].message
        );
        assert!(said[0].cells.iter().any(|k| k.starts_with("t2.rules.")));
        assert!(said[0].line.is_some());
        assert!(bad.findings.iter().all(|f| f.severity != Severity::Error));
    }
}

/// A table-3 row with one cell too many: position cannot place its values and the
/// header puts two of them under 总计, so none is guessed.
#[test]
fn table_header_misaligned_conflict_is_not_guessed() {
    let spec = clean("2021");
    let html = spec.render_html(HtmlStyle {
        word: false,
        misaligned_t2_header: false,
    });
    let html = html.replacen(
        "<td>1.属于国家秘密</td>",
        "<td>1.属于国家秘密</td><td>9</td>",
        1,
    );
    let r = nianbao::check_html(&html, "bad.html");
    assert!(r.cells.get("t3.denied.secret.total").is_none());
    assert!(r.cells.get("t3.denied.law.total").is_some());
    let said = r
        .findings_of("table-header-misaligned")
        .next()
        .expect("said");
    assert!(said.message.contains("1.属于国家秘密"), "{}", said.message);
    assert!(said.message.contains("未读取"), "{}", said.message);
    assert!(has(&r, "table-unreadable"));
    assert!(!has(&r, "table-incomplete"));
}

/// Empty cells in an HTML table 3 whose labels span columns: the span adds empty
/// fields after the label that only the header's grid columns tell apart from empty
/// value cells; the one value lands under its header.
#[test]
fn html_grid_places_values_under_their_headers() {
    let mut spec = Spec::of_template("2019", 5);
    spec.blank_zeros = true;
    for c in APPLICANTS {
        *spec.cells.get_mut(&format!("t3.granted.{c}")).unwrap() = 0.0;
    }
    *spec.cells.get_mut("t3.granted.legal").unwrap() = 4.0;
    *spec.cells.get_mut("t3.granted.total").unwrap() = 4.0;
    let html = spec.render_html(HtmlStyle {
        word: true,
        misaligned_t2_header: false,
    });
    let r = nianbao::check_html(&html, "blanks.html");
    assert_eq!(
        r.cells
            .get("t3.granted.legal")
            .and_then(|c| c.value)
            .map(|v| v.0),
        Some(4.0)
    );
    assert_eq!(r.cells.get("t3.granted.natural").unwrap().value, None);
    assert!(!has(&r, "table-header-misaligned"));
}

/// A Word export splits table 3 into two `<table>`s at a page break (the second without
/// its header), with blank cells in both: every cell is still read under its header.
#[test]
fn html_table_split_by_a_page_break_reads_every_cell() {
    for (template, seed) in [("2019", 11), ("2021", 12)] {
        let mut spec = Spec::of_template(template, seed);
        spec.blank_zeros = true;
        let html = spec.render_html(HtmlStyle {
            word: true,
            misaligned_t2_header: false,
        });
        let at = html.find("<tr><td><p class=MsoNormal style='mso-line-height-rule:exactly'><span style='font-family:仿宋_GB2312'>6.属于四类过程性信息").or_else(|| html.find("6.属于四类过程性信息").and_then(|i| html[..i].rfind("<tr>"))).unwrap();
        let split = format!(
            "{}</table>\n<p style='page-break-before:always'><o:p>&nbsp;</o:p></p>\n<table border=1>\n{}",
            &html[..at],
            &html[at..]
        );
        let r = nianbao::check_html(&split, "split.html");
        for (key, want) in &spec.cells {
            if !key.starts_with("t3.") {
                continue;
            }
            let got = r
                .cells
                .get(key)
                .unwrap_or_else(|| panic!("{template}: {key} missing"));
            assert_eq!(got.as_count(), Some(*want), "{template}: {key}");
        }
        assert!(!has(&r, "table-incomplete"), "{template}");
        assert!(!has(&r, "table-unreadable"), "{template}");
    }
}

/// A 2021 table 3 with the 2019 format's single （六）其他处理 row: the values are
/// there, under the old layout — read as the 2019 keys' cells and used in the
/// identities; template-mixed quotes them, and no table-incomplete error claims the
/// rows are missing.
#[test]
fn a_single_other_row_in_a_2021_table_is_read_and_template_mixed() {
    let spec = Spec::of_template("2021", 3);
    let text = spec.render(Shape::TabRows);
    let first = text.find("1.申请人无正当理由").unwrap();
    let start = text[..first].rfind('\n').unwrap() + 1;
    let total = text.find("（七）总计").unwrap();
    let end = text[..total].rfind('\n').unwrap() + 1;
    let columns = [
        "natural",
        "commercial",
        "research",
        "social",
        "legal",
        "other_org",
        "total",
    ];
    let sums: Vec<String> = columns
        .iter()
        .map(|c| {
            ["no_correction", "no_fee", "other"]
                .iter()
                .map(|r| spec.cells[&format!("t3.other.{r}.{c}")])
                .sum::<f64>()
                .to_string()
        })
        .collect();
    let mixed = format!(
        "{}（六）其他处理\t{}\n{}",
        &text[..start],
        sums.join("\t"),
        &text[end..]
    );
    let r = nianbao::check_text(&mixed, "mixed.txt");
    assert!(!has(&r, "table-incomplete"));
    let f = r.findings_of("template-mixed").next().expect("said");
    assert_eq!(f.severity, nianbao::Severity::Warning);
    assert!(f.message.contains(&sums.join("、")), "{}", f.message);
    assert!(f.cells.contains(&"t3.other.no_fee.total".to_owned()));
    assert!(r.cells.get("t3.other.no_fee.total").is_none());
    assert_eq!(
        r.cells
            .get("t3.total.total")
            .and_then(|c| c.value)
            .map(|v| v.0),
        Some(spec.cells["t3.total.total"])
    );
    // The row's values are cells, under the 2019 format's keys, and count in the
    // identities: the outcome rows add up to （七）总计 with them.
    for (c, want) in columns.iter().zip(&sums) {
        let got = r.cells.get(&format!("t3.other.{c}")).and_then(|c| c.value);
        assert_eq!(got.map(|v| v.to_string()), Some(want.clone()), "{c}");
    }
    assert!(!has(&r, "t3-outcome-total"), "{:?}", r.findings);
    assert!(r
        .findings
        .iter()
        .all(|f| f.severity != nianbao::Severity::Error));
    // One more in its 总计 than the outcome rows add up to: found.
    let total_row = mixed.lines().find(|l| l.starts_with("（七）总计")).unwrap();
    let mut cells: Vec<String> = total_row.split('\t').map(str::to_owned).collect();
    let last = cells.last_mut().unwrap();
    *last = (last.parse::<f64>().unwrap() + 1.0).to_string();
    let wrong = mixed.replacen(total_row, &cells.join("\t"), 1);
    let r = nianbao::check_text(&wrong, "mixed.txt");
    assert!(
        r.findings_of("t3-outcome-total")
            .any(|f| f.cells.contains(&"t3.total.total".to_owned())),
        "{:?}",
        r.findings
    );
}
