//! Which template a report follows, as a type rather than a string compared by hand.

use crate::template::{self, Template};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The template a report's tables follow, as the output contract names it (`2019`,
/// `2021`, `pre2019`, `unknown`). The known ones are the template data's, so a new
/// format is a change to `templates.json`, not to this type.
#[derive(Clone, Copy, PartialEq)]
pub enum TemplateId {
    /// One of the template data's formats (`2019`, `2021`).
    Known(&'static Template),
    /// A report in the structure used before the 2019 format (`pre2019`): its tables
    /// are not the statutory ones, and are not checked.
    Pre2019,
    /// No format recognised (`unknown`).
    Unknown,
}

impl TemplateId {
    /// The id the output contract writes.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::Known(t) => t.id.as_str(),
            TemplateId::Pre2019 => "pre2019",
            TemplateId::Unknown => "unknown",
        }
    }

    /// The id read back (`None` for an id no template has).
    pub fn from_id(id: &str) -> Option<TemplateId> {
        match id {
            "pre2019" => Some(TemplateId::Pre2019),
            "unknown" => Some(TemplateId::Unknown),
            _ => template::by_id(id).map(TemplateId::Known),
        }
    }

    /// The template whose tables and identities apply, when one was recognised.
    pub fn template(self) -> Option<&'static Template> {
        match self {
            TemplateId::Known(t) => Some(t),
            TemplateId::Pre2019 | TemplateId::Unknown => None,
        }
    }
}

impl std::fmt::Debug for TemplateId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TemplateId({})", self.as_str())
    }
}

impl std::fmt::Display for TemplateId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An id compares with the contract's text (`template == "2021"`).
impl PartialEq<&str> for TemplateId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for TemplateId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TemplateId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        TemplateId::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown template id {id:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_as_they_were_written() {
        for id in ["2019", "2021", "pre2019", "unknown"] {
            let t = TemplateId::from_id(id).unwrap();
            assert_eq!(t.as_str(), id);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{id}\""));
            assert_eq!(serde_json::from_str::<TemplateId>(&json).unwrap(), t);
        }
        assert!(TemplateId::from_id("2018").is_none());
        assert!(serde_json::from_str::<TemplateId>("\"2018\"").is_err());
    }

    #[test]
    fn only_a_known_format_has_tables() {
        let t = TemplateId::from_id("2021").unwrap();
        assert_eq!(t.template().map(|t| t.first_year), Some(2021));
        assert!(TemplateId::Pre2019.template().is_none());
    }
}
