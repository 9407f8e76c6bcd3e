use super::*;
use griot_text::{tokenize, Article, Mention};

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article::from_text("t", text));
    d.sentences = split_sentences(d.text());
    d.tokens = d.sentences.iter().flat_map(|s| tokenize(d.text(), s.span)).collect();
    d
}

/// (kind, speaker text, cue text, content text); "" for None.
type Exp<'a> = (StatementKind, &'a str, &'a str, &'a str);

fn show(d: &Doc) -> Vec<(StatementKind, String, String, String)> {
    find_statements(d)
        .iter()
        .map(|s| {
            let f = |o: Option<Span>| o.map(|x| d.slice(x).to_string()).unwrap_or_default();
            (s.kind, f(s.speaker_span), f(s.cue), d.slice(s.content).to_string())
        })
        .collect()
}

fn check_all(cases: &[(&str, &[Exp])]) {
    let mut bad = Vec::new();
    for (text, expected) in cases {
        let got = show(&doc(text));
        let exp: Vec<(StatementKind, String, String, String)> =
            expected.iter().map(|(k, a, b, c)| (*k, a.to_string(), b.to_string(), c.to_string())).collect();
        if got != exp {
            bad.push(format!("{text:?}\n   got {got:?}\n  want {exp:?}"));
        }
    }
    assert!(bad.is_empty(), "{} of {} failed:\n{}", bad.len(), cases.len(), bad.join("\n"));
}

use StatementKind::{Direct as D, Indirect as I};

#[test]
fn direct_quotes() {
    let cases: &[(&str, &[Exp])] = &[
        ("“We will leave,” he said.", &[(D, "he", "said", "We will leave")]),
        ("\"We will leave,\" he said.", &[(D, "he", "said", "We will leave")]),
        ("“We will leave,” said Col. Abdramane.", &[(D, "Col. Abdramane", "said", "We will leave")]),
        ("“We will leave,” the minister told reporters.", &[(D, "the minister", "told", "We will leave")]),
        ("“We will leave,” Miller said on Tuesday.", &[(D, "Miller", "said", "We will leave")]),
        ("Miller said: “We will leave.”", &[(D, "Miller", "said", "We will leave.")]),
        ("The spokesman told reporters: “We will leave.”", &[(D, "The spokesman", "told", "We will leave.")]),
        ("Abdramane said “the pact is void.”", &[(D, "Abdramane", "said", "the pact is void.")]),
        ("“We will leave.” He said.", &[(D, "He", "said", "We will leave.")]),
        ("“We will leave. We will not return,” he said.", &[(D, "he", "said", "We will leave. We will not return")]),
        ("“We will leave,” he said. “We will not return.”", &[(D, "he", "said", "We will leave"), (D, "he", "", "We will not return.")]),
        ("“We will leave,” he said, “and we will not return.”", &[(D, "he", "said", "We will leave"), (D, "he", "said", "and we will not return.")]),
        ("The junta called the move “illegal”.", &[(D, "The junta", "called", "illegal")]),
        ("Abdramane described the claims as “cynical and baseless”.", &[(D, "Abdramane", "described", "cynical and baseless")]),
        ("“The ‘so-called’ deal is dead,” she said.", &[(D, "she", "said", "The ‘so-called’ deal is dead")]),
        ("He watched the film “Star Wars” again.", &[]),
        ("According to Miller, “talks continue.”", &[(D, "Miller", "According to", "talks continue.")]),
        ("“The pact was imposed on us by force and without consent,” the statement read.", &[(D, "", "", "The pact was imposed on us by force and without consent")]),
        ("‘We will leave,’ he said.", &[(D, "he", "said", "We will leave")]),
        ("“Why?” he asked.", &[(D, "he", "asked", "Why?")]),
        // doubled apostrophes and backticks for double quotes (newspaper archives)
        ("''We will leave,'' said Col. Abdramane.", &[(D, "Col. Abdramane", "said", "We will leave")]),
        ("``We will leave,'' he said.", &[(D, "he", "said", "We will leave")]),
        ("Miller said: ''We won't leave.''", &[(D, "Miller", "said", "We won't leave.")]),
        // a speaker with appositions between the quote and the cue
        (
            "“It is an invasion,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing the agency, said on Monday.",
            &[(D, "Scott Pruitt, the attorney general of Oklahoma, one of the states suing the agency", "said", "It is an invasion")],
        ),
        (
            "“It is fine,” Peter Morgan, a lawyer for the club, who has fought the industry for years, said.",
            &[(D, "Peter Morgan, a lawyer for the club, who has fought the industry for years", "said", "It is fine")],
        ),
        ("“It is unlawful,” Mrs May said.", &[(D, "Mrs May", "said", "It is unlawful")]),
        ("“It is unlawful,” said Mrs May.", &[(D, "Mrs May", "said", "It is unlawful")]),
        ("“They are wrong,” said 9/11 widow Terry Strada.", &[(D, "9/11 widow Terry Strada", "said", "They are wrong")]),
        (
            "The chief said that police video footage of the encounter did not give “absolute definitive visual evidence that would confirm it.”",
            &[(I, "The chief", "said", "police video footage of the encounter did not give “absolute definitive visual evidence that would confirm it")],
        ),
        ("“It is unlawful” – Mrs May said.", &[(D, "Mrs May", "said", "It is unlawful")]),
        // a dash and a name closing the quote
        ("“He is ignorant of our culture.” ― Pamela Padilla\n\nMore text follows here.", &[(D, "Pamela Padilla", "―", "He is ignorant of our culture.")]),
        // a transcript label inside the quote
        ("\"WALLACE: Will she be there tomorrow night?\n\n\"PENCE: She will not be there.", &[(D, "WALLACE", ":", "Will she be there tomorrow night?"), (D, "PENCE", ":", "She will not be there.")]),
        // a label opening one paragraph only is a dateline
        ("DUBAI: Saudi Arabia and Egypt cut ties with Qatar on Monday.\n\nThe move was sudden.", &[]),
        // a partial quote inside a reported clause belongs to the clause
        ("Trump said that Clinton was “the worst” candidate ever.", &[(I, "Trump", "said", "Clinton was “the worst” candidate ever")]),
        ("The spokesman said he would “fix it” soon.", &[(I, "The spokesman", "said", "he would “fix it” soon")]),
        ("Spokeswoman Jessica Ditto said that, “Of course he will defend himself” against the attacks.", &[(I, "Spokeswoman Jessica Ditto", "said", "“Of course he will defend himself” against the attacks")]),
        // a quote closing the speaker's own clause is reported with the clause
        ("However laudable the goal, using the tax “is a misguided approach,” Mr. Burman said.", &[(D, "Mr. Burman", "said", "However laudable the goal, using the tax “is a misguided approach")]),
    ];
    check_all(cases);
}

#[test]
fn headline_attributions() {
    let got = show(&doc("Lindsey Graham Says Trump Could Address Clean Energy\n\nThe senator spoke on Monday."));
    assert_eq!(got, vec![(I, "Lindsey Graham".to_string(), "Says".to_string(), "Trump Could Address Clean Energy".to_string())]);
    let got = show(&doc("Pat Caddell: Democrat Voters Worried About Health\n\nThe pollster spoke on Monday."));
    assert_eq!(got, vec![(I, "Pat Caddell".to_string(), ":".to_string(), "Democrat Voters Worried About Health".to_string())]);
    // a topic or place label is no speaker, nor a label in the body
    assert!(show(&doc("Update: Talks Resume in Geneva\n\nThe talks resumed.")).is_empty());
    assert!(show(&doc("The talks resumed.\n\nPat Caddell: Voters Worried About Health")).is_empty());
}

#[test]
fn quotes_across_paragraphs() {
    let text = "“We will leave. We will not return.\n\n“Our decision is final,” Abdramane said.";
    let got = show(&doc(text));
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].3, "We will leave. We will not return.");
    assert_eq!(got[1].1, "Abdramane");
}

#[test]
fn indirect_speech() {
    let cases: &[(&str, &[Exp])] = &[
        ("The minister said that the army would leave.", &[(I, "The minister", "said", "the army would leave")]),
        ("The minister said the army would leave.", &[(I, "The minister", "said", "the army would leave")]),
        ("The minister said on Tuesday the army would leave.", &[(I, "The minister", "said", "the army would leave")]),
        ("Abdramane declared on national television that the US presence was unlawful.", &[(I, "Abdramane", "declared", "the US presence was unlawful")]),
        ("The junta announced that it had revoked the pact.", &[(I, "The junta", "announced", "it had revoked the pact")]),
        ("Miller told reporters that talks would continue.", &[(I, "Miller", "told", "talks would continue")]),
        ("Miller told Reuters the talks would continue.", &[(I, "Miller", "told", "the talks would continue")]),
        ("He warned that reprisals would follow.", &[(I, "He", "warned", "reprisals would follow")]),
        ("Officials insisted the base would stay open.", &[(I, "Officials", "insisted", "the base would stay open")]),
        ("The government denied that troops were involved.", &[(I, "The government", "denied", "troops were involved")]),
        ("Niger accused the US of spying.", &[]),
        ("Niger accused the US of spying, claiming that drones flew over Niamey.", &[]),
        ("The ministry claimed that the vote was rigged.", &[(I, "The ministry", "claimed", "the vote was rigged")]),
        ("The army will leave, the minister said.", &[(I, "the minister", "said", "The army will leave")]),
        ("The army will leave, said the minister.", &[(I, "the minister", "said", "The army will leave")]),
        ("The army will leave, he said on Sunday.", &[(I, "he", "said", "The army will leave")]),
        ("According to Miller, talks are continuing.", &[(I, "Miller", "According to", "talks are continuing")]),
        ("Talks are continuing, according to officials.", &[(I, "officials", "according to", "Talks are continuing")]),
        ("Talks are continuing, according to Miller.", &[(I, "Miller", "according to", "Talks are continuing")]),
        ("US spokesperson Matthew Miller acknowledged the statement and indicated ongoing discussions with the junta.", &[(I, "US spokesperson Matthew Miller", "acknowledged", "the statement and indicated ongoing discussions with the junta")]),
        ("Col. Abdramane emphasised Niger’s pursuit of equipment, lamenting the indifference of others.", &[(I, "Col. Abdramane", "emphasised", "Niger’s pursuit of equipment")]),
        ("He also criticised US objections towards Niger’s allies.", &[]),
        ("Abdramane rebuked accusations made by the delegation.", &[]),
        ("Abdramane criticised the US, saying that its threats were unacceptable.", &[]),
        ("The minister said that the army would leave, adding that the base would close.", &[(I, "The minister", "said", "the army would leave, adding that the base would close"),]),
        ("The deal is said to be worth millions.", &[]),
        ("It was announced that the curfew would continue.", &[(I, "", "announced", "the curfew would continue")]),
        ("It has been reported that the army would leave.", &[(I, "", "reported", "the army would leave")]),
        ("He declined to say whether troops would leave.", &[]),
        ("Colonel Amadou Abdramane, Niger’s military spokesperson, declared that the pact was void.", &[(I, "Colonel Amadou Abdramane, Niger’s military spokesperson", "declared", "the pact was void")]),
        ("Mali and Burkina Faso said they would leave the bloc.", &[(I, "Mali and Burkina Faso", "said", "they would leave the bloc")]),
        ("The claims were denied.", &[]),
        ("His mother, Giselle, said her son's killer should be jailed.", &[(I, "His mother, Giselle", "said", "her son's killer should be jailed")]),
        ("Critics, who opposed his anti-war stance for years and campaigned against him, now call him a “stooge”.", &[(D, "", "call", "stooge")]),
        ("The report said nothing.", &[]),
        ("It said.", &[]),
        ("Furthermore, the junta said the pact was void.", &[(I, "the junta", "said", "the pact was void")]),
        ("He acknowledged the letter that was sent.", &[(I, "He", "acknowledged", "the letter that was sent")]),
        // "say" takes any clause or object
        ("Johnson said local officials should reach out to the government.", &[(I, "Johnson", "said", "local officials should reach out to the government")]),
        ("Mrs. Clinton said as much.", &[(I, "Mrs. Clinton", "said", "as much")]),
        ("He said of the plan that it was fiscally responsible.", &[(I, "He", "said", "it was fiscally responsible")]),
        // relative "who", a party label in parentheses, an adjunct before the clause
        ("Mr. Schultz, who left in 2015, said he did not support Mr. Trump.", &[(I, "Mr. Schultz, who left in 2015", "said", "he did not support Mr. Trump")]),
        ("He thanked Mr. Schultz, who said he did not support Mr. Trump.", &[(I, "who", "said", "he did not support Mr. Trump")]),
        ("Sen. David Perdue (R-Ga.) said he did not believe it.", &[(I, "Sen. David Perdue (R-Ga.)", "said", "he did not believe it")]),
        ("Trump said after the convention he would not accept the endorsement.", &[(I, "Trump", "said", "he would not accept the endorsement")]),
        // the clause stops before a quote taken by a direct statement
        (
            "She said fathers would not be eligible, and when pressed, the mother of three replied, “It is meant for mothers.”",
            &[(I, "She", "said", "fathers would not be eligible"), (D, "the mother of three", "replied", "It is meant for mothers.")],
        ),
        ("Authorities announced the arrest of a man and said a curfew would continue.", &[(I, "Authorities", "announced", "the arrest of a man"), (I, "Authorities", "said", "a curfew would continue")]),
        ("She rejected the plan, emphasizing it was time to end the sanctions.", &[]),
        ("She spoke on Monday, emphasizing it was time to end the sanctions.", &[(I, "She", "emphasizing", "it was time to end the sanctions")]),
        ("It says the campaign violated federal law.", &[(I, "It", "says", "the campaign violated federal law")]),
        ("It said.", &[]),
        ("Sanders told MSNBC's “Morning Joe” that nobody would question her intelligence.", &[(I, "Sanders", "told", "nobody would question her intelligence")]),
        ("Mr. Grassley and Mr. Leahy say other changes are needed.", &[(I, "Mr. Grassley and Mr. Leahy", "say", "other changes are needed")]),
        ("Political observers say that, in addition to Scott, he would consider Beyer.", &[(I, "Political observers", "say", "in addition to Scott, he would consider Beyer")]),
        ("Trump tweeted on Monday, saying that he feels as good as a 30-year-old.", &[(I, "Trump", "saying", "he feels as good as a 30-year-old")]),
        // beliefs, evidence, intentions and demands
        ("Mr. Obama believes his efforts will be his most consequential legacy.", &[(I, "Mr. Obama", "believes", "his efforts will be his most consequential legacy")]),
        ("A new poll shows Clinton leading Trump by three points.", &[(I, "A new poll", "shows", "Clinton leading Trump by three points")]),
        ("Police found the body of a man in the river.", &[]),
        ("She wants to triple the size of the programme.", &[(I, "She", "wants", "to triple the size of the programme")]),
        ("The rebels agreed to talks with the government.", &[]),
        ("The NAACP called for a moratorium on charter schools.", &[(I, "The NAACP", "called for", "a moratorium on charter schools")]),
        // progressives, and a participle with a that-clause after a non-speech verb
        ("The campaign is stressing that the plan is fair.", &[(I, "The campaign", "stressing", "the plan is fair")]),
        ("Clinton spoke for an hour, arguing that the plan was fair.", &[(I, "Clinton", "arguing", "the plan was fair")]),
        ("The court ruled that the law was unconstitutional.", &[(I, "The court", "ruled", "the law was unconstitutional")]),
        ("The king ruled the country for thirty years.", &[]),
        // a participle of "say" after a comma: the subject of the sentence speaks
        ("Mr. Obama spoke at the museum on Saturday, saying the country must face its past.", &[(I, "Mr. Obama", "saying", "the country must face its past")]),
    ];
    check_all(cases);
}

#[test]
fn speakers_resolve_to_mentions() {
    let text = "Colonel Amadou Abdramane spoke. “We will leave,” he said.";
    let mut d = doc(text);
    let m = |s: usize, e: usize, kind, ante: Option<MentionId>| Mention {
        span: Span::new(s, e),
        kind,
        name: "Amadou Abdramane".into(),
        country: Some("NER".into()),
        sector: None,
        title: None,
        role: None,
        place: None,
        antecedent: ante,
        guessed: false,
        origin: Origin::new("t", "t"),
    };
    d.mentions.push(m(0, 24, MentionKind::Person, None));
    let he = text.find(" he ").map(|x| x + 1).unwrap_or(0);
    d.mentions.push(m(he, he + 2, MentionKind::Pronoun, Some(MentionId(0))));
    let st = find_statements(&d);
    assert_eq!(st.len(), 1);
    assert_eq!(st[0].speaker, Some(MentionId(1)));
    assert_eq!(d.resolve(MentionId(1)), MentionId(0));
}

#[test]
fn seed_article() {
    let d = doc(include_str!("../../../../examples/niger-us-pact.txt"));
    let got = show(&d);
    let decl = got.iter().find(|s| s.2 == "declared").expect("declared statement");
    assert_eq!(decl.0, I);
    assert_eq!(decl.1, "Colonel Amadou Abdramane, Niger’s military spokesperson");
    assert!(decl.3.starts_with("the US presence within Niger was deemed unlawful"));
    let ack = got.iter().find(|s| s.2 == "acknowledged").expect("acknowledged statement");
    assert_eq!(ack.1, "US State Department spokesperson Matthew Miller");
    assert!(ack.3.starts_with("the statement and indicated ongoing discussions"));
    assert!(!got.iter().any(|s| s.2 == "indicated" || s.2 == "criticised" || s.2 == "rebuked"), "{got:#?}");
}

#[test]
fn never_panics() {
    for text in ["“", "”", "\"", "said", "“a” said", "according to", ", said", "“x,” said “y” said", "' ' ' '", "told", "that", "He said that", "“\n\n”"] {
        let _ = show(&doc(text));
        let _ = find_statements(&Doc::new(Article::from_text("t", text)));
    }
}

#[test]
fn random_mixtures_never_panic() {
    // Fixed-seed mixtures of the characters and words the stages treat specially.
    let parts = [
        "“", "”", "‘", "’", "\"", "'", " ", "\n", "\n\n", ".", ",", "said", "told", "that", "according", "to", "Col.",
        "U.S.", "$", "€", "5", "1,100", "3.5", "million", "%", "killed", "at", "least", "He", "the", "minister", "é",
        "…", "?!", "-", "—", "(", ")", "of", "hundreds", "dozen", "2016", "in", ":", "Reuters", "n't", "Niger’s",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(parts[(seed % parts.len() as u64) as usize]);
            if seed % 3 == 0 {
                text.push(' ');
            }
        }
        let d = doc(&text);
        let _ = find_statements(&d);
        let _ = crate::find_quantities(&d);
    }
}

/// Throughput of quantities + statements over the first 2,000 news articles (an
/// evaluation, not a check): `cargo test -p griot-extract --release -- --ignored
/// --nocapture stage_throughput`.
#[test]
#[ignore]
fn stage_throughput() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
        .unwrap_or_default();
    files.sort();
    let mut docs = Vec::new();
    'f: for f in files {
        let Ok(data) = std::fs::read_to_string(&f) else { continue };
        for line in data.lines() {
            if docs.len() >= 2000 {
                break 'f;
            }
            if let Some(t) = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v["text"].as_str().map(str::to_string)) {
                docs.push(doc(&t));
            }
        }
    }
    if docs.is_empty() {
        docs.push(doc(include_str!("../../../../examples/niger-us-pact.txt")));
    }
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let mb = bytes as f64 / 1e6;
    for round in 0..3 {
        let t = std::time::Instant::now();
        let q: usize = docs.iter().map(|d| crate::find_quantities(d).len()).sum();
        let tq = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let s: usize = docs.iter().map(|d| find_statements(d).len()).sum();
        let ts = t.elapsed().as_secs_f64();
        println!(
            "round {round}: {} docs, {mb:.2} MB: quantities {:.1} MB/s ({q}), statements {:.1} MB/s ({s}), both {:.1} MB/s",
            docs.len(),
            mb / tq,
            mb / ts,
            mb / (tq + ts)
        );
    }
}

#[test]
fn a_relative_that_after_the_clause_began_is_no_complementizer() {
    check_all(&[
        (
            "North Korea said it would strike any US warship that entered its waters.",
            &[(I, "North Korea", "said", "it would strike any US warship that entered its waters")],
        ),
        ("The minister said on Monday that the army had killed ten militants.", &[(I, "The minister", "said", "the army had killed ten militants")]),
    ]);
}
