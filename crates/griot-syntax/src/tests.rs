//! Unit tests: training determinism on an embedded toy treebank, the shipped model on news
//! sentences, and inputs that must not panic. Hermetic: no treebank needed.

use crate::train::{evaluate, read_conllu, train, TrainConfig};
use crate::{Deprel, Parse, Syntax, Upos, Xpos};

const TOY: &str = "\
# newdoc id = toy-1
# sent_id = toy-1
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\ttown\ttown\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = toy-2
1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_
3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
6\tLagos\tLagos\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = toy-3
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\ttalks\ttalk\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_
3\twere\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\theld\thold\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t7\tcase\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tministers\tminister\tNOUN\tNNS\t_\t4\tobl:agent\t_\t_
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = toy-4
1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
1\tdid\tdo\tAUX\tVBD\t_\t3\taux\t_\t_
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_
3\tsign\tsign\tVERB\tVB\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tdeal\tdeal\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = toy-5
1\tNiger\tNiger\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tjunta\tjunta\tNOUN\tNN\t_\t4\tnsubj\t_\t_
4\tclosed\tclose\tVERB\tVBD\t_\t0\troot\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tborder\tborder\tNOUN\tNN\t_\t4\tobj\t_\t_
6.1\tempty\t_\t_\t_\t_\t_\t_\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = toy-6
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tpresident\tpresident\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\the\the\tPRON\tPRP\t_\t6\tnsubj\t_\t_
5\twould\twould\tAUX\tMD\t_\t6\taux\t_\t_
6\tresign\tresign\tVERB\tVB\t_\t3\tccomp\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";

fn toy_config() -> TrainConfig {
    TrainConfig {
        tagger_epochs: 6,
        parser_epochs: 8,
        folds: 2,
        min_count_tagger: 0,
        min_count_parser: 0,
        dict_min: 2,
        pair_min: 1,
        ..TrainConfig::default()
    }
}

#[test]
fn reads_conllu_skipping_ranges_and_empty_nodes() {
    let s = read_conllu(TOY);
    assert_eq!(s.len(), 6);
    assert_eq!(s[3].words, ["did", "n't", "sign", "the", "deal", "."]);
    assert_eq!(s[4].words.len(), 7);
    assert_eq!(s[0].doc, "toy-1");
    assert_eq!(s[2].deprel[6], "obl:agent");
}

#[test]
fn training_is_deterministic_and_learns_the_toy_treebank() {
    let sents = read_conllu(TOY);
    let a = train(&sents, &[], &toy_config(), &mut |_| {});
    let b = train(&sents, &[], &toy_config(), &mut |_| {});
    assert_eq!(a, b, "same data and seed must give the same model bytes");
    let syn = Syntax::from_gz(&a).expect("toy model loads");
    let sc = evaluate(&syn, &sents);
    assert!(
        sc.upos > 90.0 && sc.uas > 80.0,
        "toy training set not learned: {sc}"
    );
    // a different seed still trains (and need not give the same bytes)
    let c = train(
        &sents,
        &[],
        &TrainConfig {
            seed: 7,
            ..toy_config()
        },
        &mut |_| {},
    );
    assert!(Syntax::from_gz(&c).is_ok());
}

#[test]
fn bad_model_bytes_are_errors() {
    assert!(Syntax::from_gz(b"").is_err());
    assert!(Syntax::from_gz(b"not gzip at all").is_err());
    let good = train(&read_conllu(TOY), &[], &toy_config(), &mut |_| {});
    // truncate the uncompressed body
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&good[..]), &mut raw).unwrap();
    raw.truncate(raw.len() / 2);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &raw).unwrap();
    assert!(Syntax::from_gz(&gz.finish().unwrap()).is_err());
}

#[test]
fn builtin_model_loads() {
    let s = Syntax::builtin().expect("the embedded model must load");
    assert!(s.tags.len() > 40 && s.labels.len() > 40, "{s:?}");
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

fn find(ws: &[&str], w: &str) -> usize {
    ws.iter()
        .position(|x| *x == w)
        .unwrap_or_else(|| panic!("{w} not in sentence"))
}

fn show(ws: &[&str], p: &Parse) -> String {
    (0..p.len())
        .map(|i| {
            format!(
                "{i}:{}/{}/{} <-{}- {}",
                ws[i],
                p.xpos[i].as_str(),
                p.upos[i].as_str(),
                p.rel(i),
                p.head[i].map(|h| ws[h]).unwrap_or("ROOT")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts that `dep` hangs from `head` with relation `rel`.
fn arc(ws: &[&str], p: &Parse, dep: &str, head: &str, rel: &str) {
    let (d, h) = (find(ws, dep), find(ws, head));
    assert_eq!(
        (p.head[d], p.rel(d)),
        (Some(h), rel),
        "{dep} <-{rel}- {head}\n{}",
        show(ws, p)
    );
}

#[test]
fn news_sentences_have_the_expected_core_arcs() {
    let syn = Syntax::shared();
    let ws = words("The US launched a missile strike against Syria .");
    let p = syn.parse(&ws);
    assert_eq!(p.root(), Some(2), "{}", show(&ws, &p));
    assert_eq!(p.upos[2], Upos::Verb);
    arc(&ws, &p, "US", "launched", "nsubj");
    arc(&ws, &p, "strike", "launched", "obj");
    // "against Syria" is an oblique of the verb or (as UD EWT often has it) a modifier of
    // the noun "strike": either way it hangs from the verb phrase with case "against".
    let syria = find(&ws, "Syria");
    assert!(
        matches!(
            (p.head[syria], p.rel(syria)),
            (Some(2), "obl") | (Some(5), "nmod")
        ),
        "{}",
        show(&ws, &p)
    );
    arc(&ws, &p, "against", "Syria", "case");
    assert_eq!(p.child_with(7, "case"), Some(6));
    assert!(p.children(2).collect::<Vec<_>>().starts_with(&[1, 5]));

    let ws = words("Two soldiers were killed by rebels in northern Mali on Sunday .");
    let p = syn.parse(&ws);
    arc(&ws, &p, "soldiers", "killed", "nsubj:pass");
    arc(&ws, &p, "were", "killed", "aux:pass");
    arc(&ws, &p, "rebels", "killed", "obl:agent");
    assert!(p
        .children_with(find(&ws, "killed"), "obl")
        .any(|j| ws[j] == "rebels"));
    // (known weakness: "in northern Mali" may attach to "rebels" instead of "killed")

    let ws = words("Niger ’s junta expelled the French ambassador on Thursday .");
    let p = syn.parse(&ws);
    arc(&ws, &p, "Niger", "junta", "nmod:poss");
    arc(&ws, &p, "’s", "Niger", "case");
    arc(&ws, &p, "junta", "expelled", "nsubj");
    arc(&ws, &p, "ambassador", "expelled", "obj");
    assert_eq!(p.xpos[1], Xpos::from_name("POS"));

    let ws = words("Protesters did n't leave the square , police said .");
    let p = syn.parse(&ws);
    arc(&ws, &p, "Protesters", "leave", "nsubj");
    arc(&ws, &p, "n't", "leave", "advmod");
    arc(&ws, &p, "square", "leave", "obj");

    let ws = words("Russia and China blocked a U.N. resolution that condemned the attack .");
    let p = syn.parse(&ws);
    arc(&ws, &p, "Russia", "blocked", "nsubj");
    arc(&ws, &p, "China", "Russia", "conj");
    arc(&ws, &p, "resolution", "blocked", "obj");
    arc(&ws, &p, "condemned", "resolution", "acl:relcl");

    let ws = words("Israel called off the talks with Hamas .");
    let p = syn.parse(&ws);
    arc(&ws, &p, "off", "called", "compound:prt");
    arc(&ws, &p, "talks", "called", "obj");
}

#[test]
fn numbers_and_quotes_are_tagged() {
    let syn = Syntax::shared();
    let ws = words("“ We will pay $ 1,100 , ” he said on 12 March 2024 .");
    let p = syn.parse(&ws);
    assert_eq!(p.upos[find(&ws, "1,100")], Upos::Num, "{}", show(&ws, &p));
    assert_eq!(p.upos[find(&ws, "2024")], Upos::Num, "{}", show(&ws, &p));
    assert_eq!(p.upos[0], Upos::Punct);
    assert_eq!(p.upos[find(&ws, "said")], Upos::Verb);
}

#[test]
fn odd_inputs_do_not_panic_and_give_one_root() {
    let syn = Syntax::shared();
    let long: Vec<String> = (0..600)
        .map(|i| {
            if i % 7 == 6 {
                ",".into()
            } else {
                format!("word{i}")
            }
        })
        .collect();
    let long: Vec<&str> = long.iter().map(String::as_str).collect();
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec![""],
        vec!["", "", ""],
        vec!["."],
        vec!["\u{0}", "\u{FEFF}", "\u{200B}", "\t", "\n"],
        vec!["🙂", "ⅷ", "٣٤", "中国", "Ωμέγα", "e\u{301}"],
        vec!["a"; 300],
        vec!["ＵＳ", "ＬＡＵＮＣＨＥＳ", "ＳＴＲＩＫＥ"],
        vec!["x".repeat(10_000).leak() as &str, "y"],
        long,
    ];
    for ws in cases {
        let p = syn.parse(&ws);
        assert_eq!(
            (p.len(), p.upos.len(), p.xpos.len(), p.deprel.len()),
            (ws.len(), ws.len(), ws.len(), ws.len())
        );
        let roots = p.head.iter().filter(|h| h.is_none()).count();
        assert_eq!(roots, usize::from(!ws.is_empty()));
        for (i, h) in p.head.iter().enumerate() {
            if let Some(h) = h {
                assert!(*h < ws.len() && *h != i);
            } else {
                assert_eq!(p.deprel[i], Deprel::ROOT);
            }
        }
        assert_eq!(syn.tag(&ws).len(), ws.len());
    }
    assert_eq!(Parse::default().rel(3), "");
}

#[test]
fn trees_are_acyclic() {
    let syn = Syntax::shared();
    let ws = words(
        "After the vote , the parliament , which had met for hours , adjourned until Monday .",
    );
    let p = syn.parse(&ws);
    for mut i in 0..p.len() {
        let mut steps = 0;
        while let Some(h) = p.head[i] {
            i = h;
            steps += 1;
            assert!(steps <= p.len(), "cycle");
        }
    }
}

#[test]
fn headline_case_does_not_derail_the_verb() {
    let syn = Syntax::shared();
    let ws = words("US Launches Missile Strike Against Syria");
    let p = syn.parse(&ws);
    assert_eq!(p.upos[0], Upos::Propn, "{}", show(&ws, &p));
    let ws = words("SUDAN ACCUSES RSF OF ATTACKS IN DARFUR");
    let p = syn.parse(&ws);
    assert_eq!(p.root(), Some(1), "{}", show(&ws, &p));
    assert_eq!(p.upos[1], Upos::Verb);
    arc(&ws, &p, "SUDAN", "ACCUSES", "nsubj");
    arc(&ws, &p, "RSF", "ACCUSES", "obj");
    let ws = words("US TROOPS LEAVE IRAQ");
    let p = syn.parse(&ws);
    arc(&ws, &p, "TROOPS", "LEAVE", "nsubj");
    arc(&ws, &p, "IRAQ", "LEAVE", "obj");
}
