//! Geoparsing evaluation on an LGL-format XML file.
//!
//! `cargo run --release -p griot-eval --example geo -- ../shared/data/geo/lgl.xml [--details]`
//! (`--details` also prints every miss, spurious place and large error with its context).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let details = args.iter().any(|a| a == "--details");
    let path = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "../shared/data/geo/lgl.xml".to_string());
    let pipeline = match griot_pipeline::Pipeline::load(&Default::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let path = std::path::Path::new(&path);
    if details {
        match griot_eval::geo::read_corpus(path) {
            Ok(articles) => {
                let score = griot_eval::geo::score(&pipeline, &articles);
                for line in &score.details {
                    println!("{line}");
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
    }
    match griot_eval::geo::evaluate(&pipeline, path) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
