//! A [`Report`] across a worker boundary.
//!
//! The page checks in a Web Worker, so that no file can freeze the tab, and gets the
//! report back as JSON. The JSON contract leaves out what only the page needs, each
//! cell's [`CellState`]; the transfer carries the states beside the report, in cell
//! order, and puts them back.

use crate::model::{CellState, Report};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Outgoing<'a> {
    report: &'a Report,
    states: Vec<CellState>,
}

#[derive(Deserialize)]
struct Incoming {
    report: Report,
    states: Vec<CellState>,
}

/// The report and its cells' states as one JSON string.
pub fn encode(report: &Report) -> String {
    let states = report.cells.iter().map(|(_, cell)| cell.state).collect();
    serde_json::to_string(&Outgoing { report, states }).expect("a Report always serialises")
}

/// The report [`encode`] wrote, states included.
pub fn decode(json: &str) -> Result<Report, String> {
    let Incoming { mut report, states } =
        serde_json::from_str(json).map_err(|e| format!("检查结果无法读取：{e}"))?;
    if states.len() != report.cells.len() {
        return Err("检查结果无法读取：单元格状态与单元格数目不符".into());
    }
    for (cell, state) in report.cells.values_mut().zip(states) {
        cell.state = state;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_comes_back_equal() {
        let text = include_str!("../../tests/fixtures/corpus/001_e5a8dc90a2ee1929.txt");
        let report = crate::check_text(text, "001.txt");
        assert!(
            report
                .cells
                .iter()
                .any(|(_, c)| c.state == CellState::NotApplicable)
                || report
                    .cells
                    .iter()
                    .any(|(_, c)| c.state == CellState::Number)
        );
        let back = decode(&encode(&report)).unwrap();
        assert_eq!(back, report);
        assert_eq!(back.to_json(), report.to_json());
    }

    #[test]
    fn an_unknown_rule_is_refused() {
        let report = crate::check_text("", "-");
        let json = encode(&report).replace("\"findings\":[", "\"findings\":[{\"rule\":\"no-such-rule\",\"severity\":\"error\",\"message\":\"\",\"cells\":[],\"line\":null},");
        assert!(decode(&json).unwrap_err().contains("no-such-rule"));
    }
}
