//! The words a table is printed with.
//!
//! Text inside a table region is either a label or header of the template, or
//! something else (a value written in words, a note). Knowing the template's words
//! tells them apart — also when a dump has chopped a label into pieces and pushed the
//! pieces into the value cells (`0管理`, `理�`, `��计其他情形）`).

use crate::normalize::compact;
use crate::template::Template;

/// Compact keys of every label, group, column, caption and header of the templates,
/// plus the header phrases of `cues` in `templates.json`.
#[derive(Debug, Clone)]
pub struct Vocab {
    /// Every entry, one per line: one substring search answers "is it in any entry?",
    /// since a compact key holds no line break and so cannot straddle two entries.
    joined: String,
}

impl Vocab {
    /// The vocabulary of the given templates.
    pub fn new<'a>(templates: impl IntoIterator<Item = &'a Template>) -> Vocab {
        let mut entries: Vec<String> = crate::template::cues()
            .table_phrases
            .iter()
            .map(|p| compact(p))
            .collect();
        for t in templates {
            for sub in &t.t2 {
                entries.push(compact(&sub.caption));
                entries.push(compact(&sub.label_header));
                entries.extend(sub.columns.iter().map(|c| compact(&c.label)));
                entries.extend(sub.rows.iter().map(|r| compact(&r.label)));
            }
            entries.push(compact(&t.t3.heading));
            entries.push(compact(&t.t3.note));
            for c in t.t3.columns.iter().chain(&t.t4.groups) {
                entries.push(compact(&c.label));
                entries.extend(c.group.as_deref().map(compact));
            }
            for r in &t.t3.rows {
                entries.push(compact(&r.label));
                if let Some(g) = &r.group {
                    entries.push(compact(g));
                }
            }
            entries.extend(t.t4.columns.iter().map(|c| compact(&c.label)));
        }
        entries.sort();
        entries.dedup();
        Vocab {
            joined: entries.join("\n"),
        }
    }

    /// Is `text` a piece of some label or header, or mere punctuation? Text that is
    /// not (`若干`, `见附件`) is content.
    pub fn is_labelish(&self, text: &str) -> bool {
        let c = compact(text);
        if c.is_empty() {
            return !text.chars().any(|ch| ch.is_ascii_alphanumeric());
        }
        self.joined.contains(&c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_content() {
        let v = Vocab::new(crate::template::all());
        assert!(v.is_labelish("管理"));
        assert!(v.is_labelish("��计其他情形）"));
        assert!(v.is_labelish("�，"));
        assert!(v.is_labelish("维"));
        assert!(!v.is_labelish("若干"));
        assert!(!v.is_labelish("abc"));
    }
}
