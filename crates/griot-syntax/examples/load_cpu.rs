//! CPU time (not wall time, which a busy machine inflates) of loading the embedded model and
//! of tagging + parsing, read from /proc/thread-self/schedstat (Linux).
//! Run: `cargo run --release -p griot-syntax --example load_cpu`.
use griot_syntax::Syntax;

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let n = 20;
    let t0 = cpu_ns();
    for _ in 0..n {
        std::hint::black_box(Syntax::builtin().expect("embedded model"));
    }
    println!(
        "load: {:.1} ms CPU per load",
        (cpu_ns() - t0) as f64 / n as f64 / 1e6
    );
    let gz: &[u8] = include_bytes!("../../../lexicon/syntax/model.bin.gz");
    let t0 = cpu_ns();
    for _ in 0..n {
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut raw).expect("gzip");
        std::hint::black_box(raw);
    }
    println!(
        "  of which inflating: {:.1} ms",
        (cpu_ns() - t0) as f64 / n as f64 / 1e6
    );
    let syn = Syntax::shared();
    let text = "The US launched a missile strike against Syria on Friday , officials said .\n\
        Two soldiers were killed by rebels in northern Mali on Sunday , the army said in a statement .\n\
        Niger ’s junta expelled the French ambassador and ordered troops to leave within a month .\n\
        “ We will not negotiate with terrorists , ” the prime minister told reporters in Islamabad .";
    let sents: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
    let words: usize = sents.iter().map(Vec::len).sum::<usize>() * 2000;
    let t0 = cpu_ns();
    for _ in 0..2000 {
        for s in &sents {
            std::hint::black_box(syn.parse(s));
        }
    }
    let dt = (cpu_ns() - t0) as f64 / 1e9;
    println!("tag+parse: {:.0} words/s CPU", words as f64 / dt);
    let t0 = cpu_ns();
    for _ in 0..2000 {
        for s in &sents {
            std::hint::black_box(syn.tag(s));
        }
    }
    let dt = (cpu_ns() - t0) as f64 / 1e9;
    println!("tag only: {:.0} words/s CPU", words as f64 / dt);
}
