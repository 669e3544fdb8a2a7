//! Line numbers as a report gives them: 1-based, like an editor's.
//!
//! The pipeline indexes its lines from 0; a report speaks of lines from 1. [`LineNo`]
//! is the one place where the two meet, so no rule adds `+ 1` by hand (the way ruff's
//! `OneIndexed` keeps rows and columns apart).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::num::NonZeroUsize;

/// A 1-based line number of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineNo(NonZeroUsize);

impl LineNo {
    /// The first line.
    pub const FIRST: LineNo = LineNo(NonZeroUsize::MIN);

    /// The line at 0-based `index`.
    pub fn from_index(index: usize) -> LineNo {
        LineNo(NonZeroUsize::MIN.saturating_add(index))
    }

    /// Line `number` (1-based); `None` for 0.
    pub fn new(number: usize) -> Option<LineNo> {
        NonZeroUsize::new(number).map(LineNo)
    }

    /// The 1-based number.
    pub fn get(self) -> usize {
        self.0.get()
    }

    /// The 0-based index.
    pub fn index(self) -> usize {
        self.0.get() - 1
    }
}

impl std::fmt::Display for LineNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for LineNo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0.get() as u64)
    }
}

impl<'de> Deserialize<'de> for LineNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = usize::deserialize(d)?;
        LineNo::new(n).ok_or_else(|| serde::de::Error::custom("line numbers start at 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_number_differ_by_one() {
        let l = LineNo::from_index(0);
        assert_eq!((l, l.get(), l.index()), (LineNo::FIRST, 1, 0));
        assert_eq!(LineNo::new(114).unwrap().index(), 113);
        assert_eq!(LineNo::new(0), None);
        assert_eq!(
            serde_json::to_string(&LineNo::from_index(22)).unwrap(),
            "23"
        );
        assert!(serde_json::from_str::<LineNo>("0").is_err());
    }
}
