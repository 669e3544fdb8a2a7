//! Each table's shape as one value, [`TableLayout`], built from the template's data:
//! its blocks (表二's sub-tables under their captions), each block's rows with their
//! cell keys, and the header and label cells as the template prints them, with their
//! spans. The table reader, the CLI's printer, the CSV export and the page's tables
//! all walk it, so no one writes a key or a header by hand.

use super::{CellKey, Column, Each, Row, TableId, Template};

/// What a header or label cell is, for whoever draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// The corner over the label columns (表二's 信息内容, 表三's identity note).
    Corner,
    /// A header cell over one column or a group of columns.
    Heading,
    /// A label cell spanning the rows of a group (表三's 三、本年度办理结果, （三）不予公开).
    RowGroup,
    /// A row's own label.
    RowLabel,
}

/// A header or label cell of the printed table, with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Its text.
    pub text: String,
    /// Columns it covers.
    pub colspan: usize,
    /// Rows it covers.
    pub rowspan: usize,
    /// What it is.
    pub kind: SpanKind,
}

impl Span {
    fn new(text: &str, kind: SpanKind) -> Span {
        Span {
            text: text.to_owned(),
            colspan: 1,
            rowspan: 1,
            kind,
        }
    }
}

/// One row of a table as the template lists it (table 4: one group).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutRow<'t> {
    /// The row's key (`denied.secret`; table 4: `review`).
    pub key: &'t str,
    /// Its label as the template prints it.
    pub label: &'t str,
    /// The group label over it and its siblings, if any.
    pub group: Option<&'t str>,
    /// Other labels agencies print for it.
    pub variants: &'t [String],
    /// Its cells' keys, one per column of its block.
    pub keys: Vec<CellKey>,
}

/// The keys of row `row` of `table`, one per column.
fn keys_of(table: TableId, row: &str, columns: &[Column]) -> Vec<CellKey> {
    columns
        .iter()
        .map(|c| CellKey::new(table, row, &c.key))
        .collect()
}

impl<'t> LayoutRow<'t> {
    /// The template's row `r` of `table`, whose columns are `columns`.
    fn of(table: TableId, r: &'t Row, columns: &[Column]) -> LayoutRow<'t> {
        LayoutRow {
            key: &r.key,
            label: &r.label,
            group: r.group.as_deref(),
            variants: &r.variants,
            keys: keys_of(table, &r.key, columns),
        }
    }
}

/// Rows under one header: one of 表二's sub-tables, or all of 表三 or 表四.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'t> {
    /// The caption above it (表二: `第二十条第（一）项`).
    pub caption: Option<&'t str>,
    /// Its columns.
    pub columns: &'t [Column],
    /// Its rows.
    pub rows: Vec<LayoutRow<'t>>,
    /// The header as printed: rows of cells, the label columns' corner first.
    pub header: Vec<Vec<Span>>,
    /// The body as printed: each printed row's label cells and its cells' keys (表四
    /// prints its three groups side by side, as one row of fifteen).
    pub body: Vec<(Vec<Span>, Vec<CellKey>)>,
}

/// A table's shape in one template.
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout<'t> {
    /// Which table.
    pub table: TableId,
    /// Its title as the report numbers it (`三、收到和处理政府信息公开申请情况`).
    pub title: String,
    /// Its name (`表三 收到和处理政府信息公开申请情况`).
    pub name: String,
    /// Its blocks, in order.
    pub blocks: Vec<Block<'t>>,
}

impl<'t> TableLayout<'t> {
    /// Every row, in order.
    pub fn rows(&self) -> impl Iterator<Item = &LayoutRow<'t>> {
        self.blocks.iter().flat_map(|b| &b.rows)
    }

    /// Every cell key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &CellKey> {
        self.rows().flat_map(|r| &r.keys)
    }

    /// The most columns of any block (表二's blocks differ).
    pub fn width(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.columns.len())
            .max()
            .unwrap_or(0)
    }
}

/// Header rows over columns whose header cells are given top-down by `paths`: a cell
/// spans the columns after it that share its path so far, and a column's last cell
/// reaches down to the bottom row. `corner` goes first, over every header row.
fn header_rows(paths: &[Vec<&str>], corner: Option<Span>) -> Vec<Vec<Span>> {
    let depth = paths.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = vec![Vec::new(); depth.max(1)];
    if let Some(corner) = corner {
        rows[0].push(Span {
            rowspan: depth.max(1),
            ..corner
        });
    }
    for (level, row) in rows.iter_mut().enumerate().take(depth) {
        let mut i = 0;
        while i < paths.len() {
            let path = &paths[i];
            if level >= path.len() {
                i += 1;
                continue;
            }
            let leaf = level + 1 == path.len();
            let mut j = i + 1;
            if !leaf {
                while j < paths.len()
                    && paths[j].len() > level + 1
                    && paths[j][..=level] == path[..=level]
                {
                    j += 1;
                }
            }
            row.push(Span {
                text: path[level].to_owned(),
                colspan: j - i,
                rowspan: if leaf { depth - level } else { 1 },
                kind: SpanKind::Heading,
            });
            i = j;
        }
    }
    rows
}

impl Template {
    /// The layout of `table` in this template, made once for the loaded templates
    /// (every check walks it; making it allocates every key of the table).
    pub fn layout(&self, table: TableId) -> &'static TableLayout<'static> {
        static LAYOUTS: std::sync::OnceLock<Vec<[TableLayout<'static>; 3]>> =
            std::sync::OnceLock::new();
        let all = super::all();
        let layouts = LAYOUTS.get_or_init(|| {
            all.iter()
                .map(|t| TableId::ALL.map(|id| t.make_layout(id)))
                .collect()
        });
        let at = all
            .iter()
            .position(|t| t == self)
            .expect("every template is a loaded one");
        &layouts[at][table as usize]
    }

    /// Makes the layout of `table` (see [`Template::layout`]).
    fn make_layout(&self, table: TableId) -> TableLayout<'_> {
        let section = super::section_titles()
            .get(match table {
                TableId::T2 => 1,
                TableId::T3 => 2,
                TableId::T4 => 3,
            })
            .map(String::as_str)
            .unwrap_or_default();
        let numeral = match table {
            TableId::T2 => "二",
            TableId::T3 => "三",
            TableId::T4 => "四",
        };
        let blocks = match table {
            TableId::T2 => self.t2_blocks(),
            TableId::T3 => vec![self.t3_block()],
            TableId::T4 => vec![self.t4_block()],
        };
        TableLayout {
            table,
            title: format!("{numeral}、{section}"),
            name: format!("{} {section}", table.label_zh()),
            blocks,
        }
    }

    fn t2_blocks(&self) -> Vec<Block<'_>> {
        self.t2
            .iter()
            .map(|sub| {
                let rows: Vec<LayoutRow<'_>> = sub
                    .rows
                    .iter()
                    .map(|r| LayoutRow::of(TableId::T2, r, &sub.columns))
                    .collect();
                let paths: Vec<Vec<&str>> =
                    sub.columns.iter().map(|c| vec![c.label.as_str()]).collect();
                let corner = Span::new(&sub.label_header, SpanKind::Corner);
                Block {
                    caption: Some(&sub.caption),
                    columns: &sub.columns,
                    header: header_rows(&paths, Some(corner)),
                    body: rows
                        .iter()
                        .map(|r| (vec![Span::new(r.label, SpanKind::RowLabel)], r.keys.clone()))
                        .collect(),
                    rows,
                }
            })
            .collect()
    }

    /// The rows of table 3's outcome block (三、本年度办理结果): those the outcome
    /// identity adds up, and its total.
    fn t3_outcome_block(&self, row: &str) -> bool {
        self.t3.outcome_rows.iter().any(|r| r == row)
            || self.identities.iter().any(|id| {
                id.table == TableId::T3
                    && id.each == Each::Column
                    && id.sum == self.t3.outcome_rows
                    && id.equals.iter().any(|r| r == row)
            })
    }

    fn t3_block(&self) -> Block<'_> {
        let t3 = &self.t3;
        let rows: Vec<LayoutRow<'_>> = t3
            .rows
            .iter()
            .map(|r| LayoutRow::of(TableId::T3, r, &t3.columns))
            .collect();
        let paths: Vec<Vec<&str>> = t3
            .columns
            .iter()
            .map(|c| {
                [
                    Some(t3.heading.as_str()),
                    c.group.as_deref(),
                    Some(c.label.as_str()),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect()
            })
            .collect();
        // Three label columns: the outcome block's label, its sub-groups' labels (（三）
        // 不予公开 …), and the rows' own; a row outside a group takes the columns left.
        const LABEL_COLUMNS: usize = 3;
        let corner = Span {
            colspan: LABEL_COLUMNS,
            ..Span::new(&t3.note, SpanKind::Corner)
        };
        let in_block: Vec<bool> = t3
            .rows
            .iter()
            .map(|r| self.t3_outcome_block(&r.key))
            .collect();
        let block_len = in_block.iter().filter(|b| **b).count();
        let block_label = t3
            .rows
            .iter()
            .zip(&in_block)
            .filter(|(_, b)| **b)
            .find_map(|(r, _)| r.group.as_deref().filter(|g| !g.starts_with('（')))
            .unwrap_or_default();
        let sub_group = |i: usize| t3.rows[i].group.as_deref().filter(|g| g.starts_with('（'));
        let mut body = Vec::new();
        let mut block_started = false;
        for (i, row) in rows.iter().enumerate() {
            let mut labels = Vec::new();
            if in_block[i] {
                if !block_started {
                    block_started = true;
                    labels.push(Span {
                        rowspan: block_len,
                        ..Span::new(block_label, SpanKind::RowGroup)
                    });
                }
                match sub_group(i) {
                    Some(g) => {
                        if i == 0 || sub_group(i - 1) != Some(g) {
                            let run = (i..t3.rows.len())
                                .take_while(|&k| sub_group(k) == Some(g))
                                .count();
                            labels.push(Span {
                                rowspan: run,
                                ..Span::new(g, SpanKind::RowGroup)
                            });
                        }
                        labels.push(Span::new(row.label, SpanKind::RowLabel));
                    }
                    None => labels.push(Span {
                        colspan: LABEL_COLUMNS - 1,
                        ..Span::new(row.label, SpanKind::RowLabel)
                    }),
                }
            } else {
                labels.push(Span {
                    colspan: LABEL_COLUMNS,
                    ..Span::new(row.label, SpanKind::RowLabel)
                });
            }
            body.push((labels, row.keys.clone()));
        }
        Block {
            caption: None,
            columns: &t3.columns,
            header: header_rows(&paths, Some(corner)),
            body,
            rows,
        }
    }

    fn t4_block(&self) -> Block<'_> {
        let t4 = &self.t4;
        let rows: Vec<LayoutRow<'_>> = t4
            .groups
            .iter()
            .map(|g| LayoutRow {
                key: &g.key,
                label: &g.label,
                group: g.group.as_deref(),
                variants: &[],
                keys: keys_of(TableId::T4, &g.key, &t4.columns),
            })
            .collect();
        // The template prints the groups side by side: one row of all their cells.
        let paths: Vec<Vec<&str>> = t4
            .groups
            .iter()
            .flat_map(|g| {
                t4.columns.iter().map(move |c| {
                    [
                        g.group.as_deref(),
                        Some(g.label.as_str()),
                        Some(c.label.as_str()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect()
                })
            })
            .collect();
        Block {
            caption: None,
            columns: &t4.columns,
            header: header_rows(&paths, None),
            body: vec![(
                Vec::new(),
                rows.iter().flat_map(|r| r.keys.clone()).collect(),
            )],
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &[Span]) -> Vec<(&str, usize, usize)> {
        row.iter()
            .map(|s| (s.text.as_str(), s.colspan, s.rowspan))
            .collect()
    }

    #[test]
    fn table_3_header_and_labels_are_the_templates() {
        let t = crate::template::by_id("2021").unwrap();
        let l = t.layout(TableId::T3);
        assert_eq!(l.title, "三、收到和处理政府信息公开申请情况");
        let b = &l.blocks[0];
        assert_eq!(b.header.len(), 3);
        assert_eq!(b.header[0][0].kind, SpanKind::Corner);
        assert_eq!((b.header[0][0].colspan, b.header[0][0].rowspan), (3, 3));
        assert_eq!(texts(&b.header[0][1..]), [("申请人情况", 7, 1)]);
        assert_eq!(
            texts(&b.header[1]),
            [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)]
        );
        assert_eq!(b.header[2].len(), 5);
        // （三）不予公开's first row: the block's label, the group's, the row's.
        let (labels, keys) = &b.body[2];
        assert_eq!(
            texts(labels),
            [("三、本年度办理结果", 1, 22), ("（一）予以公开", 2, 1)]
        );
        assert_eq!(keys[0].as_str(), "t3.granted.natural");
        let (labels, _) = &b.body[4];
        assert_eq!(
            texts(labels),
            [("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)]
        );
        assert_eq!(
            texts(&b.body[0].0),
            [("一、本年新收政府信息公开申请数量", 3, 1)]
        );
        assert_eq!(l.keys().count(), 25 * 7);
    }

    #[test]
    fn table_4_prints_its_groups_side_by_side() {
        let t = crate::template::by_id("2019").unwrap();
        let l = t.layout(TableId::T4);
        let b = &l.blocks[0];
        assert_eq!(
            texts(&b.header[0]),
            [("行政复议", 5, 1), ("行政诉讼", 10, 1)]
        );
        assert_eq!(b.header[1][0].rowspan, 2);
        assert_eq!(
            texts(&b.header[1][5..]),
            [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)]
        );
        assert_eq!(b.header[2].len(), 10);
        assert_eq!(b.body.len(), 1);
        assert_eq!(b.body[0].1.len(), 15);
        assert_eq!(
            l.rows().map(|r| r.label).collect::<Vec<_>>(),
            ["行政复议", "未经复议直接起诉", "复议后起诉"]
        );
    }

    #[test]
    fn the_layouts_hold_every_key_of_the_template_in_order() {
        for t in crate::template::all() {
            let keys: Vec<CellKey> = TableId::ALL
                .into_iter()
                .flat_map(|table| t.layout(table).keys().cloned().collect::<Vec<_>>())
                .collect();
            assert_eq!(keys, t.cell_keys, "{}", t.id);
        }
    }
}
