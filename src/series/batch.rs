//! A reviewer's batch that keeps only what its summary needs: a row per report and
//! what the report is paired by. Year over year, the reports of each pair are asked
//! for again (the command line reads them again from disk), so that a batch of
//! thousands of reports holds thousands of rows, not thousands of reports and texts.

use super::{add_findings, compare_pair, pair_key, pairs_by_key, prose};
use crate::decode::archive::{too_many_reports, MAX_REPORTS};
use crate::model::{Finding, Report};
use crate::report::summary::SummaryRow;

/// The batch so far: a row per file, in order.
#[derive(Debug, Default)]
pub struct Batch {
    rows: Vec<SummaryRow>,
    keys: Vec<Option<(String, u16)>>,
}

/// A report asked for again, with the text it was checked from.
pub type Reread = Option<(Report, String)>;

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Adds `file`'s row: its report as checked alone, or why it could not be read.
    /// Returns its index.
    pub fn push(&mut self, file: &str, checked: Result<&Report, &str>) -> usize {
        let (row, key) = match checked {
            Ok(report) => (SummaryRow::of(file, report), pair_key(report)),
            Err(why) => (SummaryRow::unreadable(file, why), None),
        };
        self.rows.push(row);
        self.keys.push(key);
        self.rows.len() - 1
    }

    /// Compares every pair of the batch ([`super::pairs`]), asking `reread(i)` for the
    /// report of row `i` and its text (`None`: it can no longer be read, and the pair is
    /// left); the rows of this year's reports count the findings over two years.
    /// Returns those findings by row, for writers that show the reports themselves.
    pub fn compare_years(
        &mut self,
        mut reread: impl FnMut(usize) -> Reread,
    ) -> Vec<Option<Vec<Finding>>> {
        let mut found = vec![None; self.rows.len()];
        for (this, last) in pairs_by_key(&self.keys) {
            let (Some((mut this_report, this_text)), Some((last_report, last_text))) =
                (reread(this), reread(last))
            else {
                continue;
            };
            let pair = compare_pair(
                &this_report,
                &last_report,
                &prose(&this_text),
                &prose(&last_text),
            );
            if pair.is_empty() {
                continue;
            }
            add_findings(&mut this_report, pair.clone());
            self.rows[this] = SummaryRow::of(&self.rows[this].file, &this_report);
            found[this] = Some(pair);
        }
        found
    }

    /// The rows, in the order the files were pushed.
    pub fn rows(&self) -> &[SummaryRow] {
        &self.rows
    }

    /// Which rows are of reports that could be read.
    pub fn readable(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.unreadable.is_none())
            .map(|(i, _)| i)
    }
}

/// Something a batch was given or found in a folder: a file to read (`why_not` is
/// `None`), or a row saying why something was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file's (or folder's) path.
    pub path: String,
    /// Why it is not read, in Chinese.
    pub why_not: Option<String>,
}

/// Caps what was found in `folder` at [`MAX_REPORTS`] files to read, as an archive is
/// capped: the files past it are left out, and one row named `folder/……` says how many.
/// Rows saying why something was not read are all kept.
pub fn cap_folder(found: &mut Vec<Found>, folder: &str) {
    let to_read = found.iter().filter(|f| f.why_not.is_none()).count();
    if to_read <= MAX_REPORTS {
        return;
    }
    let mut kept = 0;
    found.retain(|f| {
        kept += usize::from(f.why_not.is_none());
        f.why_not.is_some() || kept <= MAX_REPORTS
    });
    found.push(Found {
        path: format!("{folder}/……"),
        why_not: Some(too_many_reports(to_read - MAX_REPORTS)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_past_the_cap_keeps_the_first_files_and_says_how_many_were_left() {
        let file = |i: usize| Found {
            path: format!("报告/{i:05}.txt"),
            why_not: None,
        };
        let broken = Found {
            path: "报告/子目录".to_owned(),
            why_not: Some("无法读取文件夹：没有读取权限".to_owned()),
        };
        let mut found: Vec<Found> = (0..MAX_REPORTS + 7).map(file).collect();
        found.insert(3, broken.clone());
        cap_folder(&mut found, "报告");
        assert_eq!(found.len(), MAX_REPORTS + 2);
        assert_eq!(found[3], broken, "a row saying why is kept");
        assert_eq!(
            found[MAX_REPORTS],
            file(MAX_REPORTS - 1),
            "the first 5,000 to read"
        );
        let last = found.last().unwrap();
        assert_eq!(last.path, "报告/……");
        assert!(last.why_not.as_deref().unwrap().contains("其余 7 份未读取"));

        let mut few: Vec<Found> = (0..MAX_REPORTS).map(file).collect();
        cap_folder(&mut few, "报告");
        assert_eq!(few.len(), MAX_REPORTS, "at the cap, nothing is left out");
    }

    fn example(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap()
    }

    /// The batch that keeps rows gives the rows of the batch that keeps everything
    /// (series::check_series), asking only for the paired reports again.
    #[test]
    fn rows_equal_those_of_the_whole_batch_and_only_pairs_are_reread() {
        let previous = example("2021-previous.txt");
        let broken = example("2021.txt").replace("规章\t5\t0\t321", "规章\t5\t0\t320");
        let other = std::fs::read_to_string(format!(
            "{}/tests/fixtures/corpus/003_12bbc16d07ceb1d3.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let files = [
            ("2021年报告.txt", previous),
            ("2022年报告.txt", broken),
            ("其他.txt", other),
        ];
        let check = |i: usize| crate::check_text(&files[i].1, files[i].0);
        let mut whole: Vec<Report> = (0..3).map(check).collect();
        let texts: Vec<&str> = files.iter().map(|f| f.1.as_str()).collect();
        super::super::check_series(&mut whole, &texts);
        let want: Vec<SummaryRow> = whole
            .iter()
            .zip(&files)
            .map(|(r, f)| SummaryRow::of(f.0, r))
            .collect();

        let mut batch = Batch::new();
        for (i, (name, _)) in files.iter().enumerate() {
            batch.push(name, Ok(&check(i)));
        }
        batch.push("坏.pdf", Err("PDF 文件已损坏"));
        let mut asked = Vec::new();
        let found = batch.compare_years(|i| {
            asked.push(i);
            Some((check(i), files[i].1.clone()))
        });
        asked.sort();
        assert_eq!(asked, [0, 1], "only the pair is read again");
        assert_eq!(&batch.rows()[..3], &want[..]);
        assert!(batch.rows()[1]
            .top_rules
            .iter()
            .any(|r| r.0 == "t2-in-force-continuity"));
        assert_eq!(found[1].as_ref().map(Vec::len), Some(1));
        assert_eq!(batch.readable().collect::<Vec<_>>(), [0, 1, 2]);
    }
}
