//! Quotes and speakers on PolNeAR (see `griot_eval::quotes`).
//!
//! `cargo run --release -p griot-eval --example quotes -- ../shared/data/quotes/polnear/dev [--details]`
//! (`--details` also prints every missed content and wrong speaker; `--show WORD` prints
//! griot's statements, with their rule, for the articles whose name contains WORD).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let details = args.iter().any(|a| a == "--details");
    let show = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1)).cloned();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && !(*i > 0 && args[i - 1] == "--show"))
        .map(|(_, a)| a)
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
    if let Some(word) = &show {
        for a in articles.iter().filter(|a| a.name.contains(word.as_str())) {
            let doc = pipeline.run(griot_text::Article::from_text(&a.name, &a.text));
            println!("== {}", a.name);
            for st in &doc.statements {
                let f = |o: Option<griot_text::Span>| o.map(|x| doc.slice(x).to_string()).unwrap_or_default();
                println!("{:14} [{}] [{}] {:?}", st.origin.rule, f(st.speaker_span), f(st.cue), doc.slice(st.content));
            }
        }
    }
    let score = griot_eval::quotes::score(&pipeline, &articles);
    if details {
        for line in &score.details {
            println!("{line}");
        }
    }
    print!("{}", griot_eval::quotes::report(&score, articles.len()));
}
