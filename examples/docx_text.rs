//! Debug helper: prints the text the checker reads from a .docx, .html or .pdf file.
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).unwrap();
    match nianbao::read_input(&bytes, &path) {
        Ok((text, source)) => println!("{source:?}\n{text}"),
        Err(e) => eprintln!("{e}"),
    }
}
