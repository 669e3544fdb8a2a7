//! The rules' ids: one list, in the order the rules run, from which the [`RuleId`] enum
//! is made here (at the bottom, with the findings that carry it) and the rule modules and
//! registries are declared in [`crate::rules`], as ruff's `codes.rs` does. A rule is
//! added by a line here and a file there.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Calls `$then!` with every rule: `module Variant "id"`, those of one report
/// (`single`) and those over two years (`pair`), each in the order they run.
macro_rules! rule_list {
    ($then:ident) => {
        $then! {
            single {
            input_truncated InputTruncated "input-truncated",
            input_damaged InputDamaged "input-damaged",
            section_missing SectionMissing "section-missing",
            section_title_missing SectionTitleMissing "section-title-missing",
            section_order SectionOrder "section-order",
            template_outdated TemplateOutdated "template-outdated",
            template_mixed TemplateMixed "template-mixed",
            year_mismatch YearMismatch "year-mismatch",
            late_publication LatePublication "late-publication",
            table_missing TableMissing "table-missing",
            table_incomplete TableIncomplete "table-incomplete",
            t2_row_omitted T2RowOmitted "t2-row-omitted",
            table_unreadable TableUnreadable "table-unreadable",
            table_header_misaligned TableHeaderMisaligned "table-header-misaligned",
            digits_cannot_add_up DigitsCannotAddUp "digits-cannot-add-up",
            cell_not_number CellNotNumber "cell-not-number",
            cell_negative CellNegative "cell-negative",
            t3_row_total T3RowTotal "t3-row-total",
            t3_outcome_total T3OutcomeTotal "t3-outcome-total",
            t3_balance T3Balance "t3-balance",
            t4_group_total T4GroupTotal "t4-group-total",
            t2_in_force T2InForce "t2-in-force",
            t2_published_exceeds_total T2PublishedExceedsTotal "t2-published-exceeds-total",
            unit_missing UnitMissing "unit-missing",
            text_table_mismatch TextTableMismatch "text-table-mismatch",
            cell_blank CellBlank "cell-blank",
            scan_unconfirmed ScanUnconfirmed "scan-unconfirmed",
            overview_incomplete OverviewIncomplete "overview-incomplete",
            problems_without_measures ProblemsWithoutMeasures "problems-without-measures",
            fee_not_reported FeeNotReported "fee-not-reported",
            digits_split DigitsSplit "digits-split",
            }
            pair {
            t3_carryover_mismatch T3CarryoverMismatch "t3-carryover-mismatch",
            t2_in_force_continuity T2InForceContinuity "t2-in-force-continuity",
            text_reuse TextReuse "text-reuse",
            }
        }
    };
}
pub(crate) use rule_list;

macro_rules! rule_id_enum {
    (
        single { $($module:ident $variant:ident $id:literal,)* }
        pair { $($pair_module:ident $pair_variant:ident $pair_id:literal,)* }
    ) => {
        /// A rule's id: part of the output contract, written as its kebab-case string
        /// (`t3-balance`) in the JSON and everywhere a user sees it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                $variant,
            )*
            $(
                #[doc = concat!("`", $pair_id, "` (over two years)")]
                $pair_variant,
            )*
        }

        impl RuleId {
            /// Every rule, those of one report first, each in the order they run.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)* $(RuleId::$pair_variant,)*];

            /// Its id as the contract writes it (`t3-balance`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                    $(RuleId::$pair_variant => $pair_id,)*
                }
            }
        }
    };
}
rule_list!(rule_id_enum);

impl RuleId {
    /// The rule whose id is `id`, if one is.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str() == id)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    /// An id no rule has is an error.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
        let id = String::deserialize(d)?;
        RuleId::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown rule `{id}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_reads_back_as_its_rule() {
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.as_str()), Some(rule));
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{rule}\""));
            assert_eq!(serde_json::from_str::<RuleId>(&json).unwrap(), rule);
        }
        assert_eq!(RuleId::T3Balance.as_str(), "t3-balance");
        assert_eq!(RuleId::from_id("t3-balanced"), None);
        assert!(serde_json::from_str::<RuleId>("\"no-such-rule\"").is_err());
    }
}
