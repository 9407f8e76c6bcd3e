// temporary profiling harness (to be removed)
use griot_store::sample::sample_doc;
use griot_store::Store;

fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let rest = &s[s.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ut: f64 = f[11].parse().unwrap();
    let st: f64 = f[12].parse().unwrap();
    (ut + st) / 100.0
}

fn main() {
    let n = 500;
    let sents: usize = std::env::args().nth(1).map(|a| a.parse().unwrap()).unwrap_or(25);
    let docs: Vec<_> = (0..n).map(|i| sample_doc(i, sents)).collect();
    let rows: usize = docs.iter().map(|d| d.sentences.len() + d.mentions.len() + d.times.len() + d.quantities.len() + d.statements.len() + d.events.len()).sum();
    println!("rows per doc {}", rows / n);
    let t = cpu();
    let mut bytes = 0;
    for d in &docs {
        for m in &d.mentions { bytes += serde_json::to_string(m).unwrap().len(); }
        for m in &d.sentences { bytes += serde_json::to_string(m).unwrap().len(); }
        for m in &d.times { bytes += serde_json::to_string(m).unwrap().len(); }
        for m in &d.quantities { bytes += serde_json::to_string(m).unwrap().len(); }
        for m in &d.statements { bytes += serde_json::to_string(m).unwrap().len(); }
        for m in &d.events { bytes += serde_json::to_string(m).unwrap().len(); bytes += serde_json::to_string(&griot_text::record::event_record(d, m)).unwrap().len(); }
    }
    println!("json only: {:.2}s cpu ({} KB/doc)", cpu() - t, bytes / n / 1000);
    let mut s = Store::open_in_memory().unwrap();
    let t = cpu();
    s.insert_docs(&docs).unwrap();
    let c = cpu() - t;
    println!("memory: {:.2}s cpu  {:.0} docs/s", c, n as f64 / c);
    let dir = std::env::temp_dir().join(format!("griot-prof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Store::open(&dir.join("p.db")).unwrap();
    let t = cpu();
    let w = std::time::Instant::now();
    s.insert_docs(&docs).unwrap();
    let c = cpu() - t;
    println!("file: {:.2}s cpu {:.2}s wall {:.0} docs/s", c, w.elapsed().as_secs_f64(), n as f64 / c);
    println!("db size {} KB/doc", std::fs::metadata(dir.join("p.db")).map(|m| m.len()).unwrap_or(0) / n as u64 / 1000 + std::fs::metadata(dir.join("p.db-wal")).map(|m| m.len()).unwrap_or(0) / n as u64 / 1000);
    if std::env::var("KEEP").is_err() { std::fs::remove_dir_all(&dir).unwrap(); } else { println!("{}", dir.display()); }
}
