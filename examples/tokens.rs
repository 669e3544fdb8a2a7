//! Debug helper: prints the token stream of a line range of a file.
//! `cargo run --example tokens -- FILE FROM TO`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = nianbao::decode::decode(&std::fs::read(&args[1]).unwrap())
        .unwrap()
        .text;
    let doc = nianbao::normalize::Doc::new(&text);
    let from: usize = args[2].parse().unwrap();
    let to: usize = args[3].parse().unwrap();
    let vocab = nianbao::tables::vocab::Vocab::new(nianbao::template::all());
    let lay = nianbao::tables::layout::tokenize(
        &doc.orig,
        &doc.folded,
        from - 1..to.min(doc.len()),
        &vocab,
    );
    println!("shape {:?} segments {:?}", lay.shape, lay.segments);
    for (i, t) in lay.toks.iter().enumerate() {
        println!(
            "{i:4} L{:<4} c{:<4} {:?} {:?}",
            t.line, t.col, t.kind, t.text
        );
    }
}
