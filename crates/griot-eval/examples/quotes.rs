//! Quotes and speakers on PolNeAR (see `griot_eval::quotes`).
//!
//! `cargo run --release -p griot-eval --example quotes -- ../shared/data/quotes/polnear/dev [--details]`
//! (`--details` also prints every missed content and wrong speaker).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let details = args.iter().any(|a| a == "--details");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data/quotes/polnear/dev".to_string());
    let pipeline = match griot_pipeline::Pipeline::load(&Default::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let articles = match griot_eval::quotes::read_corpus(std::path::Path::new(&dir)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let score = griot_eval::quotes::score(&pipeline, &articles);
    if details {
        for line in &score.details {
            println!("{line}");
        }
    }
    print!("{}", griot_eval::quotes::report(&score, articles.len()));
}
