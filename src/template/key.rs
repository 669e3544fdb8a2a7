//! Typed cell keys: which table, which row, which column.
//!
//! A key's text is part of the output contract (`t3.denied.secret.natural`: table,
//! row — which may itself be dotted with its group — and column). [`CellKey`] is built
//! only from its parts, or parsed and checked from text, so no one writes a key by
//! hand; it borrows as `&str`, so a map keyed by it is still looked up with the
//! contract's text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// One of the three statutory tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 表二: 主动公开政府信息情况.
    T2,
    /// 表三: 收到和处理政府信息公开申请情况.
    T3,
    /// 表四: 政府信息公开行政复议、行政诉讼情况.
    T4,
}

impl TableId {
    /// All three, in the report's order.
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    /// `t2`, `t3` or `t4`: the key's first part.
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// `表二`, `表三` or `表四`.
    pub fn label_zh(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TableId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl FromStr for TableId {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<TableId, KeyError> {
        TableId::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| KeyError(format!("no table `{s}`")))
    }
}

/// A cell's canonical key. Equal, hashed and ordered as its text.
///
/// The text is shared: a key is cloned wherever a cell, a finding or a missing cell
/// names it (hundreds of times a report), and a clone is a count, not a copy.
#[derive(Debug, Clone)]
pub struct CellKey {
    text: std::sync::Arc<str>,
    table: TableId,
    /// Where the column starts in `text` (after the last dot).
    column_at: usize,
}

/// Why a text is not a cell key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a cell key: {}", self.0)
    }
}

impl std::error::Error for KeyError {}

impl CellKey {
    /// The key of `column` in `row` of `table` (table 4's rows are its groups).
    ///
    /// # Panics
    /// If `row` or `column` is empty or `column` has a dot: the template's keys never do.
    pub fn new(table: TableId, row: &str, column: &str) -> CellKey {
        assert!(
            !row.is_empty() && !column.is_empty() && !column.contains('.'),
            "bad cell key parts {row:?} {column:?}"
        );
        let text = format!("{table}.{row}.{column}");
        let column_at = text.len() - column.len();
        CellKey {
            text: text.into(),
            table,
            column_at,
        }
    }

    /// Its table.
    pub fn table(&self) -> TableId {
        self.table
    }

    /// Its row (`denied.secret`; table 4: the group, `review`).
    pub fn row(&self) -> &str {
        &self.text[3..self.column_at - 1]
    }

    /// Its column (`natural`).
    pub fn column(&self) -> &str {
        &self.text[self.column_at..]
    }

    /// The key as the contract writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for CellKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<CellKey, KeyError> {
        let bad = || KeyError(s.to_owned());
        let (table, rest) = s.split_once('.').ok_or_else(bad)?;
        let table: TableId = table.parse().map_err(|_| bad())?;
        let (row, column) = rest.rsplit_once('.').ok_or_else(bad)?;
        if row.split('.').any(str::is_empty) || column.is_empty() {
            return Err(bad());
        }
        Ok(CellKey::new(table, row, column))
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for CellKey {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for CellKey {}

impl Hash for CellKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state)
    }
}

impl PartialOrd for CellKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CellKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Borrow<str> for CellKey {
    fn borrow(&self) -> &str {
        &self.text
    }
}

/// A key reads as its text wherever text is wanted (`describe(&key)`, `starts_with`).
impl std::ops::Deref for CellKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for CellKey {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for CellKey {
    fn eq(&self, other: &str) -> bool {
        *self.text == *other
    }
}

impl PartialEq<&str> for CellKey {
    fn eq(&self, other: &&str) -> bool {
        *self.text == **other
    }
}

impl PartialEq<String> for CellKey {
    fn eq(&self, other: &String) -> bool {
        *self.text == **other
    }
}

impl From<CellKey> for String {
    fn from(key: CellKey) -> String {
        key.text.to_string()
    }
}

impl Serialize for CellKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for CellKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_the_contract_text() {
        let key = CellKey::new(TableId::T3, "denied.secret", "natural");
        assert_eq!(key.to_string(), "t3.denied.secret.natural");
        assert_eq!(
            (key.table(), key.row(), key.column()),
            (TableId::T3, "denied.secret", "natural")
        );
        assert_eq!("t3.denied.secret.natural".parse::<CellKey>().unwrap(), key);
        assert_eq!(
            serde_json::to_string(&key).unwrap(),
            r#""t3.denied.secret.natural""#
        );
        let back: CellKey = serde_json::from_str(r#""t4.review.total""#).unwrap();
        assert_eq!(
            (back.table(), back.row(), back.column()),
            (TableId::T4, "review", "total")
        );
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in [
            "",
            "t3",
            "t3.total",
            "t5.new.total",
            "t3..total",
            "t3.new.",
            "x.new.total",
        ] {
            assert!(bad.parse::<CellKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_map_keyed_by_cell_keys_is_looked_up_by_text() {
        let mut map = std::collections::HashMap::new();
        map.insert(CellKey::new(TableId::T2, "rules", "new_made"), 1);
        assert_eq!(map.get("t2.rules.new_made"), Some(&1));
    }
}
