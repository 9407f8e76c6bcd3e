//! Scores the time stage on TimeML files: `cargo run --release -p griot-eval --example timeml -- DIR`.
use std::path::PathBuf;

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared/data/timeml"));
    let pipeline = match griot_pipeline::Pipeline::load(&griot_pipeline::Settings::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if std::env::args().any(|a| a == "--details") {
        let scores = griot_eval::timeml::evaluate_dir(&dir, |d| {
            let mut article = griot_text::Article::from_text("timeml", &d.text);
            article.date = d.dct;
            pipeline.run(article).times
        });
        match scores {
            Ok(s) => {
                for line in &s.details {
                    println!("{line}");
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
        return;
    }
    match griot_eval::timeml::evaluate(&pipeline, &dir) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
