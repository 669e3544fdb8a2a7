//! Reports of one agency for consecutive years checked together (`nianbao::series`):
//! the real series of 平潭综合实验区's reports, 2019 to 2025.

use nianbao::Report;

fn real(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/corpus/real/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// 2019 (002.txt) to 2025 (008.txt), as published.
fn series() -> Vec<(String, String)> {
    ["002", "003", "004", "005", "006", "007", "008"]
        .iter()
        .map(|n| (format!("{n}.txt"), real(&format!("{n}.txt"))))
        .collect()
}

fn checked(batch: &[(String, String)]) -> Vec<Report> {
    let mut reports: Vec<Report> = batch
        .iter()
        .map(|(name, text)| nianbao::check_text(text, name))
        .collect();
    let texts: Vec<&str> = batch.iter().map(|(_, text)| text.as_str()).collect();
    nianbao::series::check_series(&mut reports, &texts);
    reports
}

const PAIR_RULES: [&str; 3] = [
    "t3-carryover-mismatch",
    "t2-in-force-continuity",
    "text-reuse",
];

fn pair_findings(r: &Report) -> Vec<&nianbao::Finding> {
    r.findings
        .iter()
        .filter(|f| PAIR_RULES.contains(&f.rule.as_str()))
        .collect()
}

#[test]
fn the_published_series_is_paired_year_by_year_and_agrees() {
    let batch = series();
    let reports = checked(&batch);
    let years: Vec<_> = reports.iter().map(|r| r.meta.year).collect();
    assert_eq!(years, (2019..=2025).map(Some).collect::<Vec<_>>());
    assert_eq!(
        nianbao::series::pairs(&reports),
        (1..7).map(|i| (i, i - 1)).collect::<Vec<_>>(),
        "each year with the one before"
    );
    for r in &reports {
        assert!(
            pair_findings(r).is_empty(),
            "{}: {:?}",
            r.source.name,
            pair_findings(r)
        );
        // The rest of each report is as it is alone.
        let alone = nianbao::check_text(&real(&r.source.name), &r.source.name);
        assert_eq!(r.findings, alone.findings, "{}", r.source.name);
    }
}

#[test]
fn a_carryover_that_differs_from_last_years_report_is_an_error_naming_both() {
    let mut batch = series();
    // 2022's 上年结转 changed from 2021's 结转下年度 (1 …, 1) to 2 …, 2.
    let (_, text) = &mut batch[3];
    assert_eq!(
        text.matches("二、上年结转政府信息公开申请数量 1000001")
            .count(),
        1
    );
    *text = text.replace(
        "二、上年结转政府信息公开申请数量 1000001",
        "二、上年结转政府信息公开申请数量 2000002",
    );
    let reports = checked(&batch);
    let found: Vec<_> = reports.iter().flat_map(pair_findings).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = found[0];
    assert_eq!(f.rule, "t3-carryover-mismatch");
    assert_eq!(f.severity, nianbao::Severity::Error);
    assert!(
        pair_findings(&reports[3]).contains(&f),
        "the finding is 2022's"
    );
    assert_eq!(f.cells, ["t3.carried.natural", "t3.carried.total"]);
    assert!(
        f.message.contains("004.txt") && f.message.contains("2021年度"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("自然人本年填2、上年为1"),
        "{}",
        f.message
    );
    assert_eq!(
        reports[3].summary,
        nianbao::Summary::of(&reports[3].findings)
    );
}

#[test]
fn a_report_checked_alone_is_unchanged() {
    let (name, text) = &series()[3];
    let mut one = vec![nianbao::check_text(text, name)];
    let before = one.clone();
    nianbao::series::check_series(&mut one, &[text]);
    assert_eq!(one, before);
}

fn example(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The reference report and the same agency's report of the year before: untouched,
/// no finding over the two years; with this year's carry-over and 规章 in force broken
/// and 五 copied from last year, exactly the three findings of the three rules.
#[test]
fn a_broken_pair_gets_exactly_the_three_findings_over_two_years() {
    let previous = example("2021-previous.txt");
    let this = example("2021.txt");
    let run = |this: &str| {
        let mut batch = vec![
            nianbao::check_text(&previous, "2021年报告.txt"),
            nianbao::check_text(this, "2022年报告.txt"),
        ];
        nianbao::series::check_series(&mut batch, &[&previous, this]);
        batch
    };
    assert!(run(&this).iter().all(|r| pair_findings(r).is_empty()));

    let section5 = |text: &str| {
        let start = text.find("五、存在的主要问题及改进情况\n").unwrap();
        let end = text.find("六、其他需要报告的事项").unwrap();
        text[start..end].to_owned()
    };
    let broken = this
        .replace(
            "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6",
            "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t3\t0\t7",
        )
        .replace("规章\t5\t0\t321", "规章\t5\t0\t320")
        .replace(&section5(&this), &section5(&previous));
    let reports = run(&broken);
    assert!(
        pair_findings(&reports[0]).is_empty(),
        "last year's report gets none"
    );
    let mut found: Vec<_> = pair_findings(&reports[1])
        .iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect();
    found.sort();
    use nianbao::Severity::{Error, Warning};
    assert_eq!(
        found,
        [
            ("t2-in-force-continuity", Warning),
            ("t3-carryover-mismatch", Error),
            ("text-reuse", Warning)
        ]
    );
    let reuse = reports[1]
        .findings
        .iter()
        .find(|f| f.rule == "text-reuse")
        .unwrap();
    assert!(
        reuse.message.contains("“五、存在的主要问题及改进情况”100%"),
        "{}",
        reuse.message
    );
    assert!(
        reuse.message.contains("2021年报告.txt"),
        "{}",
        reuse.message
    );
    let carry = reports[1]
        .findings
        .iter()
        .find(|f| f.rule == "t3-carryover-mismatch")
        .unwrap();
    assert_eq!(carry.cells, ["t3.carried.legal", "t3.carried.total"]);
    assert!(
        carry.message.contains("法律服务机构本年填3、上年为2"),
        "{}",
        carry.message
    );
}

/// More 规章 repealed than last year had in force plus this year's: no count can be
/// right, so the finding names no expected value (it once said 应为-398).
#[test]
fn more_repealed_than_there_were_names_no_negative_count() {
    let previous = example("2021-previous.txt");
    let this = example("2021.txt").replace("规章\t5\t0\t321", "规章\t5\t400\t321");
    let mut batch = vec![
        nianbao::check_text(&previous, "2021年报告.txt"),
        nianbao::check_text(&this, "2022年报告.txt"),
    ];
    nianbao::series::check_series(&mut batch, &[&previous, &this]);
    let f = batch[1]
        .findings
        .iter()
        .find(|f| f.rule == "t2-in-force-continuity")
        .expect("the finding");
    assert!(f.message.contains("本年废止400件，多于"), "{}", f.message);
    assert!(!f.message.contains("应为-"), "{}", f.message);
    assert_eq!(f.expected, None);
    assert_eq!(f.cells, ["t2.rules.repealed", "t2.rules.in_force"]);
}
