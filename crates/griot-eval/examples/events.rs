//! Run the event test set through the whole pipeline and print the report:
//! `cargo run --release -p griot-eval --example events -- tests/events`
use std::path::PathBuf;

fn main() {
    let path = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("tests/events"));
    let pipeline = match griot_pipeline::Pipeline::load(&griot_pipeline::Settings::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("events: cannot load the pipeline: {e}");
            std::process::exit(1);
        }
    };
    match griot_eval::events::evaluate(&pipeline, &path) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("events: {e}");
            std::process::exit(1);
        }
    }
}
