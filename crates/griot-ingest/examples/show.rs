//! Print what the readers make of some inputs: one JSON object per article (the text cut to
//! 400 characters unless `--full`), errors on stderr.
//!
//! `cargo run -p griot-ingest --example show -- [--full] FILE|DIR|- ...`

use griot_ingest::{read_inputs, ReadOptions};

fn main() {
    let mut full = false;
    let inputs: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| {
            let flag = a == "--full";
            full |= flag;
            !flag
        })
        .collect();
    for item in read_inputs(&inputs, &ReadOptions::default()) {
        match item {
            Ok(mut a) => {
                if !full {
                    if let Some((cut, _)) = a.text.char_indices().nth(400) {
                        a.text.truncate(cut);
                        a.text.push('…');
                    }
                }
                println!("{}", serde_json::to_string(&a).unwrap_or_default());
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
