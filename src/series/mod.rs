//! Reports of one agency for consecutive years, checked together (a reviewer's batch:
//! several files on the command line, a folder): this year's report is compared with
//! the year before's by the rules over two years ([`crate::rules::PairRule`]), and their
//! findings join this year's report.
//!
//! A pair is compared only when it is certain: both reports name their agency and
//! their year, the agencies are the same once written alike ([`agency_key`]), the years
//! follow each other, and no other report in the batch is of the same agency and year
//! (two reports for one year would leave it open which one to compare).

pub mod batch;

use crate::model::{Finding, Report, Summary};
use std::borrow::Borrow;
use std::collections::HashMap;

/// An agency's name written alike: spaces, punctuation and full-width forms folded,
/// letters in one case, and 人民政府 written 政府 (a title's 某某县人民政府 and a
/// signature's 某某县政府 are one agency). Digits and letters stay: 第1区人民政府 and
/// 第2区人民政府 are two agencies.
pub fn agency_key(agency: &str) -> String {
    agency
        .chars()
        .map(crate::normalize::fold_char)
        .filter(|&c| crate::normalize::is_ideograph(c) || c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect::<String>()
        .replace("人民政府", "政府")
}

/// What a report is paired by: its agency written alike ([`agency_key`]) and its year;
/// `None` when it does not name both.
pub fn pair_key(report: &Report) -> Option<(String, u16)> {
    let (agency, year) = (report.meta.agency.as_deref()?, report.meta.year?);
    let key = agency_key(agency);
    (!key.is_empty()).then_some((key, year))
}

/// The pairs of the batch: (this year's report, the year before's), as indices.
pub fn pairs<R: Borrow<Report>>(reports: &[R]) -> Vec<(usize, usize)> {
    let keys: Vec<_> = reports.iter().map(|r| pair_key(r.borrow())).collect();
    pairs_by_key(&keys)
}

/// [`pairs`] from the reports' [`pair_key`]s alone (a batch that does not keep its
/// reports).
pub fn pairs_by_key(keys: &[Option<(String, u16)>]) -> Vec<(usize, usize)> {
    let mut by_agency_year: HashMap<(String, u16), Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            by_agency_year.entry(key.clone()).or_default().push(i);
        }
    }
    // In the order of this year's reports (each is in one pair at most).
    keys.iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let mut key = key.clone()?;
            let this_year = by_agency_year.get(&key)?;
            key.1 = key.1.checked_sub(1)?;
            match (this_year.as_slice(), by_agency_year.get(&key)?.as_slice()) {
                ([this], [last]) if *this == i => Some((i, *last)),
                _ => None,
            }
        })
        .collect()
}

/// The findings of the rules over two years on every pair of the batch, each with the
/// index of this year's report they belong to (only reports with findings are named).
/// `texts[i]` is the text `reports[i]` was checked from.
pub fn pair_findings<R: Borrow<Report>>(
    reports: &[R],
    texts: &[&str],
) -> Vec<(usize, Vec<Finding>)> {
    assert_eq!(reports.len(), texts.len(), "a text for every report");
    // A report's prose, read once: a report of the middle year is in two pairs, and
    // most reports of a batch are in none.
    let mut proses: Vec<Option<Prose>> = vec![None; texts.len()];
    let mut out = Vec::new();
    for (this, last) in pairs(reports) {
        for i in [this, last] {
            if proses[i].is_none() {
                proses[i] = Some(prose(texts[i]));
            }
        }
        let found = compare_pair(
            reports[this].borrow(),
            reports[last].borrow(),
            proses[this].as_ref().expect("read above"),
            proses[last].as_ref().expect("read above"),
        );
        if !found.is_empty() {
            out.push((this, found));
        }
    }
    out
}

/// The findings of the rules over two years on one pair: `this` year's report and the
/// year before's (`last`), with the prose of the texts they were checked from
/// ([`prose`]). The page calls this for a pair whose reports changed, and keeps the
/// rest.
pub fn compare_pair(
    this: &Report,
    last: &Report,
    this_prose: &Prose,
    last_prose: &Prose,
) -> Vec<Finding> {
    let pair = crate::rules::Pair {
        this,
        last,
        this_prose,
        last_prose,
    };
    let mut found = Vec::new();
    for rule in crate::rules::pair_registry() {
        (rule.check)(&pair, &mut found);
    }
    found
}

/// The prose of a report's text that the rules over two years compare (its 一 and 五).
pub use crate::pipeline::prose;
/// The sentences of this year's 一 and 五 repeated word for word from last year's
/// report, where `text-reuse` counts them (for the page to highlight).
pub use crate::rules::{repeated_passages, Passage, Prose};

/// `report` with `found` added to its findings and its summary counted again.
pub fn add_findings(report: &mut Report, found: Vec<Finding>) {
    report.findings.extend(found);
    report.summary = Summary::of(&report.findings);
}

/// Runs the rules over two years on every pair of the batch ([`pair_findings`]); each
/// finding goes to this year's report. A batch of one report is unchanged.
pub fn check_series(reports: &mut [Report], texts: &[&str]) {
    for (this, found) in pair_findings(reports, texts) {
        add_findings(&mut reports[this], found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(agency: &str, year: u16) -> Report {
        let mut r = crate::check_text("", "x.txt");
        r.meta.agency = Some(agency.to_owned());
        r.meta.year = Some(year);
        r
    }

    #[test]
    fn agencies_written_differently_are_one() {
        assert_eq!(agency_key("桐柏县 人民政府"), agency_key("桐柏县政府"));
        assert_ne!(agency_key("桐柏县政府"), agency_key("桐柏县人民政府办公室"));
        // Digits and letters tell agencies apart; their widths and cases do not.
        assert_ne!(agency_key("第1区人民政府"), agency_key("第2区人民政府"));
        assert_eq!(agency_key("第１区 人民政府"), agency_key("第1区政府"));
        assert_eq!(agency_key("ＡＢ开发区管委会"), agency_key("ab开发区管委会"));
    }

    #[test]
    fn numbered_agencies_pair_each_with_its_own() {
        // 18 districts named by number over three years: each pairs with its own.
        let batch: Vec<Report> = (2021..2024)
            .flat_map(|y| (0..18).map(move |d| report(&format!("第{d}区人民政府"), y)))
            .collect();
        let found = pairs(&batch);
        assert_eq!(found.len(), 36);
        for (this, last) in found {
            assert_eq!(batch[this].meta.agency, batch[last].meta.agency);
            assert_eq!(batch[this].meta.year, batch[last].meta.year.map(|y| y + 1));
        }
    }

    #[test]
    fn only_certain_pairs_are_compared() {
        let batch = vec![
            report("甲县人民政府", 2022),
            report("甲县政府", 2023),
            report("乙县政府", 2021),
            report("乙县政府", 2023), // a year missing between: no pair
            report("丙镇", 2022),
            report("丙镇", 2023),
            report("丙镇", 2023), // two reports for 2023: which one is not certain
        ];
        assert_eq!(pairs(&batch), vec![(1, 0)]);
    }
}
