#[test]
fn dbg_text() {
    let html = std::fs::read_to_string("../shared/corpus/real/001.decoded.html").unwrap();
    let text = nianbao::decode::html::to_text(&html);
    for (i, l) in text.lines().enumerate().skip(35).take(50) { println!("{}: {}", i+1, l.replace('\t', "|")); }
}
