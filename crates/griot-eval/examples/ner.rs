//! Runs the CoNLL-2003 NER evaluation until `griot eval ner` exists:
//! `cargo run -p griot-eval --release --example ner -- /work/shared/data/ner/eng.testa`
fn main() {
    // `ner PATH [N]`: N is how many strings of each error class to list (default 12).
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/ner/eng.testa".into());
    let top: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(12);
    let pipeline = match griot_pipeline::Pipeline::load(&griot_pipeline::Settings::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    match griot_eval::ner::evaluate_top(&pipeline, std::path::Path::new(&path), top) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
