//! Throughput of the tagger and parser on news sentences (tokenised as griot does), and the
//! time to load the embedded model; the entity recogniser likewise. Run: `cargo bench -p griot-syntax --bench syntax`.
use divan::counter::ItemsCount;
use divan::Bencher;
use griot_syntax::Syntax;

fn main() {
    divan::main();
}

const NEWS: &str = "\
The US launched a missile strike against Syria on Friday , officials said .
Two soldiers were killed by rebels in northern Mali on Sunday , the army said in a statement .
Niger ’s junta expelled the French ambassador and ordered troops to leave within a month .
“ We will not negotiate with terrorists , ” the prime minister told reporters in Islamabad .
Police fired tear gas at thousands of protesters who had gathered outside parliament .
The European Union agreed to impose new sanctions on Russia over the invasion of Ukraine .
China and India held talks on Tuesday to ease tensions along their disputed border .
The United Nations Security Council will meet on Monday to discuss the crisis .
Government forces recaptured the town after three days of heavy fighting , residents said .
The president , who took office in 2019 , said he would not seek a second term .
Iran denied that it had supplied drones to the militia , calling the claims baseless .
At least 1,100 people have died since the outbreak began in March , according to the ministry .
Opposition leaders called off a planned strike after the government agreed to release detainees .
The company said its profit rose 5.3 % to $ 1.2 billion in the third quarter .
Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar late on Wednesday .
Authorities arrested a journalist accused of spreading false news about the election .
The minister did n’t say when the talks would resume .
Thousands marched through the capital demanding the resignation of the interior minister .
North Korea fired a ballistic missile into the sea off its east coast , Seoul ’s military said .
The court sentenced the former mayor to ten years in prison for corruption .";

fn sentences() -> Vec<Vec<&'static str>> {
    NEWS.lines().map(|l| l.split(' ').collect()).collect()
}

fn words(s: &[Vec<&str>]) -> usize {
    s.iter().map(Vec::len).sum()
}

#[divan::bench]
fn tag_and_parse(b: Bencher) {
    let syn = Syntax::shared();
    let s = sentences();
    b.counter(ItemsCount::new(words(&s))).bench(|| {
        for ws in &s {
            divan::black_box(syn.parse(ws));
        }
    });
}

#[divan::bench]
fn tag_only(b: Bencher) {
    let syn = Syntax::shared();
    let s = sentences();
    b.counter(ItemsCount::new(words(&s))).bench(|| {
        for ws in &s {
            divan::black_box(syn.tag(ws));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_model() -> Syntax {
    Syntax::builtin().expect("embedded model")
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn inflate_model_only() -> Vec<u8> {
    use std::io::Read;
    let gz: &[u8] = include_bytes!("../../../lexicon/syntax/model.bin.gz");
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut raw)
        .expect("gzip");
    raw
}

/// The entity recogniser over the same sentences (no hints: the tagging work is the same
/// whatever the hint bits are).
#[divan::bench]
fn ner_tag(b: Bencher) {
    let ner = griot_syntax::ner::Ner::shared();
    let s = sentences();
    b.counter(ItemsCount::new(words(&s))).bench(|| {
        for ws in &s {
            divan::black_box(ner.tag(ws, &[]));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_ner_model() -> griot_syntax::ner::Ner {
    griot_syntax::ner::Ner::builtin().expect("embedded model")
}
