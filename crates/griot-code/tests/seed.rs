//! The founding example (examples/niger-us-pact.txt) with its mentions marked by hand, so
//! the coder is tested on its own, independent of the actor stage. The same article through
//! the whole pipeline is tested in griot-eval/tests/seed_events.rs.
use griot_code::{testing::marked_doc, Coder};
use griot_text::{Doc, Event, EventStatus};

const SEED: &str = r#"[Niger|NER]’s [military junta|NER|MIL|nominal] has officially revoked a military pact permitting the deployment of [US|USA|MIL] personnel within [the country|=Niger]. The announcement, made on Saturday, coincided with a visit from a [Washington|USA|GOV] delegation to [Niamey|NER||place] earlier in the week for discussions with [the nation|=Niger]’s [military leadership|NER|MIL|nominal].
[US forces|USA|MIL|nominal] used their presence in [Niger|NER] to monitor extremist activity within the region.
[The junta|=military junta]’s latest decision, established since July last year, underscores a shift towards closer ties with [Russia|RUS], particularly following the expulsion of [French troops|FRA|MIL|nominal] in December.
Colonel [Amadou Abdramane|NER|MIL|person], [Niger|NER]’s military spokesperson, declared on national television that the [US|USA] presence within [Niger|NER] was deemed unlawful and in violation of constitutional and democratic principles, as it lacked the consultation of the sovereign people.
Furthermore, Col. [Abdramane|=Amadou Abdramane] rebuked accusations made by [the US delegation|USA|GOV|nominal], alleging [Niger|NER]’s involvement in clandestine dealings with [Iran|IRN] regarding uranium supply and labelling the claims as cynical and reminiscent of past conflicts.
[He|=Amadou Abdramane] also criticised [US|USA] objections towards [Niger|NER]’s chosen allies, denouncing what [he|=Amadou Abdramane] described as a condescending attitude and threats of reprisals against [the government|NER|GOV|nominal] and people of [Niger|NER].
Responding to [the junta|=military junta]’s decision, [US State Department|USA|GOV|org] spokesperson [Matthew Miller|USA|GOV|person] acknowledged the statement and indicated ongoing discussions with [the junta|=military junta] regarding concerns over its trajectory.
Approximately 650 [US personnel|USA|MIL|nominal] are believed to be stationed in [Niger|NER], with investments in a drone base initiated in 2016 for surveillance and targeting purposes against [militant groups|REB|nominal] in the [Sahel|||place] region.
The rise in militant activities across the [Sahel|||place] has engendered instability, culminating in coups in neighbouring [Mali|MLI] and [Burkina Faso|BFA]. Consequently, [Niger|NER], along with its neighbours, has formed a military alliance.
[Niger|NER]’s military seizure of power last July cited deteriorating security conditions, prompting the overthrow of elected [President Mohamed Bazoum|NER|GOV|person].
Amidst growing discontent with former colonial power [France|FRA], [French troops|FRA|MIL|nominal] departed [Niger|NER] in December, relinquishing their role in counter-terrorism efforts.
While initially adopting a more conciliatory approach towards the [US|USA], [Niger|NER]’s [junta|=military junta] has pivoted its stance, manifesting in the termination of the military pact and a burgeoning alignment with [Russia|RUS]. Last December, [Prime Minister Ali Mahaman Lamine Zeine|NER|GOV|person] engaged in discussions in [Moscow|RUS||place], signalling intentions for enhanced military and economic cooperation.
Addressing burgeoning ties with [Russia|RUS], Col. [Abdramane|=Amadou Abdramane] emphasised [Niger|NER]’s pursuit of essential military equipment to combat terrorism, lamenting the international community’s indifference towards the plight of Nigerien victims."#;

fn country(p: &Option<griot_text::Participant>) -> &str {
    p.as_ref().and_then(|p| p.country.as_deref()).unwrap_or("-")
}

fn find<'a>(doc: &Doc, events: &'a [Event], trigger: &str, t: &str, a: &str, r: &str) -> &'a Event {
    events
        .iter()
        .find(|e| {
            doc.slice(e.trigger) == trigger
                && e.event_type == t
                && country(&e.actor) == a
                && country(&e.recipient) == r
        })
        .unwrap_or_else(|| {
            let got: Vec<String> = events
                .iter()
                .map(|e| {
                    format!(
                        "{:?} {} {}->{} {:?}",
                        doc.slice(e.trigger),
                        e.event_type,
                        country(&e.actor),
                        country(&e.recipient),
                        e.status
                    )
                })
                .collect();
            panic!("no {t} {a}->{r} on {trigger:?} in\n{}", got.join("\n"))
        })
}

#[test]
fn seed_events() {
    let doc = marked_doc(SEED);
    let coder = Coder::builtin().unwrap();
    let ev = coder.code_events(&doc);
    let revoke = find(&doc, &ev, "revoked", "SANCTION", "NER", "USA");
    assert_eq!(revoke.mode.as_deref(), Some("discontinue"));
    assert!(revoke.context.iter().any(|c| c == "military"));
    assert_eq!(revoke.origin.rule, "revoke_agreement");
    assert_eq!(revoke.origin.stage, "code");
    // "the termination of the military pact" is merged into the revocation
    assert!(
        revoke
            .evidence
            .iter()
            .any(|s| doc.slice(*s) == "termination"),
        "{:?}",
        revoke.evidence
    );
    assert!(!ev.iter().any(|e| doc.slice(e.trigger) == "termination"));
    let visit = find(&doc, &ev, "visit", "CONSULT", "USA", "NER");
    assert_eq!(visit.mode.as_deref(), Some("visit"));
    assert!(visit.location.is_some());
    let expel = find(&doc, &ev, "expulsion", "SANCTION", "NER", "FRA");
    assert_eq!(expel.mode.as_deref(), Some("expel"));
    find(&doc, &ev, "unlawful", "ACCUSE", "NER", "USA");
    let rebuke = find(&doc, &ev, "rebuked", "REJECT", "NER", "USA");
    assert_eq!(rebuke.status, EventStatus::Asserted);
    let accusation = find(&doc, &ev, "accusations", "ACCUSE", "USA", "NER");
    assert_ne!(accusation.status, EventStatus::Asserted);
    find(&doc, &ev, "criticised", "ACCUSE", "NER", "USA");
    let threats = find(&doc, &ev, "threats", "THREATEN", "USA", "NER");
    assert_ne!(threats.status, EventStatus::Asserted);
    find(&doc, &ev, "discussions", "CONSULT", "USA", "NER");
    let coup = find(&doc, &ev, "seizure", "COERCE", "NER", "NER");
    assert!(coup.evidence.iter().any(|s| doc.slice(*s) == "overthrow"));
    let left = find(&doc, &ev, "departed", "RETREAT", "FRA", "NER");
    assert_eq!(left.mode.as_deref(), Some("withdraw"));
    find(&doc, &ev, "discussions", "CONSULT", "NER", "RUS");
    // no asserted deal between Niger and Iran
    assert!(!ev
        .iter()
        .any(|e| country(&e.recipient) == "IRN" && e.status == EventStatus::Asserted));
    // dates are filled later by griot-time
    assert!(ev.iter().all(|e| e.date.is_none()));
}
