//! What the tables need to know about the findings: the worst severity on each cell
//! and the findings' messages on it (the page's tooltips, the Excel export's notes).

use crate::model::{Report, RuleId, Severity};
use std::collections::HashMap;

/// Per cell key, the worst severity among the findings that name it, and their
/// messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellMarks {
    worst: HashMap<String, Severity>,
    messages: HashMap<String, Vec<(Severity, String)>>,
    /// Cells whose numbers are in the input but could not be placed (the checker's
    /// limit, not a gap in the report).
    unplaced: std::collections::HashSet<String>,
}

impl CellMarks {
    /// Marks for `report`.
    pub fn of(report: &Report) -> CellMarks {
        let mut m = CellMarks::default();
        for f in &report.findings {
            let unplaced = matches!(f.rule, RuleId::TableUnreadable | RuleId::DigitsCannotAddUp);
            for key in &f.cells {
                if unplaced {
                    m.unplaced.insert(key.clone());
                }
                let e = m.worst.entry(key.clone()).or_insert(f.severity);
                *e = (*e).min(f.severity);
                m.messages
                    .entry(key.clone())
                    .or_default()
                    .push((f.severity, f.message.clone()));
            }
        }
        m
    }

    /// The worst severity on `key`.
    pub fn worst(&self, key: &str) -> Option<Severity> {
        self.worst.get(key).copied()
    }

    /// Are `key`'s numbers in the input, but not placed with certainty?
    pub fn unplaced(&self, key: &str) -> bool {
        self.unplaced.contains(key)
    }

    /// The findings on `key`, in the report's order: each one's severity and message.
    pub fn messages(&self, key: &str) -> &[(Severity, String)] {
        self.messages.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
}
