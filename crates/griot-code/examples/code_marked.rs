//! Code one marked sentence and print the words and events:
//! `cargo run -p griot-code --example code_marked -- "[Niger|NER]'s junta revoked ..."`
fn main() {
    let coder = griot_code::Coder::builtin().expect("builtin rules");
    for arg in std::env::args().skip(1) {
        let doc = griot_code::testing::marked_doc(&arg);
        println!("{}", griot_code::coder::explain(&coder, &doc));
        for e in coder.code_events(&doc) {
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
                "  {} {}/{} {} -> {} {:?} cameo={:?} ctx={:?} rule={} trigger={:?}",
                e.sentence.0,
                e.event_type,
                e.mode.clone().unwrap_or_default(),
                c(&e.actor),
                c(&e.recipient),
                e.status,
                e.cameo,
                e.context,
                e.origin.rule,
                doc.slice(e.trigger)
            );
        }
    }
}
