//! The six sections' numbers, as a type: a section is named by one of six values, never
//! by an integer that could be 0 or 7, and its numeral is written in one place.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One of the report's six sections (一 to 六), in the order both templates give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionNo(u8);

impl SectionNo {
    /// 一、总体情况.
    pub const OVERVIEW: SectionNo = SectionNo(1);
    /// 二、主动公开政府信息情况 (table 2).
    pub const PROACTIVE: SectionNo = SectionNo(2);
    /// 三、收到和处理政府信息公开申请情况 (table 3).
    pub const REQUESTS: SectionNo = SectionNo(3);
    /// 四、政府信息公开行政复议、行政诉讼情况 (table 4).
    pub const APPEALS: SectionNo = SectionNo(4);
    /// 五、存在的主要问题及改进情况.
    pub const PROBLEMS: SectionNo = SectionNo(5);
    /// 六、其他需要报告的事项.
    pub const OTHER: SectionNo = SectionNo(6);
    /// The six, in order.
    pub const ALL: [SectionNo; 6] = [
        SectionNo::OVERVIEW,
        SectionNo::PROACTIVE,
        SectionNo::REQUESTS,
        SectionNo::APPEALS,
        SectionNo::PROBLEMS,
        SectionNo::OTHER,
    ];

    /// Section `no` (1 to 6), or `None`.
    pub fn new(no: u8) -> Option<SectionNo> {
        (1..=6).contains(&no).then_some(SectionNo(no))
    }

    /// The number, 1 to 6.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The 0-based position among the six.
    pub fn index(self) -> usize {
        self.0 as usize - 1
    }

    /// The numeral the heading is numbered with (`三`).
    pub fn numeral(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self.index()]
    }
}

impl std::fmt::Display for SectionNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for SectionNo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for SectionNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let no = u8::deserialize(d)?;
        SectionNo::new(no)
            .ok_or_else(|| serde::de::Error::custom(format!("no section {no}: there are six")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_sections_and_no_other() {
        assert_eq!(SectionNo::ALL.map(SectionNo::get), [1, 2, 3, 4, 5, 6]);
        assert!(SectionNo::new(0).is_none() && SectionNo::new(7).is_none());
        assert_eq!(SectionNo::REQUESTS.numeral(), "三");
        assert_eq!(SectionNo::OTHER.index(), 5);
        assert_eq!(serde_json::to_string(&SectionNo::APPEALS).unwrap(), "4");
        assert_eq!(
            serde_json::from_str::<SectionNo>("5").unwrap(),
            SectionNo::PROBLEMS
        );
        assert!(serde_json::from_str::<SectionNo>("9").is_err());
    }
}
