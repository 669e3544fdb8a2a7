//! Reading one cell's text as a value (spec §4).

/// What a cell's text says.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number, with the unit written after it (`元`, `万元`, `件` …) if any.
    Number(f64, Option<&'static str>),
    /// `/`, `—`, `-`, `无`: not applicable, counted as 0.
    NotApplicable,
    /// Nothing but spaces, underscores or damaged characters.
    Blank,
    /// Something else.
    Text,
}

/// Units written after a number, longest first.
pub const UNITS: [&str; 11] = [
    "万元", "元", "件", "条", "个", "项", "次", "份", "宗", "起", "人",
];

/// Characters that carry nothing: padding and the replacement character left where a
/// dump cut a multi-byte character in half.
pub fn is_filler(c: char) -> bool {
    c.is_whitespace() || c == '_' || c == '\u{FFFD}'
}

/// Reads a folded cell text (see [`crate::normalize::fold`]).
pub fn parse(text: &str) -> Value {
    // Most cells hold no filler: read as they are, with no copy.
    let t: std::borrow::Cow<str> = if text.chars().any(is_filler) {
        text.chars()
            .filter(|&c| !is_filler(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let t = t.as_ref();
    if t.is_empty() {
        return Value::Blank;
    }
    if matches!(
        t,
        "/" | "-" | "--" | "—" | "——" | "无" | "－" | "\\" | "N/A" | "n/a"
    ) {
        return Value::NotApplicable;
    }
    let (sign, body) = if let Some(rest) = t
        .strip_prefix("增加")
        .or_else(|| t.strip_prefix("新增"))
        .or_else(|| t.strip_prefix("增"))
    {
        (1.0, rest)
    } else if let Some(rest) = t.strip_prefix("减少").or_else(|| t.strip_prefix("减")) {
        (-1.0, rest)
    } else if let Some(rest) = t.strip_prefix('+') {
        (1.0, rest)
    } else if let Some(rest) = t.strip_prefix('-') {
        (-1.0, rest)
    } else {
        (1.0, t)
    };
    let (number, unit) = split_unit(body);
    match parse_number(number) {
        Some(n) => Value::Number(sign * n, unit),
        None => Value::Text,
    }
}

/// Splits a known unit off the end of `s`.
fn split_unit(s: &str) -> (&str, Option<&'static str>) {
    for unit in UNITS {
        if let Some(rest) = s.strip_suffix(unit) {
            return (rest, Some(unit));
        }
    }
    (s, None)
}

/// A plain decimal number, with optional thousands separators.
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        groups.concat()
    } else {
        if !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        int.to_owned()
    };
    if digits.len() > 15 {
        return None;
    }
    let whole = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    whole.parse().ok()
}

/// If `text` starts with a number and the rest is something else, the number and the
/// rest: html2text pushes the end of a long label into the next cells (`0管理`).
pub fn leading_number(text: &str) -> Option<(f64, &str)> {
    let t = text.trim_start_matches(is_filler);
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    if end == 0 || end == t.len() {
        return None;
    }
    // `1.属于国家秘密`, `2、重复申请`: an outline number, not a value.
    if t[..end].ends_with('.') || t[end..].starts_with(['、', '．', ')', '）']) {
        return None;
    }
    let n = parse_number(&t[..end])?;
    Some((n, &t[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse("6"), Value::Number(6.0, None));
        assert_eq!(parse("4168558 元"), Value::Number(4168558.0, Some("元")));
        assert_eq!(parse("3189300元"), Value::Number(3189300.0, Some("元")));
        assert_eq!(parse("1,234"), Value::Number(1234.0, None));
        assert_eq!(parse("166.35"), Value::Number(166.35, None));
        assert_eq!(parse("12件"), Value::Number(12.0, Some("件")));
        assert_eq!(parse("0__"), Value::Number(0.0, None));
        assert_eq!(parse("8\u{FFFD}"), Value::Number(8.0, None));
    }

    #[test]
    fn signed_changes() {
        assert_eq!(parse("+156"), Value::Number(156.0, None));
        assert_eq!(parse("-3"), Value::Number(-3.0, None));
        assert_eq!(parse("增加5"), Value::Number(5.0, None));
        assert_eq!(parse("减少2"), Value::Number(-2.0, None));
    }

    #[test]
    fn blanks_and_not_applicable() {
        assert_eq!(parse("  "), Value::Blank);
        assert_eq!(parse("____"), Value::Blank);
        assert_eq!(parse("/"), Value::NotApplicable);
        assert_eq!(parse("—"), Value::NotApplicable);
        assert_eq!(parse("无"), Value::NotApplicable);
    }

    #[test]
    fn text() {
        assert_eq!(parse("若干"), Value::Text);
        assert_eq!(parse("1.属于国家秘密"), Value::Text);
        assert_eq!(parse("1,23"), Value::Text);
        assert_eq!(parse("12.3.4"), Value::Text);
        assert_eq!(parse("1."), Value::Text);
        assert_eq!(parse("(1)"), Value::Text);
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("0管理"), Some((0.0, "管理")));
        assert_eq!(leading_number("12"), None);
        assert_eq!(leading_number("管理"), None);
        assert_eq!(leading_number("1.属于国家秘密"), None);
        assert_eq!(leading_number("2、重复申请"), None);
    }
}
