//! The HTML reader's tests: pages in, text out.

use super::*;

/// The page's text, the article found by the template data's section words (as the
/// pipeline reads a page).
fn to_text(html: &str) -> String {
    crate::pipeline::html_to_text(html)
}

/// [`to_text`], with the line of each table row.
fn to_text_with_rows(html: &str) -> (String, Vec<u32>) {
    crate::pipeline::html_to_text_with_rows(html)
}

#[test]
fn each_table_row_knows_its_line() {
    let html = "<p>标题年度报告</p><table><tr><td>规章</td><td>1</td></tr>\
        <tr><td>行政规范性文件</td><td>2</td></tr></table><p>二</p>\
        <table><tr><td><table><tr><td>内</td><td>5</td></tr></table></td></tr></table>";
    let (text, rows) = to_text_with_rows(html);
    let lines: Vec<&str> = text.lines().collect();
    // Four <tr>s: two data rows, a layout row (no line of its own), a data row in it.
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2], 0);
    for (row, want) in [(0, "规章\t1"), (1, "行政规范性文件\t2"), (3, "内\t5")] {
        assert_eq!(lines[rows[row] as usize - 1], want, "row {row}");
    }
}

#[test]
fn row_lines_count_the_title_put_first() {
    // The report's title comes from <title>, before the text: rows shift by one.
    let page = include_str!("../../../tests/fixtures/corpus/synthetic/c000.html.html").replace(
        "<h1>南城区高桥镇人民政府2023年政府信息公开工作年度报告</h1>",
        "",
    );
    let (text, rows) = to_text_with_rows(&page);
    assert!(text.starts_with("南城区高桥镇人民政府2023年政府信息公开工作年度报告\n"));
    let lines: Vec<&str> = text.lines().collect();
    let report = crate::check_text(&text, "c000");
    let cell = report.cells.get("t4.review.corrected").expect("t4 read");
    let line = cell.line.expect("with its line").get();
    assert!(rows.contains(&(line as u32)), "the row of {line} is known");
    assert!(
        lines[line - 1].starts_with("0\t4\t0\t3\t4"),
        "{}",
        lines[line - 1]
    );
}

#[test]
fn paragraphs_headings_and_tables() {
    let html = "<html><head><title>T</title><style>p{}</style></head><body><h1>标题</h1><p>第一段<br>第二行</p>\
        <table><tr><td colspan=3>第二十条第（一）项</td></tr><tr><td>规章<td>1<td>&nbsp;<td>3</tr></table><p>结束</body></html>";
    assert_eq!(
        to_text(html),
        "标题\n第一段\n第二行\n第二十条第（一）项\t\t\t\n规章\t1\t\t3\n结束"
    );
}

/// Spans are laid out on the grid: every field of a line is in its grid column,
/// and every line of a table has the table's width.
#[test]
fn rowspan_and_colspan_make_a_grid() {
    let html = "<table>            <tr><td rowspan=2 colspan=2>情况</td><td colspan='2'>申请人</td><td rowspan=\"3\">总计</td></tr>            <tr><td>自然人</td><td>法人</td></tr>            <tr><td rowspan=2>三、结果</td><td>（一）公开</td><td>1</td><td>2</td></tr>            <tr><td>（二）部分</td><td></td><td>4</td><td>4</td></tr>            </table>";
    assert_eq!(
        to_text(html),
        "情况\t\t申请人\t\t总计\n\t\t自然人\t法人\t\n三、结果\t（一）公开\t1\t2\t\n\t（二）部分\t\t4\t4"
    );
    // Absurd spans are bounded.
    let wide =
        "<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr><tr><td>1</td></tr></table>";
    assert_eq!(to_text(wide).lines().count(), 2);
}

#[test]
fn scripts_and_handlers_are_dropped() {
    let html = "<p onclick=\"alert(1)\">正文</p><script>document.write('<p>注入</p>')</script><img src=x onerror=alert(1)><p>尾</p>";
    assert_eq!(to_text(html), "正文\n尾");
}

#[test]
fn layout_tables_are_read_as_blocks() {
    let html = "<table><tr><td><div>导航</div></td><td><h2>二、主动公开政府信息情况</h2><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>";
    assert_eq!(to_text(html), "导航\n二、主动公开政府信息情况\n规章\t0");
}

#[test]
fn word_export_spans() {
    let html = "<table class=MsoNormalTable><tr style='mso-yfti-irow:0'><td><p class=MsoNormal><span lang=EN-US>行政许可<o:p></o:p></span></p></td><td><p><span>35</span></p></td></tr></table>";
    assert_eq!(to_text(html), "行政许可\t35");
}

#[test]
fn entities_and_charset() {
    assert_eq!(
        decode_entities("&lt;a&gt; &amp; &#20013;&#x6587; &unknown;"),
        "<a> & 中文 &unknown;"
    );
    assert_eq!(
        declared_charset(b"<meta charset=\"gb2312\">").map(|e| e.name()),
        Some("GBK")
    );
    assert_eq!(
        declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=utf-8'>")
            .map(|e| e.name()),
        Some("UTF-8")
    );
    assert!(looks_like_html("<!DOCTYPE html><html>"));
    assert!(!looks_like_html("一、总体情况"));
}

/// A page saved whole from a site: navigation with dated news, the article, a
/// footer with a date. The article alone is read, with the page's title first.
#[test]
fn a_saved_page_is_read_as_its_article() {
    let article = "<div class=article><p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>某局</p><p>2024年1月20日</p></div>";
    let page = format!("<html><head><title>某局2023年政府信息公开工作年度报告_某市人民政府</title><script>var depts=['某市财政局','某市教育局'];</script></head><body><div class=nav><a>首页</a><a>政务公开</a><ul><li>关于2023年度政府信息公开工作年度报告的通知 2024-01-02</li></ul></div><div class=main>{article}</div><div class=footer>主办：某市人民政府办公室 2024年12月1日</div></body></html>");
    let text = to_text(&page);
    assert!(
        text.starts_with("某局2023年政府信息公开工作年度报告\n一、总体情况"),
        "{text}"
    );
    assert!(text.ends_with("某局\n2024年1月20日"), "{text}");
    assert!(!text.contains("主办"));
    assert!(!text.contains("首页"));
    // A page that is the report alone is read whole, its title kept when it has one.
    let bare = format!("<body><h1>某局2023年政府信息公开工作年度报告</h1>{article}</body>");
    assert!(to_text(&bare).starts_with("某局2023年政府信息公开工作年度报告\n一、"));
    assert_eq!(
        page_title("<title>年报 - 站点</title>").as_deref(),
        Some("年报")
    );
    assert_eq!(page_title("<title>首页</title>"), None);
}

#[test]
fn hostile_nesting_is_bounded() {
    let deep = "<div>".repeat(100_000) + "正文";
    assert_eq!(to_text(&deep), "正文");
    let unclosed = "<table>".repeat(10_000) + "<td>1";
    assert_eq!(to_text(&unclosed), "1");
}
