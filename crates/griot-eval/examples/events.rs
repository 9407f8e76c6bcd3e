//! Run the event test set through the whole pipeline and print the report:
//! `cargo run --release -p griot-eval --example events -- tests/events`
//! With `--sentence TEXT`, print the mentions and events of one sentence instead.
//!
//! Annotated news articles (a directory of `.json` articles, or one with `articles/`):
//! `cargo run --release -p griot-eval --example events -- ../shared/data/events [--part A|B|PREFIX] [--misses] [--all]`
//! `--misses` prints, per article and sentence, the gold and predicted events of every sentence
//! with a missed or wrong event (`--all`: of every sentence), then the summaries.
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // GRIOT_NER=1 turns the trained entity recogniser on; GRIOT_NER_MODEL=PATH uses that model.
    let settings = griot_pipeline::Settings {
        ner: std::env::var_os("GRIOT_NER").is_some(),
        ner_model: std::env::var_os("GRIOT_NER_MODEL").map(Into::into),
        ..griot_pipeline::Settings::default()
    };
    let pipeline = match griot_pipeline::Pipeline::load(&settings) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("events: cannot load the pipeline: {e}");
            std::process::exit(1);
        }
    };
    if args.first().map(String::as_str) == Some("--sentence") {
        for text in &args[1..] {
            let mut article = griot_text::Article::from_text("s", text);
            article.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 17);
            let doc = pipeline.run(article);
            if std::env::var_os("GRIOT_EXPLAIN").is_some() {
                print!("{}", pipeline.coder().explain(&doc));
            }
            for m in &doc.mentions {
                println!(
                    "  mention {:?} {:?} {:?} {:?} ante={:?}",
                    doc.slice(m.span),
                    m.kind,
                    m.country,
                    m.sector,
                    m.antecedent
                );
            }
            for s in &doc.statements {
                println!(
                    "  statement speaker={:?} content={:?}",
                    s.speaker_span.map(|x| doc.slice(x)),
                    doc.slice(s.content)
                );
            }
            for e in &doc.events {
                let c = |p: &Option<griot_text::Participant>| {
                    p.as_ref()
                        .map(|p| {
                            format!(
                                "{}({})",
                                p.country.clone().unwrap_or("-".into()),
                                doc.slice(p.span)
                            )
                        })
                        .unwrap_or("-".into())
                };
                println!(
                    "  event {:?} {}/{} {} -> {} {:?} rule={}",
                    doc.slice(e.trigger),
                    e.event_type,
                    e.mode.clone().unwrap_or_default(),
                    c(&e.actor),
                    c(&e.recipient),
                    e.status,
                    e.origin.rule
                );
            }
        }
        return;
    }
    if let Some(path) = args.first().filter(|p| griot_eval::news_events::is_news_format(std::path::Path::new(p))) {
        let mut opts = griot_eval::news_events::Options::default();
        let mut i = 1;
        while i < args.len() {
            match args[i].as_str() {
                "--misses" => opts.misses = true,
                "--all" => {
                    opts.misses = true;
                    opts.all_sentences = true;
                }
                "--part" if i + 1 < args.len() => {
                    opts.part = Some(args[i + 1].clone());
                    i += 1;
                }
                other => {
                    eprintln!("events: unknown option {other:?} (--part A|B|PREFIX, --misses, --all)");
                    std::process::exit(2);
                }
            }
            i += 1;
        }
        match griot_eval::news_events::evaluate_with(&pipeline, std::path::Path::new(path), &opts) {
            // write_all, not print!: piping into `head` or `less` must not panic
            Ok(report) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(report.as_bytes());
            }
            Err(e) => {
                eprintln!("events: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let path = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/events"));
    match griot_eval::events::evaluate(&pipeline, &path) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("events: {e}");
            std::process::exit(1);
        }
    }
}
