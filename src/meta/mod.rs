//! Stage 4 of the pipeline: facts about the report — title, agency, its kind, the
//! report year from each place it is stated, the signature date and the template.

use crate::model::{AgencyKind, SectionNo};
use crate::normalize::{compact, is_ideograph, Doc};
use crate::sections::Sections;
use crate::template::{self, Cues, Template};

/// A date as written in the signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Which template the tables follow.
#[derive(Debug, Clone, Copy)]
pub enum TemplateGuess {
    /// A known template, recognised by its labels (`by_markers`) or by the year.
    Known {
        /// The template.
        template: &'static Template,
        /// Recognised by labels found in the text, not only by the year.
        by_markers: bool,
    },
    /// The free structure of reports under the 2008 条例.
    Pre2019,
    /// Nothing to go on.
    Unknown,
}

impl TemplateGuess {
    /// The template, if one is known.
    pub fn template(self) -> Option<&'static Template> {
        match self {
            TemplateGuess::Known { template, .. } => Some(template),
            _ => None,
        }
    }
}

/// Everything read about the report outside its tables.
#[derive(Debug, Clone)]
pub struct MetaInfo {
    /// The title (lines joined).
    pub title: Option<String>,
    /// 0-based line of the title.
    pub title_line: Option<usize>,
    /// The year in the title.
    pub title_year: Option<u16>,
    /// The year of the statistics period (`统计期限自Y年1月1日起至Y年12月31日止`).
    pub stats_year: Option<u16>,
    /// 0-based line of the statistics period.
    pub stats_line: Option<usize>,
    /// The year most often named in section 一 (and the preamble).
    pub body_year: Option<u16>,
    /// The report year Y: statistics period, else body, else title.
    pub year: Option<u16>,
    /// The publishing agency.
    pub agency: Option<String>,
    /// Its kind.
    pub agency_kind: Option<AgencyKind>,
    /// Signature date.
    pub published: Option<Date>,
    /// 0-based line of the signature date.
    pub published_line: Option<usize>,
    /// The template.
    pub template: TemplateGuess,
    /// Markers of more than one template were found (template-mixed).
    pub mixed_templates: Vec<&'static str>,
}

/// Years written as `2020年`, `2020 年`, `2020年度` or `二〇二〇年`, with their char offsets.
pub fn years_in(s: &str) -> Vec<(u16, usize)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        match year_at(&chars, i) {
            Some((y, after)) if chars.get(after) == Some(&'年') => {
                out.push((y, i));
                i = after;
            }
            _ => i += 1,
        }
    }
    out
}

/// A Chinese digit as written in dates: `〇` (or `○`, `零`) to `九`.
fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'Ｏ' => Some(0),
        _ => crate::normalize::chinese_numeral(c)
            .filter(|&n| n <= 9)
            .map(u32::from),
    }
}

/// A four-digit year starting at `i` — Arabic or Chinese digit by digit — not part of
/// a longer number, and the index after it (spaces skipped).
fn year_at(chars: &[char], i: usize) -> Option<(u16, usize)> {
    let digits = chars.get(i..i + 4)?;
    // Called at every char of the text: decide on the first char before the rest.
    let arabic = digits[0].is_ascii_digit() && digits.iter().all(|c| c.is_ascii_digit());
    let chinese =
        !arabic && cn_digit(digits[0]).is_some() && digits.iter().all(|&c| cn_digit(c).is_some());
    if !(arabic || chinese) {
        return None;
    }
    let digit = |c: char| if arabic { c.to_digit(10) } else { cn_digit(c) };
    let continues =
        |c: Option<&char>| c.is_some_and(|&c| digit(c).is_some() && (arabic == c.is_ascii_digit()));
    if (i > 0 && continues(chars.get(i - 1))) || continues(chars.get(i + 4)) {
        return None;
    }
    let y = digits
        .iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + digit(c)?))?;
    let mut j = i + 4;
    while chars.get(j) == Some(&' ') {
        j += 1;
    }
    (1990..=2100).contains(&y).then_some((y as u16, j))
}

/// A month or day at `i`: Arabic digits, or a Chinese numeral up to 三十一 (`十`,
/// `十二`, `二十六`); its value and the index after it.
fn small_number_at(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut n = 0;
    while j < chars.len() && j - i < 2 && chars[j].is_ascii_digit() {
        n = n * 10 + chars[j].to_digit(10)?;
        j += 1;
    }
    if j > i {
        return Some((n, j));
    }
    let digit = |k: usize| chars.get(k).and_then(|&c| cn_digit(c)).filter(|&d| d > 0);
    match (digit(i), chars.get(i) == Some(&'十')) {
        (_, true) => Some(digit(i + 1).map_or((10, i + 1), |d| (10 + d, i + 2))),
        (Some(tens), false) if chars.get(i + 1) == Some(&'十') => {
            Some(digit(i + 2).map_or((tens * 10, i + 2), |d| (tens * 10 + d, i + 3)))
        }
        (Some(d), false) => Some((d, i + 1)),
        _ => None,
    }
}

/// A whole date `YYYY年M月D日` (spaces allowed; Arabic or Chinese numerals) at the
/// start of `chars`, and its length.
fn date_at(chars: &[char]) -> Option<(Date, usize)> {
    let skip = |mut i: usize| {
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        i
    };
    let (year, i) = year_at(chars, skip(0))?;
    if chars.get(i) != Some(&'年') {
        return None;
    }
    let (month, i) = small_number_at(chars, skip(i + 1))?;
    let i = skip(i);
    if chars.get(i) != Some(&'月') {
        return None;
    }
    let (day, i) = small_number_at(chars, skip(i + 1))?;
    let i = skip(i);
    if chars.get(i) != Some(&'日') {
        return None;
    }
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((
        Date {
            year,
            month: month as u8,
            day: day as u8,
        },
        i + 1,
    ))
}

/// The kind of agency, from its name (spec §1, 条例 Art. 49).
pub fn agency_kind(name: &str) -> Option<AgencyKind> {
    let cues = template::cues();
    let n: String = compact(name);
    if n.is_empty() {
        return None;
    }
    let base = cues
        .government_suffixes
        .iter()
        .find_map(|s| n.strip_suffix(s.as_str()));
    if Cues::ends_with_any(&cues.street_offices, &n) || n.ends_with("办事处") && n.contains("街道")
    {
        return Some(AgencyKind::Township);
    }
    match base {
        Some(b) if Cues::ends_with_any(&cues.township_suffixes, b) => Some(AgencyKind::Township),
        Some(b) if Cues::ends_with_any(&cues.government_levels, b) => Some(AgencyKind::Government),
        Some(_) => None,
        // Without 人民政府, a name ending in 镇 or 乡 is a township (苏木 alone is not).
        None if n.ends_with('镇') || n.ends_with('乡') => Some(AgencyKind::Township),
        None if Cues::ends_with_any(&cues.department_suffixes, &n) => Some(AgencyKind::Department),
        None => None,
    }
}

fn clean_title_line(l: &str) -> String {
    let t = l
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*' || c == ' ')
        .replace("**", "");
    // A crawler's header line: `标题: …`.
    let t = t.trim();
    let t = template::cues()
        .title_prefixes
        .iter()
        .find_map(|p| t.strip_prefix(p.as_str()))
        .unwrap_or(t);
    t.trim().to_owned()
}

/// Reads the report's meta facts.
pub fn read(doc: &Doc, sections: &Sections) -> MetaInfo {
    let first_heading = sections
        .headings
        .iter()
        .flatten()
        .map(|h| h.line)
        .min()
        .unwrap_or(doc.len().min(8));
    // Title: the first line before section 一 that names the report (joined with the
    // next line when the title wraps). A browser's select-all puts the site's
    // navigation first, so it is not always the first line.
    let mut title: Option<String> = None;
    let mut title_line = None;
    let lines: Vec<usize> = (0..first_heading.min(doc.len()))
        .filter(|&i| !doc.folded[i].trim().is_empty())
        .take(40)
        .collect();
    // A title names its year; a breadcrumb (首页 > 政务公开 > 年报) does not, and is
    // passed over. Without a year anywhere, the first line naming a report is taken.
    let cues = template::cues();
    let breadcrumb = |i: usize| Cues::any_in(&cues.breadcrumbs, &doc.folded[i]);
    let with_year = |i: usize, j: Option<&usize>| {
        !years_in(&doc.folded[i]).is_empty()
            || j.is_some_and(|&j| !years_in(&doc.folded[j]).is_empty())
    };
    let any_year = lines
        .iter()
        .enumerate()
        .any(|(n, &i)| !breadcrumb(i) && with_year(i, lines.get(n + 1)));
    for (n, &i) in lines.iter().enumerate() {
        if breadcrumb(i) || (any_year && !with_year(i, lines.get(n + 1))) {
            continue;
        }
        let t = clean_title_line(&doc.orig[i]);
        let joined = lines
            .get(n + 1)
            .map(|&j| format!("{t}{}", clean_title_line(&doc.orig[j])));
        let names_report = |t: &str| {
            Cues::any_in(&cues.report_words, t) && t.chars().count() <= 80 && !t.contains('。')
        };
        let candidate = if names_report(&t) {
            Some(t)
        } else {
            joined.filter(|j| {
                names_report(j)
                    && t.chars().count() < 40
                    && (t.contains('年') || t.contains("政府"))
            })
        };
        if let Some(t) = candidate.filter(|t| Cues::any_in(&cues.title_topics, t)) {
            title = Some(t);
            title_line = Some(i);
            break;
        }
    }

    let folded_title = title.as_deref().map(crate::normalize::fold);
    let title_year = folded_title
        .as_deref()
        .and_then(|t| years_in(t).first().map(|y| y.0));
    // Agency from the title: what stands before the year.
    // Agency from the title: what stands before the year, or after it when the title
    // starts with the year (`2019年上海市人民政府办公厅政府信息公开工作年度报告`).
    let mut agency = folded_title.as_deref().and_then(|t| {
        let (_, pos) = *years_in(t).first()?;
        let before: String = t.chars().take(pos).collect();
        let before = before.trim().trim_end_matches(['关', '于']).trim();
        if before.chars().filter(|&c| is_ideograph(c)).count() >= 2 {
            return Some(before.to_owned());
        }
        let after: String = t
            .chars()
            .skip(pos)
            .skip_while(|c| *c != '年')
            .skip(1)
            .collect();
        let after = after.trim_start_matches('度');
        let end = cues
            .agency_ends
            .iter()
            .find_map(|w| after.find(w.as_str()))?;
        let name = after[..end].trim();
        (name.chars().filter(|&c| is_ideograph(c)).count() >= 2 && agency_kind(name).is_some())
            .then(|| name.to_owned())
    });

    // Statistics period.
    let mut stats_year = None;
    let mut stats_line = None;
    for (i, l) in doc.folded.iter().enumerate() {
        let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if !Cues::any_in(&cues.period_ends, &c) {
            continue;
        }
        let anchor = cues.period_anchors.iter().find_map(|w| c.find(w.as_str()));
        let Some(a) = anchor else { continue };
        // Up to 12 chars before the anchor (the year precedes 1月1日) and 40 after.
        let a_chars = c[..a].chars().count();
        let window: String = c
            .chars()
            .skip(a_chars.saturating_sub(12))
            .take(52)
            .collect();
        if let Some(&(y, _)) = years_in(&window).first() {
            stats_year = Some(y);
            stats_line = Some(i);
            break;
        }
    }

    // Years named in the preamble and section 一.
    let body_end = sections
        .line(SectionNo::PROACTIVE)
        .or(sections.line(SectionNo::REQUESTS))
        .unwrap_or(doc.len().min(first_heading + 40));
    let body_start = title_line.map(|l| l + 1).unwrap_or(0);
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for l in &doc.folded[body_start.min(body_end)..body_end.min(doc.len())] {
        for (y, _) in years_in(l) {
            match counts.iter_mut().find(|(cy, _)| *cy == y) {
                Some(c) => c.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    // The year named most often, when no other is named as often.
    let most = counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let body_year = most
        .filter(|(y, n)| counts.iter().all(|(other, m)| other == y || m < n))
        .map(|(y, _)| *y);

    // Signature: a date ending one of the last lines, the agency before it on the same
    // line or on the line above.
    let mut published = None;
    let mut published_line = None;
    let tail: Vec<usize> = (0..doc.len())
        .rev()
        .filter(|&i| !doc.folded[i].trim().is_empty())
        .take(10)
        .collect();
    'lines: for &i in &tail {
        let chars: Vec<char> = doc.folded[i].trim().chars().filter(|c| *c != '*').collect();
        for start in 0..chars.len() {
            let Some((d, len)) = date_at(&chars[start..]) else {
                continue;
            };
            if !chars[start + len..]
                .iter()
                .all(|c| c.is_whitespace() || *c == '。')
            {
                continue;
            }
            let before: String = chars[..start].iter().collect::<String>().trim().to_owned();
            // A signature glued to the end of the text (a report on one line): the
            // agency is what follows the last sentence.
            let before = match before.rfind(['。', '；', ';', '！', '!']) {
                Some(i) if before.chars().count() > 30 => before[i..]
                    .chars()
                    .skip(1)
                    .collect::<String>()
                    .trim()
                    .to_owned(),
                _ => before,
            };
            if before.chars().count() > 30 {
                continue;
            }
            published = Some(d);
            published_line = Some(i);
            if agency.is_none() {
                let above = (0..i)
                    .rev()
                    .find(|&k| !doc.folded[k].trim().is_empty())
                    .map(|k| doc.folded[k].trim().to_owned());
                agency = [Some(before), above]
                    .into_iter()
                    .flatten()
                    .find(|a| a.chars().count() <= 30 && agency_kind(a).is_some());
            }
            break 'lines;
        }
    }
    let agency_kind = agency.as_deref().and_then(agency_kind);
    let year = stats_year.or(body_year).or(title_year);

    let (template, mixed_templates) = detect_template(doc, sections, year);
    MetaInfo {
        title,
        title_line,
        title_year,
        stats_year,
        stats_line,
        body_year,
        year,
        agency,
        agency_kind,
        published,
        published_line,
        template,
        mixed_templates,
    }
}

/// Recognises the template by its tell-tale labels in sections 二 and 三 (or the whole
/// text when those are not found), else by the year.
fn detect_template(
    doc: &Doc,
    sections: &Sections,
    year: Option<u16>,
) -> (TemplateGuess, Vec<&'static str>) {
    let range = match (
        sections.line(SectionNo::PROACTIVE),
        sections
            .line(SectionNo::APPEALS)
            .or(sections.line(SectionNo::PROBLEMS)),
    ) {
        (Some(a), Some(b)) if b > a => a..b,
        _ => 0..doc.len(),
    };
    let text: String = doc.folded[range].iter().map(|l| compact(l)).collect();
    let mut scores: Vec<(&'static Template, usize)> = template::all()
        .iter()
        .map(|t| {
            (
                t,
                t.markers
                    .iter()
                    .filter(|m| text.contains(&compact(m)))
                    .count(),
            )
        })
        .collect();
    let mixed: Vec<&'static str> = scores
        .iter()
        .filter(|(_, s)| *s >= 2)
        .map(|(t, _)| t.id.as_str())
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let mixed = if mixed.len() > 1 { mixed } else { Vec::new() };
    if let Some((t, s)) = scores.first() {
        if *s >= 2 || (*s == 1 && scores.get(1).is_none_or(|x| x.1 == 0)) {
            return (
                TemplateGuess::Known {
                    template: t,
                    by_markers: true,
                },
                mixed,
            );
        }
    }
    let whole: String = doc.folded.iter().map(|l| compact(l)).collect();
    let pre2019_headings = template::cues()
        .pre2019_headings
        .iter()
        .filter(|h| whole.contains(h.as_str()))
        .count();
    if sections.found() < 3 && (pre2019_headings > 0 || year.is_some_and(|y| y < 2019)) {
        return (TemplateGuess::Pre2019, mixed);
    }
    match year.and_then(template::for_year) {
        Some(t) => (
            TemplateGuess::Known {
                template: t,
                by_markers: false,
            },
            mixed,
        ),
        None if year.is_some_and(|y| y < 2019) => (TemplateGuess::Pre2019, mixed),
        None => (TemplateGuess::Unknown, mixed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(years_in("2020年政府信息公开"), vec![(2020, 0)]);
        assert_eq!(years_in("清河镇 2021 年度"), vec![(2021, 4)]);
        assert!(years_in("12020年").is_empty());
        assert_eq!(years_in("二〇二〇年度政府信息公开"), vec![(2020, 0)]);
        assert_eq!(years_in("二○二一年"), vec![(2021, 0)]);
        assert!(years_in("一二三四五年").is_empty());
    }

    #[test]
    fn dates() {
        let c: Vec<char> = "2025 年 1 月 6 日".chars().collect();
        assert_eq!(date_at(&c).unwrap().0.iso(), "2025-01-06");
        let c: Vec<char> = "2021年1月26日".chars().collect();
        assert_eq!(
            date_at(&c).unwrap().0,
            Date {
                year: 2021,
                month: 1,
                day: 26
            }
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(agency_kind("烟店镇人民政府"), Some(AgencyKind::Township));
        assert_eq!(
            agency_kind("丰乐市东湖街道办事处"),
            Some(AgencyKind::Township)
        );
        assert_eq!(agency_kind("宁远县人民政府"), Some(AgencyKind::Government));
        assert_eq!(agency_kind("镇江市人民政府"), Some(AgencyKind::Government));
        assert_eq!(
            agency_kind("临河县自然资源局"),
            Some(AgencyKind::Department)
        );
        assert_eq!(agency_kind("莱州市金城镇"), Some(AgencyKind::Township));
        assert_eq!(agency_kind("无"), None);
    }
}
