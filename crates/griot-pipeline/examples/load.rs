//! Time of each part of [`griot_pipeline::Pipeline::load`] in a fresh process (start-up
//! cost, issues 10 and 12): `cargo run --release -p griot-pipeline --example load`; with the
//! argument `pipeline`, only `Pipeline::load` (as the CLI pays it).

use std::time::Instant;

use griot_code::Coder;
use griot_extract::{ActorFinder, PlaceResolver};
use griot_lexicon::{Gazetteer, Lexicon};

fn main() {
    if std::env::args().nth(1).as_deref() == Some("pipeline") {
        // the whole load alone, as `griot` does it
        let t = Instant::now();
        let p = griot_pipeline::Pipeline::load(&griot_pipeline::Settings::default()).expect("resources");
        println!("Pipeline::load         {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(p);
        return;
    }
    let all = Instant::now();
    let mut t = Instant::now();
    let mut lap = |what: &str| {
        println!("{what:<22} {:>7.1} ms", t.elapsed().as_secs_f64() * 1e3);
        t = Instant::now();
    };
    let syntax = griot_syntax::Syntax::shared();
    lap("syntax model");
    let lexicon = Lexicon::load(&[]).expect("lexicon");
    lap("lexicon");
    let gazetteer = Gazetteer::builtin();
    lap("gazetteer");
    let actors = ActorFinder::new(&lexicon);
    lap("actor finder");
    let places = PlaceResolver::new(&gazetteer);
    lap("place resolver");
    let coder = Coder::load(&[]).expect("rules");
    lap("rules (coder)");
    println!("{:<22} {:>7.1} ms", "total", all.elapsed().as_secs_f64() * 1e3);
    std::hint::black_box((syntax, actors, places, coder));
    let t = Instant::now();
    let p = griot_pipeline::Pipeline::load(&griot_pipeline::Settings::default()).expect("resources");
    println!("{:<22} {:>7.1} ms", "Pipeline::load again", t.elapsed().as_secs_f64() * 1e3);
    std::hint::black_box(p);
}
