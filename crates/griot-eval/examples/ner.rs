//! Runs the CoNLL-2003 NER evaluation until `griot eval ner` exists:
//! `cargo run -p griot-eval --release --example ner -- /work/shared/data/ner/eng.testa`
fn main() {
    // `ner PATH [N]`: N is how many strings of each error class to list (default 12).
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/data/ner/eng.testa".into());
    let top: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(12);
    // GRIOT_NER=1 turns the trained entity recogniser on; GRIOT_NER_MODEL=PATH uses that model.
    let settings = griot_pipeline::Settings {
        ner: std::env::var_os("GRIOT_NER").is_some(),
        ner_model: std::env::var_os("GRIOT_NER_MODEL").map(Into::into),
        ..griot_pipeline::Settings::default()
    };
    let pipeline = match griot_pipeline::Pipeline::load(&settings) {
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
