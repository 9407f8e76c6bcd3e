//! Parses sentences from stdin, one per line, words separated by spaces, and prints them in
//! CoNLL-U-like columns (id, word, UPOS, XPOS, head, relation).
//! Run: `echo "The US launched a strike ." | cargo run --release -p griot-syntax --example parse`.
use griot_syntax::Syntax;
use std::io::BufRead;

fn main() {
    let syn = Syntax::shared();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let p = syn.parse(&words);
        for (i, word) in words.iter().enumerate() {
            let head = p.head[i].map_or(0, |h| h + 1);
            println!(
                "{}\t{word}\t{}\t{}\t{head}\t{}",
                i + 1,
                p.upos[i].as_str(),
                p.xpos[i].as_str(),
                p.rel(i)
            );
        }
        println!();
    }
}
