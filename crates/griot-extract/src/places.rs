//! Places: finds gazetteer names in the text and resolves every place mention to a GeoNames
//! entry (id, lat/lon, country, admin1, feature).
//!
//! It owns place finding and toponym resolution. It does not decide who is an actor: mentions
//! that the actor stage made (countries, people, organisations) keep their kind, and a new
//! place is never laid over them; only names of unknown kind and guessed people that are the
//! name of a large place ("as Los Angeles election officials finished") become places. A
//! country or capital used as a place ("in Niger", "troops stationed in Niger", "from Mali")
//! gets its place; used for an actor ("Niger revoked", "Moscow said", "Russian troops",
//! "Israel's prime minister") it gets the place its name denotes with `Place::actor` set, and
//! so do organisations and people whose phrase starts with a place ("Ohio State University",
//! "Walker County Judge Danny Pierce"): geoparsing counts those toponyms, while
//! `Mention::location`, which the coder reads, leaves them out.
//!
//! How a name is read, in order: an admin1 or country right after it ("Paris, Texas",
//! "Tripoli, Lebanon", "Springfield, Ill."), the dateline ("NIAMEY, March 16 -", also after a
//! headline or a byline's date, and read with the article's states when it has none), the
//! states that the article's towns and counties may lie in (each name's vote split over its
//! states, never counted for itself: "Decatur", "DeKalb County" and "Avondale Estates" agree on
//! Georgia), the countries the article names (an actor name that is also a sizeable place
//! elsewhere, "Paris", "Georgia", gives none), then population. Rule ids (`Origin::rule`):
//! `dateline`, `admin1_hint`, `country_hint`, `context_admin1`, `context_country`,
//! `gazetteer_population`, `same_name` (a later bare mention of a name read with a hint) and
//! `actor_place`; mentions of the actor stage keep their rule.
//!
//! ```
//! use griot_extract::PlaceResolver;
//! use griot_lexicon::Gazetteer;
//! use griot_text::{split_sentences, tokenize, Article, Doc};
//! let mut doc = Doc::new(Article::from_text("a", "Talks were held in Niamey and in Paris, Texas."));
//! doc.sentences = split_sentences(doc.text());
//! doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
//! let mentions = PlaceResolver::new(&Gazetteer::builtin()).resolve_places(&doc);
//! let places: Vec<_> = mentions.iter().filter_map(|m| m.place.as_ref()).map(|p| (p.name.as_str(), p.country.as_deref())).collect();
//! assert_eq!(places, [("Niamey", Some("NER")), ("Paris", Some("USA")), ("Texas", Some("USA"))]);
//! ```
//!
//! Known misses: places smaller than the gazetteer's cut-off (5,000 people; 1,000 in the US);
//! non-US counties and provinces (no data); street addresses and buildings; a town named like a
//! person is dropped when the article uses the name for a person; a town that many US places
//! share ("Richmond") when the article names none of their states; a small town named like a
//! foreign capital ("Dublin", Ohio) in an article that names nothing of its state.

use std::collections::HashSet;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use griot_lexicon::gazetteer::{name_hash, Candidate, Entry, EntryId, Feature, NameHasher, NameMap};
use griot_lexicon::Gazetteer;
use griot_text::{Doc, Mention, MentionKind, Origin, Place, Span, Token, TokenKind};

const STAGE: &str = "places";

/// Single words that are names of some place but far more often something else. They are
/// read as places only after a locative preposition or with a hint ("Mobile, Alabama").
const COMMON_WORDS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Of", "The", "And",
    "Will", "Can", "Mobile", "Reading", "Bath", "Split", "Male", "Nice", "Police", "Best", "Hope", "Liberty",
    "Independence", "Unity", "Union", "Commerce", "Enterprise", "Progress", "Justice", "Friendship", "Concord",
    "Victory", "Freedom", "Energy", "Industry", "Paradise", "Eden", "Bar", "Van", "Mark", "Price", "Young", "Home",
    "Center", "Centre", "Orange", "Lake", "Beach", "Mount", "Golden", "Mission", "Temple", "Alliance", "Pleasant",
    "Normal", "Hazard", "Chance", "Truth", "Early", "Rock", "Hill", "Ocean", "Island", "Star", "Sandy", "Crystal",
    "Surprise", "Wisdom", "Sale", "Deal", "Lens", "Bay", "Gap", "Post", "Congress", "Senate", "Republic", "Federal",
    "National", "General", "Marshal", "Colonel", "Major", "President", "Governor", "Mayor", "Sheriff", "Judge",
    "Council", "Court", "Obama", "Bush", "Street", "Church", "School", "Hospital", "County", "City", "Town", "Village",
    "Valley", "Park", "Harbor", "Harbour", "Port", "Garden", "Gardens", "Spring", "Springs", "Summit", "Ranch",
    "Mountain", "River", "Forest", "North", "South", "East", "West", "Central", "Middle", "Northern", "Southern",
    "Eastern", "Western", "Christmas", "Easter", "Reform", "Security", "Welcome", "Pride", "Protection", "Success",
    "Effort", "Value", "Worth", "Ponder", "Humble", "Manor", "Plain", "Plains", "Grand", "Royal", "Marina", "Sour",
    "Bloom", "Chelsea", "Mercedes", "Cologne", "Champagne", "Bordeaux", "Burgundy", "Cognac", "Sherry", "She", "He",
    "It", "We", "They", "His", "Her", "This", "That", "There", "But", "Also", "Most", "Many", "Some", "All", "Any",
    "Today", "Tomorrow", "Yesterday", "Internet", "Online", "Google", "Apple", "Amazon", "Boeing", "Airbus",
    "University", "College", "Institute", "Academy", "Arab", "English", "Hamas", "Hospital", "Library", "Museum",
];

/// Names never read as places on their own: months, days, seats of power named for their
/// occupants.
const NEVER: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "White House",
    "Pentagon", "Kremlin", "Downing Street", "Elysee", "Élysée", "Christmas", "Easter", "Thanksgiving", "Halloween",
];

/// Words that make the following name a place.
const LOCATIVE: &[&str] = &[
    "in", "across", "inside", "within", "into", "from", "to", "throughout", "near", "at", "via", "outside", "around",
    "towards", "toward", "through", "between", "of", "visit", "visited", "visiting", "entered", "reached", "left",
    "leave", "fled", "flew", "arrived", "travelled", "traveled", "north", "south", "east", "west", "northeast",
    "northwest", "southeast", "southwest", "along", "beyond", "off",
];

/// Words that may stand between a locative word and the name ("in northern Niger").
const LOCATIVE_FILLERS: &[&str] = &[
    "the", "northern", "southern", "eastern", "western", "central", "neighbouring", "neighboring", "rural", "downtown",
    "nearby", "of", "remote", "coastal", "north", "south", "east", "west", "northeastern", "northwestern",
    "southeastern", "southwestern",
];

/// Titles that make the following name a person's.
const HONORIFICS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpl", "Maj", "Prof",
    "Rev", "Sir", "Lord", "Lady", "Judge", "Justice", "President", "Senator", "Governor", "Mayor", "Officer",
    "Detective", "Coach", "Pastor", "Father", "Brother", "Sister", "Saint", "Pope", "King", "Queen", "Prince",
    "Princess", "Rabbi", "Imam", "Sheikh", "Deputy", "Chief", "Commissioner", "Councilman", "Councilwoman",
];

/// Associated Press abbreviations of US states, with their postal codes.
const AP_STATES: &[(&str, &str)] = &[
    ("Ala.", "AL"), ("Ariz.", "AZ"), ("Ark.", "AR"), ("Calif.", "CA"), ("Colo.", "CO"), ("Conn.", "CT"),
    ("Del.", "DE"), ("Fla.", "FL"), ("Ga.", "GA"), ("Ill.", "IL"), ("Ind.", "IN"), ("Kan.", "KS"), ("Kans.", "KS"),
    ("Ky.", "KY"), ("La.", "LA"), ("Md.", "MD"), ("Mass.", "MA"), ("Mich.", "MI"), ("Minn.", "MN"), ("Miss.", "MS"),
    ("Mo.", "MO"), ("Mont.", "MT"), ("Neb.", "NE"), ("Nebr.", "NE"), ("Nev.", "NV"), ("N.H.", "NH"), ("N.J.", "NJ"),
    ("N.M.", "NM"), ("N.Y.", "NY"), ("N.C.", "NC"), ("N.D.", "ND"), ("Okla.", "OK"), ("Ore.", "OR"), ("Pa.", "PA"),
    ("R.I.", "RI"), ("S.C.", "SC"), ("S.D.", "SD"), ("Tenn.", "TN"), ("Tex.", "TX"), ("Va.", "VA"), ("Vt.", "VT"),
    ("Wash.", "WA"), ("W.Va.", "WV"), ("W. Va.", "WV"), ("Wis.", "WI"), ("Wisc.", "WI"), ("Wyo.", "WY"), ("D.C.", "DC"),
];

/// Below this population a town needs support (context, hint or a locative word) to be read.
const SMALL_TOWN: u64 = 20_000;

/// Finds and resolves places; built once from a gazetteer, then called per document.
pub struct PlaceResolver {
    gazetteer: Gazetteer,
    /// Hash of the first token of every usable name -> the most tokens a name starting with
    /// it has (a hash collision only costs a few extra lookups).
    first_tokens: HashMap<u64, u8, BuildHasherDefault<NameHasher>>,
    common: HashSet<&'static str>,
    /// US postal codes ("TX") -> admin1 entry.
    us_codes: NameMap<EntryId>,
    /// AP abbreviations of US states ("Ill.", "W.Va.") read as names of their state.
    abbreviations: NameMap<Vec<Candidate>>,
}

/// A gazetteer name found in the text.
#[derive(Debug, Clone)]
struct Hit {
    span: Span,
    /// index of its first and last token in doc.tokens
    first: usize,
    last: usize,
    /// candidates allowed by a hint after the name, with the hint's rule
    hint: Option<(Hint, &'static str)>,
    /// the hint's own words, when they are an abbreviation ("Ill.", "TX") and so no hit
    hint_span: Option<Span>,
    locative: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Hint {
    Admin1(EntryId),
    Country(EntryId),
}

#[derive(Default)]
struct Context {
    /// ISO-3 codes with weights
    countries: Vec<([u8; 3], f64)>,
    /// admin1 entries the article names or has towns in, with weights
    admin1: Vec<(EntryId, f64)>,
    /// the part of `admin1` that comes from the state's own name being mentioned
    admin1_named: Vec<(EntryId, f64)>,
    /// per town or county name, the weight its own readings gave their states (a name's
    /// readings do not support themselves)
    votes: HashMap<String, Vec<(EntryId, f64)>>,
    dateline_country: Option<[u8; 3]>,
    /// the part of `countries` that people's nationalities gave
    from_people: Vec<([u8; 3], f64)>,
}

impl Context {
    fn add_country(&mut self, code: &str, w: f64) {
        let b = code.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) {
            return;
        }
        let c = [b[0], b[1], b[2]];
        match self.countries.iter_mut().find(|(k, _)| *k == c) {
            Some((_, x)) => *x += w,
            None => self.countries.push((c, w)),
        }
    }
    fn add_admin1(&mut self, id: EntryId, w: f64) {
        match self.admin1.iter_mut().find(|(k, _)| *k == id) {
            Some((_, x)) => *x += w,
            None => self.admin1.push((id, w)),
        }
    }
    fn add_person_country(&mut self, code: &str) {
        let Some(c) = code_of(Some(code)) else { return };
        match self.from_people.iter_mut().find(|(k, _)| *k == c) {
            Some((_, x)) => *x += 1.0,
            None => self.from_people.push((c, 1.0)),
        }
    }
    fn person_country_weight(&self, code: &str) -> f64 {
        self.from_people.iter().find(|(k, _)| Some(*k) == code_of(Some(code))).map_or(0.0, |(_, w)| *w)
    }
    fn add_admin1_named(&mut self, id: EntryId, w: f64) {
        self.add_admin1(id, w);
        match self.admin1_named.iter_mut().find(|(k, _)| *k == id) {
            Some((_, x)) => *x += w,
            None => self.admin1_named.push((id, w)),
        }
    }
    /// Evidence for a state other than its own name: its towns, hints, the dateline.
    fn admin1_support(&self, id: EntryId) -> f64 {
        let own = self.admin1_named.iter().find(|(k, _)| *k == id).map_or(0.0, |(_, w)| *w);
        (self.admin1_weight(id) - own).max(0.0)
    }
    /// Evidence for state `id` other than the name `name` itself.
    fn admin1_without(&self, id: EntryId, name: &str) -> f64 {
        let own = self.votes.get(name).and_then(|v| v.iter().find(|(k, _)| *k == id)).map_or(0.0, |(_, w)| *w);
        (self.admin1_weight(id) - own).max(0.0)
    }
    fn admin1_weight(&self, id: EntryId) -> f64 {
        self.admin1.iter().find(|(k, _)| *k == id).map_or(0.0, |(_, w)| *w)
    }
    fn country_weight(&self, code: Option<&str>) -> f64 {
        let Some(b) = code.map(str::as_bytes) else { return 0.0 };
        self.countries.iter().find(|(k, _)| k.as_slice() == b).map_or(0.0, |(_, w)| *w)
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Tokens of a name by the simplest splitting (runs of letters/digits, single other chars):
/// an upper bound on any tokenizer's count, since finer tokenizers only merge.
fn rough_token_count(name: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                n += 1;
            }
            in_word = true;
        } else {
            in_word = false;
            if !c.is_whitespace() {
                n += 1;
            }
        }
    }
    n
}

fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Great-circle distance in kilometres between two (lat, lon) points in degrees.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    great_circle_km(a, b)
}

impl PlaceResolver {
    pub fn new(gazetteer: &Gazetteer) -> PlaceResolver {
        let common: HashSet<&'static str> = COMMON_WORDS.iter().copied().collect();
        let mut first_tokens: HashMap<u64, u8, BuildHasherDefault<NameHasher>> = HashMap::default();
        for (name, cands) in gazetteer.names() {
            if !usable_name(name, cands, gazetteer) {
                continue;
            }
            let n = rough_token_count(name).min(12) as u8;
            let first = first_token(name);
            let e = first_tokens.entry(name_hash(first)).or_insert(0);
            *e = (*e).max(n);
        }
        let mut us_codes: NameMap<EntryId> = NameMap::default();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            if e.feature == Feature::Admin1 && e.country() == Some("USA") {
                us_codes.insert(e.admin1.clone(), i as EntryId);
            }
        }
        let mut abbreviations: NameMap<Vec<Candidate>> = NameMap::default();
        for (a, code) in AP_STATES {
            if let Some(&e) = us_codes.get(*code) {
                abbreviations.insert((*a).into(), vec![Candidate { entry: e, primary: true }]);
                let n = rough_token_count(a).min(12) as u8;
                // the tokenizer may keep "S.C." as one token or split "W. Va."
                for first in [first_token(a), a.split(' ').next().unwrap_or(a)] {
                    let f = first_tokens.entry(name_hash(first)).or_insert(0);
                    *f = (*f).max(n);
                }
            }
        }
        PlaceResolver { gazetteer: gazetteer.clone(), first_tokens, common, us_codes, abbreviations }
    }

    /// Gazetteer candidates of a name, or the state an AP abbreviation names.
    fn lookup(&self, name: &str) -> &[Candidate] {
        let c = self.gazetteer.lookup(name);
        if c.is_empty() {
            if let Some(v) = self.abbreviations.get(name) {
                return v;
            }
        }
        c
    }

    /// The complete mention layer: `doc.mentions` in the same order (some given a `place`),
    /// followed by new place mentions in text order.
    pub fn resolve_places(&self, doc: &Doc) -> Vec<Mention> {
        let text = doc.text();
        let tokens = &doc.tokens;
        let mut out = doc.mentions.clone();

        // 1. Names in the text.
        let mut hits = self.find_hits(doc);
        let found_dateline = self.find_dateline(doc);
        let mut dateline = found_dateline.map(|(span, e, _, _)| (span, e));
        // a dateline without a state ("MANSFIELD --") is read again with the article's context
        let dateline_unhinted = found_dateline.is_some_and(|(_, _, _, hinted)| !hinted);

        // 2. What the article is about: countries of actor mentions, the dateline, hints,
        //    states it names, names with one clear reading.
        let mut ctx = Context::default();
        for m in &doc.mentions {
            if let Some(c) = &m.country {
                // a name that is also a sizeable place outside the actor's country ("Paris"
                // for France, "Georgia" the state) says nothing about which one is meant
                let from = hits.partition_point(|h| h.span.start < m.span.start);
                let inner = hits[from..].iter().take_while(|h| h.span.end <= m.span.end).any(|h| self.named_elsewhere(h.span.text(text), c));
                if inner || m.origin.rule == "the_country" || self.named_elsewhere(m.span.text(text), c) {
                    continue;
                }
                ctx.add_country(c, 1.0);
                if m.kind == MentionKind::Person {
                    ctx.add_person_country(c);
                }
            }
        }
        if let Some((_, id)) = dateline.filter(|_| !dateline_unhinted) {
            self.add_dateline_context(&mut ctx, id);
        }
        for h in &hits {
            let cands = self.lookup(h.span.text(text));
            let mut countries: Vec<&str> = Vec::new();
            for c in cands.iter().filter(|c| c.primary) {
                let e = self.gazetteer.entry(c.entry);
                if e.population >= SMALL_TOWN || e.feature != Feature::City {
                    if let Some(cc) = e.country() {
                        if !countries.contains(&cc) {
                            countries.push(cc);
                        }
                    }
                }
            }
            if let Some((hint, _)) = h.hint {
                let (Hint::Admin1(e) | Hint::Country(e)) = hint;
                if let Some(cc) = self.gazetteer.entry(e).country() {
                    ctx.add_country(cc, 1.0);
                }
                if let Hint::Admin1(e) = hint {
                    ctx.add_admin1(e, 2.0);
                }
            } else if countries.len() == 1 {
                ctx.add_country(countries[0], 0.5);
            }
            for c in cands {
                let e = self.gazetteer.entry(c.entry);
                if e.feature == Feature::Admin1 && c.primary && h.span.len() > 4 {
                    ctx.add_admin1_named(c.entry, 2.0);
                }
            }
        }

        // 3. Names used as surnames ("Hillary Clinton", "Mr. Lincoln") are people elsewhere
        //    in the article.
        let person_names: HashSet<&str> = hits.iter().filter(|h| self.after_given_name(doc, h)).map(|h| h.span.text(text)).collect();

        // Towns and counties vote for the states they may lie in, a name's vote split over
        // its states (up to six): "Decatur" and "DeKalb County" and "Avondale Estates"
        // together point to Georgia.
        let mut voted: HashSet<&str> = HashSet::new();
        for h in &hits {
            let name = h.span.text(text);
            if h.hint.is_some() || person_names.contains(name) || self.common.contains(name) || !voted.insert(name) {
                continue;
            }
            let mut states: Vec<EntryId> = Vec::new();
            for c in self.lookup(name).iter().filter(|c| c.primary) {
                let e = self.gazetteer.entry(c.entry);
                if matches!(e.feature, Feature::City | Feature::Admin2) {
                    if let Some(a) = e.country().and_then(|cc| self.gazetteer.admin1(cc, &e.admin1)) {
                        if !states.contains(&a) {
                            states.push(a);
                        }
                    }
                }
            }
            if states.is_empty() || states.len() > 6 {
                continue;
            }
            let w = 1.0 / states.len() as f64;
            for &a in &states {
                ctx.add_admin1(a, w);
            }
            ctx.votes.insert(name.to_string(), states.iter().map(|&a| (a, w)).collect());
        }

        if let Some((span, id)) = dateline.filter(|_| dateline_unhinted) {
            let title = title_case(span.text(text));
            let id = match self.choose(&title, None, &ctx, &None, None) {
                Some((e, "context_admin1")) => e,
                _ => id,
            };
            dateline = Some((span, id));
            self.add_dateline_context(&mut ctx, id);
        }

        // 4. Existing mentions: place kinds get resolved; countries used as places get one.
        let blocking = Spans::new(doc.mentions.iter().filter(|m| !matches!(m.kind, MentionKind::Nominal | MentionKind::Pronoun)).map(|m| m.span));
        for m in out.iter_mut() {
            match m.kind {
                MentionKind::Place | MentionKind::Other => {
                    let name = m.span.text(text);
                    let name = name.strip_prefix("the ").unwrap_or(name);
                    // hits are in text order: the first one inside the mention by binary search
                    let from = hits.partition_point(|h| h.span.start < m.span.start);
                    let hit = hits[from..].iter().take_while(|h| h.span.start <= m.span.end).find(|h| h.span.end <= m.span.end);
                    let hint = hit.and_then(|h| h.hint);
                    let is_other = m.kind == MentionKind::Other;
                    // a name of unknown kind becomes a place only as a plausible gazetteer name
                    if is_other && !hit.is_some_and(|h| h.span == m.span && self.plausible(doc, h, &person_names)) {
                        // or it is a name that starts with one ("Gainesville Police")
                        if let Some(p) = self.leading_place(doc, m, &hits, &ctx, &dateline) {
                            m.place = Some(p);
                        }
                        continue;
                    }
                    if self.lookup(name).is_empty() && !is_other {
                        // a place phrase built on a name: "Northeast Texas", "the Butler
                        // County Jail"
                        if let Some(mut p) = self.leading_place(doc, m, &hits, &ctx, &dateline) {
                            p.actor = false;
                            m.place = Some(p);
                        }
                        continue;
                    }
                    if let Some((e, rule)) = self.choose(name, hint, &ctx, &dateline, None) {
                        if hint.is_none() && matches!(rule, "gazetteer_population" | "context_country") && self.ambiguous_in_country(name, e) {
                            continue;
                        }
                        if is_other {
                            m.kind = MentionKind::Place;
                        }
                        self.fill(m, e, if rule == "gazetteer_population" { "actor_place" } else { rule });
                    }
                }
                MentionKind::Person if m.origin.rule.starts_with("guess_") || m.origin.rule == "person_coref" => {
                    // a guessed person that is the name of a large place and reads like none
                    // ("as Los Angeles election officials finished")
                    let from = hits.partition_point(|h| h.span.start < m.span.start);
                    let Some(h) = hits.get(from).filter(|h| h.span == m.span) else { continue };
                    let name = h.span.text(text);
                    if person_names.contains(name) || self.after_given_name(doc, h) || self.said_after(doc, h.last) || !self.plausible(doc, h, &person_names) {
                        continue;
                    }
                    let Some((e, rule)) = self.choose(name, h.hint, &ctx, &dateline, None) else { continue };
                    let entry = self.gazetteer.entry(e);
                    let large = match entry.feature {
                        Feature::City => entry.population >= 100_000 && h.first < h.last && !self.ambiguous_in_country(name, e),
                        Feature::Admin2 => false,
                        _ => true,
                    };
                    if large {
                        m.kind = MentionKind::Place;
                        self.fill(m, e, if rule == "gazetteer_population" { "actor_place" } else { rule });
                    }
                }
                MentionKind::Person => {
                    // "Walker County Judge Danny Pierce", "Florida Attorney General Bill
                    // McCollum": a state, county or country that starts a person's phrase
                    if let Some(p) = self.leading_place(doc, m, &hits, &ctx, &dateline).filter(|p| matches!(p.feature.as_str(), "admin1" | "admin2" | "country")) {
                        m.place = Some(p);
                    }
                }
                MentionKind::Organisation | MentionKind::Group => {
                    // "Texas Department of State Health Services", "Ohio State University":
                    // the place in the name, marked as an actor's
                    if let Some(p) = self.leading_place(doc, m, &hits, &ctx, &dateline) {
                        m.place = Some(p);
                    }
                }
                MentionKind::Country => {
                    // a dateline in capitals ("WASHINGTON, May 19 -", "NIAMEY —") says where
                    // the story was filed: a place, not an actor
                    let dl = dateline.filter(|(sp, _)| sp.start == m.span.start && sp.end == m.span.end);
                    if let Some((_, e)) = dl.filter(|_| m.span.text(text).chars().all(|c| !c.is_lowercase())) {
                        let mut p = self.place(self.gazetteer.entry(e));
                        p.actor = false;
                        m.place = Some(p);
                        m.kind = MentionKind::Place;
                        m.sector = None;
                        continue;
                    }
                    let first = tokens.partition_point(|t| t.span.start < m.span.start);
                    let locative = self.is_locative(doc, first);
                    let name = m.span.text(text);
                    let name = name.strip_prefix("the ").unwrap_or(name);
                    let name = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")).unwrap_or(name);
                    // "Washington, D.C.": the name found at its start, read with its hint
                    let from = hits.partition_point(|h| h.span.start < m.span.start);
                    let inner = hits.get(from).filter(|h| h.span.start == m.span.start && h.span.end < m.span.end && self.lookup(name).is_empty());
                    if let Some(h) = inner {
                        if let Some((e, _)) = h.hint.and_then(|hint| self.choose(h.span.text(text), Some(hint), &ctx, &dateline, None)) {
                            let mut p = self.place(self.gazetteer.entry(e));
                            p.actor = !locative;
                            m.place = Some(p);
                            continue;
                        }
                    }
                    // an actor named by a toponym ("Moscow said", "Israel's prime minister",
                    // "Russian troops") gets the place the name denotes, marked as an actor's;
                    // seats of power named for their occupants ("the Kremlin") get none
                    if !locative && !self.names_a_place(name) {
                        continue;
                    }
                    // the article's context may say which place the name is ("Paris" in a
                    // Texas story, "Georgia" the state); otherwise a city of that name in the
                    // actor's country ("Moscow"), else the country itself
                    let from_context = self
                        .choose(name, None, &ctx, &dateline, None)
                        .filter(|&(e, rule)| rule != "gazetteer_population" && self.gazetteer.entry(e).feature != Feature::Country)
                        .map(|(e, _)| e);
                    // an article that names nothing else of the actor's country but the towns
                    // of a state with a place of that name means that place ("London" in a
                    // story about Sarnia and Brampton, "Paris" beside Roxton, Texas)
                    let elsewhere = m
                        .country
                        .as_deref()
                        .filter(|c| ctx.country_weight(Some(c)) - ctx.person_country_weight(c) <= 0.0 && code_of(Some(c)) != ctx.dateline_country)
                        .and_then(|c| self.choose_outside(name, &ctx, &dateline, c));
                    let from_context = elsewhere.or(from_context);
                    let city = self
                        .choose(name, None, &ctx, &dateline, m.country.as_deref())
                        .map(|(e, _)| e)
                        .filter(|&e| self.gazetteer.entry(e).feature == Feature::City);
                    let chosen = from_context.or(city).or_else(|| m.country.as_deref().and_then(|c| self.gazetteer.country(c)));
                    if let Some(e) = chosen {
                        // name, code and origin stay the actor stage's
                        let mut p = self.place(self.gazetteer.entry(e));
                        p.actor = !locative;
                        m.place = Some(p);
                    }
                }
                _ => {}
            }
        }

        // 5. New place mentions: drop what is not a place, then read each name twice, the
        //    second time with the article's places from the first reading as context.
        let mut new: Vec<Mention> = Vec::new();
        if let Some(((span, e), (_, _, hint_span, _))) = dateline.zip(found_dateline) {
            if !blocking.overlaps(span) {
                let mut m = self.blank(span);
                self.fill(&mut m, e, "dateline");
                new.push(m);
            }
            hits.retain(|h| !h.span.overlaps(span));
            // its state ("CHARLESTON, W.Va. -", "DALLAS, Texas -")
            if let Some(sp) = hint_span {
                let a = self.gazetteer.entry(e);
                let state = a.country().and_then(|c| self.gazetteer.admin1(c, &a.admin1)).filter(|_| a.feature == Feature::City);
                let country = a.country().and_then(|c| self.gazetteer.country(c));
                if let Some(x) = state.or(country) {
                    hits.retain(|h| !h.span.overlaps(sp));
                    if let Some(m) = out.iter_mut().find(|m| m.span == sp && m.kind == MentionKind::Other && m.place.is_none()) {
                        m.kind = MentionKind::Place;
                        self.fill(m, x, "dateline");
                    } else if !blocking.overlaps(sp) {
                        let mut m = self.blank(sp);
                        self.fill(&mut m, x, "dateline");
                        new.push(m);
                    }
                }
            }
        }
        hits.retain(|h| !blocking.overlaps(h.span) && self.plausible(doc, h, &person_names));
        // names whose every reading lies in one state (or one country) put it in context,
        // once per name
        let mut seen: HashSet<&str> = HashSet::new();
        for h in &hits {
            let name = h.span.text(text);
            if !seen.insert(name) {
                continue;
            }
            let mut admin1: Option<EntryId> = None;
            let mut country: Option<&str> = None;
            let mut one_state = true;
            let mut one_country = true;
            for c in self.lookup(name).iter().filter(|c| c.primary) {
                let e = self.gazetteer.entry(c.entry);
                let a = match e.feature {
                    Feature::Admin1 => Some(c.entry),
                    Feature::City | Feature::Admin2 => e.country().and_then(|cc| self.gazetteer.admin1(cc, &e.admin1)),
                    _ => None,
                };
                one_state &= a.is_some() && (admin1.is_none() || admin1 == a);
                admin1 = a.or(admin1);
                one_country &= e.country().is_some() && (country.is_none() || country == e.country());
                country = e.country().or(country);
            }
            if one_state {
                if let Some(a) = admin1.filter(|&a| self.gazetteer.entry(a).name.as_ref() == name) {
                    ctx.add_admin1_named(a, 1.0);
                }
            }
            if one_country {
                if let Some(c) = country {
                    ctx.add_country(c, 0.5);
                }
            }
        }
        let mut hinted: Vec<(&str, EntryId)> = Vec::new();
        for h in &hits {
            let name = h.span.text(text);
            let one_word = h.first == h.last;
            // one sense per article: a name read with a hint keeps that reading later on
            let earlier = if h.hint.is_none() { hinted.iter().find(|(n, _)| *n == name).map(|&(_, e)| (e, "same_name")) } else { None };
            let Some((e, rule)) = earlier.or_else(|| self.choose(name, h.hint, &ctx, &dateline, None)) else { continue };
            if h.hint.is_some() {
                hinted.push((name, e));
            }
            let cands = self.lookup(name);
            if one_word && !cands.iter().any(|c| c.primary && c.entry == e) && (self.sentence_initial(doc, h.first) || name.len() <= 4) {
                continue; // an alternate name that is also a word ("She")
            }
            let entry = self.gazetteer.entry(e);
            let small = matches!(entry.feature, Feature::City | Feature::Admin2) && entry.population < SMALL_TOWN;
            // a small town needs support: a hint, a locative word, or the article's context
            if small && h.hint.is_none() && rule == "gazetteer_population" && !h.locative {
                continue;
            }
            if small && one_word && h.hint.is_none() && !h.locative && self.sentence_initial(doc, h.first) {
                continue;
            }
            // a town or county whose name many places in its country share needs its state
            if h.hint.is_none() && matches!(rule, "gazetteer_population" | "context_country") && self.ambiguous_in_country(name, e) {
                continue;
            }
            let mut m = self.blank(h.span);
            self.fill(&mut m, e, rule);
            new.push(m);
        }
        // abbreviated states after a town ("Springfield, Ill.") are places too
        for h in &hits {
            if let (Some(sp), Some((Hint::Admin1(a), _))) = (h.hint_span, h.hint) {
                if let Some(m) = out.iter_mut().find(|m| m.span == sp && m.kind == MentionKind::Other && m.place.is_none()) {
                    m.kind = MentionKind::Place;
                    self.fill(m, a, "admin1_hint");
                } else if !blocking.overlaps(sp) && !new.iter().any(|m| m.span.overlaps(sp)) {
                    let mut m = self.blank(sp);
                    self.fill(&mut m, a, "admin1_hint");
                    new.push(m);
                }
            }
        }
        new.sort_by_key(|m| m.span);
        out.extend(new);
        out
    }

    fn add_dateline_context(&self, ctx: &mut Context, id: EntryId) {
        let e = self.gazetteer.entry(id);
        if let Some(c) = e.country() {
            ctx.add_country(c, 3.0);
            ctx.dateline_country = code_of(Some(c));
        }
        match e.feature {
            Feature::Admin1 => ctx.add_admin1(id, 2.0),
            Feature::City | Feature::Admin2 => {
                if let Some(a) = e.country().and_then(|c| self.gazetteer.admin1(c, &e.admin1)) {
                    ctx.add_admin1(a, 2.0);
                }
            }
            _ => {}
        }
    }

    /// The place that a longer name starts with ("Ohio State University", "the Laurel County
    /// Sheriff's Office", "Gainesville Police"), as an actor's place: a state, country,
    /// county or region, or a town that the article's context or size supports.
    fn leading_place(&self, doc: &Doc, m: &Mention, hits: &[Hit], ctx: &Context, dateline: &Option<(Span, EntryId)>) -> Option<Place> {
        let text = doc.text();
        let words = m.span.text(text);
        let mut start = m.span.start + if words.starts_with("the ") || words.starts_with("The ") { 4 } else { 0 };
        // "Northeast Texas", "Greater Butler County", "Southern and Eastern Kentucky"
        let rest = text.get(start..m.span.end).unwrap_or("");
        let mut prefixed = false;
        for prefix in ["North ", "South ", "East ", "West ", "Northeast ", "Northwest ", "Southeast ", "Southwest ", "Northern ", "Southern ", "Eastern ", "Western ", "Central ", "Greater ", "Downtown ", "Southern and Eastern ", "Upstate ", "Metro "] {
            if rest.starts_with(prefix) && hits.iter().any(|h| h.span.start == start + prefix.len()) {
                start += prefix.len();
                prefixed = true;
                break;
            }
        }
        let from = hits.partition_point(|h| h.span.start < start);
        let h = hits.get(from).filter(|h| h.span.start == start && (h.span.end < m.span.end || prefixed && h.span.end == m.span.end))?;
        if m.origin.rule.contains("team") || self.after_given_name(doc, h) {
            return None;
        }
        let name = h.span.text(text);
        if NEVER.contains(&name) || self.common.contains(name) {
            return None;
        }
        let (e, rule) = self.choose(name, h.hint, ctx, dateline, None)?;
        let entry = self.gazetteer.entry(e);
        let ok = match entry.feature {
            Feature::City => h.hint.is_some() || matches!(rule, "context_admin1" | "dateline" | "same_name") || entry.population >= 100_000 && !self.ambiguous_in_country(name, e),
            Feature::Admin2 => h.hint.is_some() || rule == "context_admin1" || rule == "dateline" || !self.ambiguous_in_country(name, e),
            _ => true,
        };
        if !ok {
            return None;
        }
        let mut p = self.place(entry);
        p.actor = true;
        Some(p)
    }

    /// `name` is also a state, a country or a town of 5,000 people or more outside `country`.
    fn named_elsewhere(&self, name: &str, country: &str) -> bool {
        let name = name.strip_prefix("the ").unwrap_or(name);
        self.lookup(name).iter().any(|c| {
            let e = self.gazetteer.entry(c.entry);
            c.primary && e.country().is_some_and(|cc| cc != country) && (e.feature != Feature::City || e.population >= 5_000)
        })
    }

    /// The words of an actor mention are a toponym: a gazetteer name, or one or two
    /// capitalised words ending like a demonym ("Russian", "Israelis", "Sri Lankan",
    /// "Sudanese", "Turkish").
    fn names_a_place(&self, name: &str) -> bool {
        if NEVER.contains(&name) {
            return false;
        }
        if !self.lookup(name).is_empty() {
            return true;
        }
        let words: Vec<&str> = name.split(' ').collect();
        let Some(last) = words.last() else { return false };
        let last = last.strip_suffix('s').filter(|w| w.ends_with("an") || w.ends_with('i')).unwrap_or(last);
        words.len() <= 2
            && words.iter().all(|w| is_capitalised(w) && w.chars().all(char::is_alphabetic) && w.chars().any(char::is_lowercase))
            && ["an", "ese", "ish", "i", "ic", "ch", "ot", "ss", "ni", "ine"].iter().any(|x| last.ends_with(x))
            && !["Christian", "Muslim", "Catholic", "Republican", "Islamic", "Arab", "Jewish", "Democratic", "Western", "Eastern"].contains(&last)
    }

    /// `e` is a town or county and another place of the same name in the same country is at
    /// least a third of its size.
    fn ambiguous_in_country(&self, name: &str, e: EntryId) -> bool {
        let entry = self.gazetteer.entry(e);
        if !matches!(entry.feature, Feature::City | Feature::Admin2) {
            return false;
        }
        self.lookup(name).iter().any(|c| {
            let o = self.gazetteer.entry(c.entry);
            c.entry != e && c.primary && o.country() == entry.country() && matches!(o.feature, Feature::City | Feature::Admin2) && o.population.saturating_mul(3) >= entry.population
        })
    }

    /// Whether a name found in the text can be a place at all, before choosing a reading.
    fn plausible(&self, doc: &Doc, h: &Hit, person_names: &HashSet<&str>) -> bool {
        let text = doc.text();
        let name = h.span.text(text);
        let one_word = h.first == h.last;
        let cands = self.lookup(name);
        if cands.is_empty() || NEVER.contains(&name) {
            return false;
        }
        if h.hint.is_some() {
            return true;
        }
        if self.abbreviations.contains_key(name) && self.gazetteer.lookup(name).is_empty() {
            // "S.C." and "W.Va." are always a state; "Ill." or "Mass." only after a comma, a
            // party letter ("D-Ill.") or a place word, or before a name ("Ky. Supreme Court")
            let tokens = &doc.tokens;
            let prev = h.first.checked_sub(1).map(|k| tokens[k].span.text(text)).unwrap_or("");
            let same_sentence = |t: &Token| doc.sentence_at(t.span.start).map(|x| x.index()) == doc.sentence_at(h.span.start).map(|x| x.index());
            let next_cap = tokens.get(h.last + 1).is_some_and(|t| t.kind == TokenKind::Word && is_capitalised(t.span.text(text)) && same_sentence(t) && !self.sentence_initial_word_is_function(doc, h.last + 1) && !one_of(t.span.text(text), &["It", "He", "She", "They", "We", "I", "The", "A", "This", "That"]));
            let two_letters = name.matches('.').count() >= 2 && name.len() <= 6 && name != "U.S.";
            return (two_letters && name != "Miss.") || matches!(prev, "," | "-" | "–") || h.locative || (next_cap && !self.sentence_initial(doc, h.first) && name != "Miss.");
        }
        let all_countries = cands.iter().all(|c| self.gazetteer.entry(c.entry).feature == Feature::Country);
        if all_countries {
            return h.locative; // a country named as an actor is not a place
        }
        // "Washington Post", "Lincoln Park", "Anderson County" (when not a known county); a
        // state or country before a name ("Texas Forest Service") is still a place
        let towns_only = cands.iter().all(|c| matches!(self.gazetteer.entry(c.entry).feature, Feature::City | Feature::Admin2));
        if (towns_only || self.followed_by_org_word(doc, h)) && self.followed_by_name(doc, h) {
            return false;
        }
        let big = cands.iter().any(|c| {
            let e = self.gazetteer.entry(c.entry);
            c.primary && !matches!(e.feature, Feature::City | Feature::Admin2)
        });
        if one_word && !big {
            if self.said_after(doc, h.last) {
                return false; // "Lincoln said": a person
            }
            if !h.locative && (self.common.contains(name) || self.after_given_name(doc, h) || person_names.contains(name) || self.lowercase_elsewhere(text, name)) {
                return false;
            }
        }
        true
    }

    fn blank(&self, span: Span) -> Mention {
        Mention {
            span,
            kind: MentionKind::Place,
            name: String::new(),
            country: None,
            sector: None,
            title: None,
            role: None,
            place: None,
            antecedent: None,
            guessed: false,
            origin: Origin::new(STAGE, ""),
        }
    }

    fn fill(&self, m: &mut Mention, e: EntryId, rule: &str) {
        let entry = self.gazetteer.entry(e);
        m.name = entry.name.to_string();
        m.country = entry.country().map(str::to_string);
        m.place = Some(self.place(entry));
        m.origin = Origin::new(STAGE, rule);
    }

    fn place(&self, e: &Entry) -> Place {
        let admin1 = match e.feature {
            Feature::City if !e.admin1.is_empty() => Some(
                e.country()
                    .and_then(|c| self.gazetteer.admin1(c, &e.admin1))
                    .map(|a| self.gazetteer.entry(a).name.to_string())
                    .unwrap_or_else(|| e.admin1.to_string()),
            ),
            Feature::Admin1 => Some(e.name.to_string()),
            _ => None,
        };
        Place {
            name: e.name.to_string(),
            geonameid: e.geonameid,
            lat: e.lat,
            lon: e.lon,
            country: e.country().map(str::to_string),
            admin1,
            feature: e.feature.as_str().to_string(),
            actor: false,
        }
    }

    /// The best reading of `name` outside `country` that the article's states or dateline
    /// support.
    fn choose_outside(&self, name: &str, ctx: &Context, dateline: &Option<(Span, EntryId)>, country: &str) -> Option<EntryId> {
        let mut best: Option<(f64, EntryId)> = None;
        for c in self.lookup(name).iter().filter(|c| c.primary) {
            let e = self.gazetteer.entry(c.entry);
            if e.country() == Some(country) || e.country().is_none() {
                continue;
            }
            let (score, rule) = self.score(name, c, e, ctx, dateline);
            if matches!(rule, "context_admin1" | "dateline") && !matches!(best, Some((s, _)) if score <= s) {
                best = Some((score, c.entry));
            }
        }
        best.map(|(_, e)| e)
    }

    /// Picks the reading of `name`; returns the entry and the rule that decided.
    fn choose(&self, name: &str, hint: Option<(Hint, &'static str)>, ctx: &Context, dateline: &Option<(Span, EntryId)>, in_country: Option<&str>) -> Option<(EntryId, &'static str)> {
        let cands = self.lookup(name);
        if cands.is_empty() {
            return None;
        }
        if let Some((h, rule)) = hint {
            let fits = |e: &Entry| match h {
                Hint::Admin1(a) => {
                    let a = self.gazetteer.entry(a);
                    e.country() == a.country() && e.admin1 == a.admin1 && e.feature == Feature::City
                }
                Hint::Country(c) => e.country() == self.gazetteer.entry(c).country() && e.feature != Feature::Country,
            };
            if let Some(c) = cands.iter().filter(|c| fits(self.gazetteer.entry(c.entry))).max_by_key(|c| self.gazetteer.entry(c.entry).population) {
                return Some((c.entry, rule));
            }
        }
        let mut best: Option<(f64, EntryId, &'static str)> = None;
        for c in cands {
            let e = self.gazetteer.entry(c.entry);
            if in_country.is_some_and(|cc| e.country() != Some(cc)) {
                continue;
            }
            let (score, rule) = self.score(name, c, e, ctx, dateline);
            if !matches!(best, Some((s, _, _)) if score <= s) {
                best = Some((score, c.entry, rule));
            }
        }
        best.map(|(_, e, r)| (e, r))
    }

    fn score(&self, name: &str, c: &Candidate, e: &Entry, ctx: &Context, dateline: &Option<(Span, EntryId)>) -> (f64, &'static str) {
        let mut s = ((e.population + 1) as f64).ln();
        let mut rule = "gazetteer_population";
        match e.feature {
            Feature::Country => s += 4.0,
            // a state's population is that of its towns; states are named less than their
            // big cities ("Washington", "New York")
            Feature::Admin1 => s -= 1.0,
            Feature::Admin2 => s += 1.0,
            Feature::Region => s += 16.0,
            Feature::Continent => s += 2.0,
            Feature::City if e.capital => s += 3.0,
            Feature::City => {}
        }
        if !c.primary {
            s -= 3.0;
        }
        if let Some((_, d)) = dateline {
            if *d == c.entry {
                return (1e9, "dateline");
            }
        }
        let cw = ctx.country_weight(e.country());
        if cw > 0.0 {
            s += 3.0 + cw.min(6.0);
            rule = "context_country";
        }
        if ctx.dateline_country.is_some() && code_of(e.country()) == ctx.dateline_country {
            s += 2.0;
            rule = "dateline";
        }
        if e.feature == Feature::Admin1 {
            // a state whose towns the article names ("Georgia" with Gainesville, Ga.)
            let w = ctx.admin1_support(c.entry);
            if w > 0.0 {
                s += (2.0 * w).min(6.0);
                rule = "context_admin1";
            }
        }
        if matches!(e.feature, Feature::City | Feature::Admin2) {
            if let Some(a) = e.country().and_then(|cc| self.gazetteer.admin1(cc, &e.admin1)) {
                let w = ctx.admin1_without(a, name);
                if w > 0.0 {
                    s += (3.0 * w).min(7.0);
                }
                // weak support (a share of another ambiguous name's vote) ranks, but does not
                // settle a name that many towns share
                if w >= 0.5 {
                    rule = "context_admin1";
                }
            }
        }
        (s, rule)
    }

    /// Gazetteer names in the text, longest first at each position, not overlapping.
    fn find_hits(&self, doc: &Doc) -> Vec<Hit> {
        let text = doc.text();
        let tokens = &doc.tokens;
        let mut hits = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let word = t.span.text(text);
            if t.kind != TokenKind::Word || !is_capitalised(word) {
                i += 1;
                continue;
            }
            let Some(&max) = self.first_tokens.get(&name_hash(word)) else {
                i += 1;
                continue;
            };
            let mut found = None;
            let top = (i + max as usize).min(tokens.len());
            for j in (i..top).rev() {
                // names end in a capitalised word or a full stop ("U.S."): skip other n-grams
                let end_word = tokens[j].span.text(text);
                if !(is_capitalised(end_word) || end_word == ".") {
                    continue;
                }
                let span = Span::new(t.span.start, tokens[j].span.end);
                let name = span.text(text);
                if name.contains('\n') {
                    continue;
                }
                let cands = self.lookup(name);
                let abbreviation = self.abbreviations.contains_key(name) && self.gazetteer.lookup(name).is_empty();
                if cands.is_empty() || !(abbreviation || usable_name(name, cands, &self.gazetteer)) || !self.bounded(text, span) {
                    continue;
                }
                found = Some((j, span));
                break;
            }
            let Some((j, span)) = found else {
                i += 1;
                continue;
            };
            let (hint, hint_end) = self.hint_after(doc, j);
            let hint_span = hint.and_then(|_| {
                let start = tokens.get(j + 2)?.span.start;
                let words = text.get(start..hint_end)?;
                (words.contains('.') || !words.chars().any(char::is_lowercase)).then(|| Span::new(start, hint_end))
            });
            hits.push(Hit { span, first: i, last: j, hint, hint_span, locative: self.is_locative(doc, i) });
            i = j + 1;
        }
        // a hint's own name ("Texas" in "Paris, Texas") is a place too, but read as the hint
        hits
    }

    /// The match is not part of a hyphenated or run-on word.
    fn bounded(&self, text: &str, span: Span) -> bool {
        let before = text.get(..span.start).and_then(|s| s.chars().next_back());
        let after = text.get(span.end..).and_then(|s| s.chars().next());
        let hyphen_word_after = text.get(span.end..).is_some_and(|s| {
            let mut c = s.chars();
            c.next() == Some('-') && c.next().is_some_and(char::is_alphanumeric)
        });
        let hyphen_word_before = text.get(..span.start).is_some_and(|s| {
            let mut c = s.chars().rev();
            c.next() == Some('-') && c.next().is_some_and(char::is_alphanumeric)
        });
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) && !hyphen_word_after && !hyphen_word_before
    }

    /// ", Texas" / ", Tex." / ", TX" / ", France" right after token `last`.
    fn hint_after(&self, doc: &Doc, last: usize) -> (Option<(Hint, &'static str)>, usize) {
        let text = doc.text();
        let tokens = &doc.tokens;
        let Some(comma) = tokens.get(last + 1) else { return (None, 0) };
        if comma.span.text(text) != "," {
            return (None, 0);
        }
        let start = last + 2;
        let Some(first) = tokens.get(start) else { return (None, 0) };
        let fw = first.span.text(text);
        if !is_capitalised(fw) {
            return (None, 0);
        }
        // postal code
        if fw.len() == 2 && fw.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(&e) = self.us_codes.get(fw) {
                return (Some((Hint::Admin1(e), "admin1_hint")), first.span.end);
            }
        }
        // AP abbreviation: up to 6 tokens ("W.Va.")
        for k in (start..(start + 6).min(tokens.len())).rev() {
            let s = Span::new(first.span.start, tokens[k].span.end).text(text);
            if let Some((_, code)) = AP_STATES.iter().find(|(a, _)| *a == s) {
                if let Some(&e) = self.us_codes.get(*code) {
                    return (Some((Hint::Admin1(e), "admin1_hint")), tokens[k].span.end);
                }
            }
        }
        for k in (start..(start + 5).min(tokens.len())).rev() {
            let s = Span::new(first.span.start, tokens[k].span.end).text(text);
            for c in self.lookup(s) {
                let e = self.gazetteer.entry(c.entry);
                match e.feature {
                    Feature::Admin1 => return (Some((Hint::Admin1(c.entry), "admin1_hint")), tokens[k].span.end),
                    Feature::Country => return (Some((Hint::Country(c.entry), "country_hint")), tokens[k].span.end),
                    _ => {}
                }
            }
        }
        (None, 0)
    }

    /// "NIAMEY, March 16 -" or "WASHINGTON (Reuters) -" at the start of the text or of one
    /// of its first sentences (after a headline); with the span of an abbreviated state after
    /// it ("CHARLESTON, W.Va. -").
    fn find_dateline(&self, doc: &Doc) -> Option<(Span, EntryId, Option<Span>, bool)> {
        let text = doc.text();
        for s in doc.sentences.iter().take(3) {
            let from = doc.tokens.partition_point(|t| t.span.start < s.span.start);
            if let Some(d) = self.dateline_at(doc, from) {
                return Some(d);
            }
            // after a byline's date: "Advocate Reporter March 15, 2009 NEWARK --"
            let to = doc.tokens.partition_point(|t| t.span.start < s.span.end);
            for k in from..to.min(from + 40) {
                let w = doc.tokens[k].span.text(text);
                if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                    if let Some(d) = self.dateline_at(doc, k + 1) {
                        return Some(d);
                    }
                }
            }
        }
        None
    }

    fn dateline_at(&self, doc: &Doc, from: usize) -> Option<(Span, EntryId, Option<Span>, bool)> {
        let text = doc.text();
        let tokens = doc.tokens.get(from..)?;
        let mut end = None;
        for (k, t) in tokens.iter().take(5).enumerate() {
            let w = t.span.text(text);
            let upper_word = t.kind == TokenKind::Word && w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
            if upper_word {
                end = Some(k);
                continue;
            }
            if (matches!(w, "," | "(" | ":") || (!w.is_empty() && w.chars().all(|c| matches!(c, '-' | '—' | '–')))) && end.is_some() {
                break;
            }
            if w == "." && end.is_some() {
                continue; // "ST. LOUIS"
            }
            return None;
        }
        let last = end?;
        let first = tokens.first()?;
        let span = Span::new(first.span.start, tokens[last].span.end);
        let upper = span.text(text);
        if upper.len() < 3 || upper.contains('\n') {
            return None;
        }
        let title = title_case(upper);
        let (hint, hint_end) = self.hint_after(doc, from + last);
        let cands = self.lookup(&title);
        if cands.is_empty() {
            return None;
        }
        let (e, _) = self.choose(&title, hint, &Context::default(), &None, None)?;
        let hint_span = hint.and_then(|_| Some(Span::new(tokens.get(last + 2)?.span.start, hint_end))).filter(|sp| sp.start < sp.end);
        Some((span, e, hint_span, hint.is_some()))
    }

    /// A preposition of place (possibly with fillers such as "the", "northern") before token `i`.
    fn is_locative(&self, doc: &Doc, i: usize) -> bool {
        let text = doc.text();
        let mut k = i;
        for _ in 0..3 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let t = &doc.tokens[k];
            if t.kind != TokenKind::Word {
                return false;
            }
            let w = t.span.text(text);
            if one_of(w, LOCATIVE) && !(w == "of" && k + 1 == i) {
                return true;
            }
            if w.eq_ignore_ascii_case("of") {
                // "north of Niamey" counts; "people of Niger" does not
                return k > 0 && one_of(doc.tokens[k - 1].span.text(text), &["north", "south", "east", "west", "outskirts", "city", "town", "capital", "province", "region", "state", "village", "centre", "center", "heart", "parts", "areas", "area"]);
            }
            if !one_of(w, LOCATIVE_FILLERS) {
                return false;
            }
        }
        false
    }

    /// Token `i` starts a sentence (or follows an opening quote at the start).
    fn sentence_initial(&self, doc: &Doc, i: usize) -> bool {
        let Some(t) = doc.tokens.get(i) else { return false };
        let Some(s) = doc.sentence_at(t.span.start) else { return true };
        let s = &doc.sentences[s.index()];
        let before = doc.text().get(s.span.start..t.span.start).unwrap_or("");
        before.chars().all(|c| !c.is_alphanumeric())
    }

    /// A capitalised word follows the name in the same phrase ("Washington Post", "Lincoln
    /// Park"), or "of" and a capitalised word ("University of Texas" is caught by the list).
    fn followed_by_name(&self, doc: &Doc, h: &Hit) -> bool {
        let text = doc.text();
        let tokens = &doc.tokens;
        let Some(next) = tokens.get(h.last + 1) else { return false };
        let between = text.get(tokens[h.last].span.end..next.span.start).unwrap_or("");
        let w = next.span.text(text);
        next.kind == TokenKind::Word && between == " " && is_capitalised(w) && !NEVER.contains(&w) && !one_of(w, &["and", "or", "on", "in", "to", "at", "for", "but", "as", "is", "was", "said"])
            // a following place name is a list or a hint, not a longer name
            && !self.lookup(w).iter().any(|c| {
                let e = self.gazetteer.entry(c.entry);
                c.primary && (e.feature != Feature::City || e.population >= 100_000)
            })
    }

    /// The next word heads the name of a newspaper, company or team ("Washington Post").
    fn followed_by_org_word(&self, doc: &Doc, h: &Hit) -> bool {
        let w = doc.tokens.get(h.last + 1).map_or("", |t| t.span.text(doc.text()));
        one_of(w, &[
            "Post", "Times", "Journal", "Herald", "Tribune", "Gazette", "Chronicle", "Examiner", "Courier", "Observer",
            "Inquirer", "Daily", "Star", "Sun", "News", "Press", "Telegraph", "Globe", "Bank", "Airlines", "Airways",
            "Corp", "Corporation", "Company", "Inc", "Group", "Holdings", "Capitals", "United", "City", "Rovers",
            "Wanderers", "Athletic", "Redskins", "Nationals", "Wizards", "Mystics", "Rangers", "Mavericks", "Stars",
        ])
    }

    /// A given name, title or honorific right before the name: "George Washington",
    /// "Mr. Lincoln", "President Jackson".
    fn after_given_name(&self, doc: &Doc, h: &Hit) -> bool {
        let text = doc.text();
        let tokens = &doc.tokens;
        if h.first == 0 || h.hint.is_some() {
            return false;
        }
        let word = |k: usize| tokens.get(k).map(|t: &Token| t.span.text(text)).unwrap_or("");
        let prev = &tokens[h.first - 1];
        let pw = prev.span.text(text);
        if pw == "." && h.first >= 2 && one_of(word(h.first - 2), HONORIFICS) {
            return true;
        }
        if prev.kind == TokenKind::Word && is_capitalised(pw) && !self.sentence_initial_word_is_function(doc, h.first - 1) && !pw.chars().all(|c| c.is_uppercase()) {
            let between = text.get(prev.span.end..tokens[h.first].span.start).unwrap_or("");
            // a place before it ("Moscow Idaho") is no given name
            let place_before = self.lookup(pw).iter().any(|c| c.primary && self.gazetteer.entry(c.entry).population >= SMALL_TOWN);
            return between == " " && !place_before;
        }
        false
    }

    /// "said", "says", "told"... right after token `last`: the name is a speaker.
    fn said_after(&self, doc: &Doc, last: usize) -> bool {
        let text = doc.text();
        doc.tokens.get(last + 1).is_some_and(|t| one_of(t.span.text(text), &["said", "says", "told", "added", "explained", "noted", "wrote", "stated", "argued", "testified", "replied", "asked"]))
    }

    /// A capitalised function word at the start of a sentence ("In", "The", "From") or a word
    /// that does not join names ("Northern").
    fn sentence_initial_word_is_function(&self, doc: &Doc, k: usize) -> bool {
        let w = doc.tokens[k].span.text(doc.text());
        one_of(w, LOCATIVE) || one_of(w, LOCATIVE_FILLERS) || one_of(w, &["and", "or", "but", "as", "for", "with", "on", "by", "while", "when", "after", "before", "since", "like", "than", "said", "says", "both", "including"])
    }

    /// The word also occurs in lower case, as a word, elsewhere in the text ("Police" /
    /// "police"): then the capital is the sentence's, not a name's.
    fn lowercase_elsewhere(&self, text: &str, name: &str) -> bool {
        let mut lower = String::with_capacity(name.len());
        for (i, c) in name.chars().enumerate() {
            if i == 0 {
                lower.extend(c.to_lowercase());
            } else {
                lower.push(c);
            }
        }
        if lower == name {
            return false;
        }
        text.match_indices(lower.as_str()).any(|(at, _)| {
            let before = text.get(..at).and_then(|s| s.chars().next_back());
            let after = text.get(at + lower.len()..).and_then(|s| s.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }
}

fn code_of(code: Option<&str>) -> Option<[u8; 3]> {
    let b = code?.as_bytes();
    (b.len() == 3).then(|| [b[0], b[1], b[2]])
}

fn first_token(name: &str) -> &str {
    let end = name.char_indices().find(|(_, c)| !c.is_alphanumeric()).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

/// Names worth looking for in running text: capitalised, at least three letters unless an
/// alias of a country ("US", "UK"), and with a capitalised first word.
fn usable_name(name: &str, cands: &[Candidate], g: &Gazetteer) -> bool {
    if !is_capitalised(name) || first_token(name).is_empty() {
        return false;
    }
    if name.chars().count() < 3 {
        return cands.iter().all(|c| g.entry(c.entry).feature == Feature::Country);
    }
    // an all-capital name is an abbreviation: only countries' ("USA", "DRC")
    if !name.chars().any(char::is_lowercase) {
        return cands.iter().all(|c| g.entry(c.entry).feature == Feature::Country);
    }
    true
}

fn title_case(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    let mut start = true;
    for c in upper.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c != '\'';
        }
    }
    out
}

/// Spans sorted by start with the running maximum of their ends: whether a span overlaps
/// any of them is a binary search, so checking every name of a long article stays linear.
struct Spans {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(spans: impl Iterator<Item = Span>) -> Spans {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(spans.len());
        let mut end = 0;
        for s in &spans {
            end = end.max(s.end);
            max_end.push(end);
        }
        Spans { spans, max_end }
    }

    /// Some span `b` with `b.start < x.end && x.start < b.end` (as [`Span::overlaps`]).
    fn overlaps(&self, x: Span) -> bool {
        let n = self.spans.partition_point(|b| b.start < x.end);
        n > 0 && self.max_end[n - 1] > x.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use griot_text::{split_sentences, tokenize, Article};

    /// The span index answers as a scan over every span would (spans from a fixed
    /// linear congruential sequence: nested, overlapping, empty).
    #[test]
    fn span_index_agrees_with_a_scan() {
        let mut x: u64 = 42;
        let mut next = |m: u64| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) % m) as usize
        };
        let spans: Vec<Span> = (0..300).map(|_| {
            let s = next(1000);
            Span::new(s, s + next(30))
        }).collect();
        let index = Spans::new(spans.iter().copied());
        for _ in 0..3000 {
            let s = next(1050);
            let q = Span::new(s, s + next(20));
            assert_eq!(index.overlaps(q), spans.iter().any(|b| b.overlaps(q)), "{q:?}");
        }
        assert!(!Spans::new(std::iter::empty()).overlaps(Span::new(0, 10)));
    }

    fn doc_of(text: &str) -> Doc {
        let mut doc = Doc::new(Article::from_text("t", text));
        doc.sentences = split_sentences(doc.text());
        doc.tokens = doc.sentences.iter().flat_map(|s| tokenize(doc.text(), s.span)).collect();
        doc
    }

    fn country_mention(doc: &Doc, word: &str, code: &str) -> Mention {
        let start = doc.text().find(word).expect("word in text");
        Mention {
            span: Span::new(start, start + word.len()),
            kind: MentionKind::Country,
            name: word.to_string(),
            country: Some(code.to_string()),
            sector: None,
            title: None,
            role: None,
            place: None,
            antecedent: None,
            guessed: false,
            origin: Origin::new("actors", "test"),
        }
    }

    fn resolver() -> PlaceResolver {
        PlaceResolver::new(&Gazetteer::builtin())
    }

    /// (words, place name, country, feature) of every mention with a place.
    fn places(doc: &Doc) -> Vec<(String, String, String, String)> {
        resolver()
            .resolve_places(doc)
            .iter()
            .filter_map(|m| {
                let p = m.place.as_ref()?;
                Some((doc.slice(m.span).to_string(), p.name.clone(), p.country.clone().unwrap_or_default(), p.feature.clone()))
            })
            .collect()
    }

    fn check(text: &str, expected: &[(&str, &str, &str)]) {
        let doc = doc_of(text);
        let got: Vec<(String, String, String)> = places(&doc).into_iter().map(|(w, n, c, _)| (w, n, c)).collect();
        let want: Vec<(String, String, String)> = expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
        assert_eq!(got, want, "in {text:?}");
    }

    fn near(p: &Place, lat: f64, lon: f64, km: f64) -> bool {
        distance_km((p.lat, p.lon), (lat, lon)) <= km
    }

    #[test]
    fn seed_article_geocodes_niamey_and_moscow() {
        let text = include_str!("../../../examples/niger-us-pact.txt");
        let doc = doc_of(text);
        let ms = resolver().resolve_places(&doc);
        let find = |w: &str| ms.iter().find(|m| doc.slice(m.span) == w && m.place.is_some()).and_then(|m| m.place.clone());
        let niamey = find("Niamey").expect("Niamey resolved");
        assert!(near(&niamey, 13.5137, 2.1098, 10.0), "{niamey:?}");
        let moscow = find("Moscow").expect("Moscow resolved");
        assert!(near(&moscow, 55.7522, 37.6156, 10.0), "{moscow:?}");
        let sahel = find("Sahel").expect("Sahel resolved");
        assert_eq!(sahel.feature, "region");
        // countries used as actors get no place; "in Niger" does
        assert!(ms.iter().filter(|m| m.place.as_ref().is_some_and(|p| p.country.as_deref() == Some("NGA"))).count() == 0);
        assert!(ms.iter().any(|m| doc.slice(m.span) == "Niger" && m.place.as_ref().is_some_and(|p| p.feature == "country")));
    }

    #[test]
    fn seed_article_with_actor_mentions() {
        let text = include_str!("../../../examples/niger-us-pact.txt");
        let mut doc = doc_of(text);
        // the actor stage names Moscow and Niamey as seats of government
        doc.mentions.push(country_mention(&doc, "Niamey", "NER"));
        doc.mentions.push(country_mention(&doc, "Moscow", "RUS"));
        let ms = resolver().resolve_places(&doc);
        assert_eq!(&ms[..2].iter().map(|m| m.span).collect::<Vec<_>>(), &doc.mentions.iter().map(|m| m.span).collect::<Vec<_>>());
        let niamey = ms[0].place.as_ref().expect("to Niamey is a place");
        assert!(near(niamey, 13.5137, 2.1098, 10.0));
        let moscow = ms[1].place.as_ref().expect("in Moscow is a place");
        assert!(near(moscow, 55.7522, 37.6156, 10.0));
        assert_eq!(moscow.feature, "city");
        // no new mention overlaps them
        assert!(ms[2..].iter().all(|m| !m.span.overlaps(ms[0].span) && !m.span.overlaps(ms[1].span)));
    }

    #[test]
    fn country_in_locative_use_gets_a_place_actor_use_does_not() {
        let mut doc = doc_of("Niger revoked the pact. About 650 US personnel are stationed in Niger.");
        let first = country_mention(&doc, "Niger", "NER");
        let at = doc.text().rfind("Niger").unwrap_or(0);
        let mut second = first.clone();
        second.span = Span::new(at, at + 5);
        doc.mentions = vec![first, second];
        let ms = resolver().resolve_places(&doc);
        assert_eq!(ms.len(), 2);
        // the actor use names the country too, but nothing is located there
        let actor = ms[0].place.as_ref().expect("the toponym is geocoded");
        assert!(actor.actor && ms[0].location().is_none());
        let p = ms[1].place.as_ref().expect("in Niger");
        assert_eq!((p.feature.as_str(), p.country.as_deref(), p.actor), ("country", Some("NER"), false));
        assert_eq!(ms[1].kind, MentionKind::Country);
    }

    #[test]
    fn admin1_hint_disambiguates() {
        check("She grew up in Paris, Texas, and stayed in Paris.", &[("Paris", "Paris", "USA"), ("Texas", "Texas", "USA"), ("Paris", "Paris", "USA")]);
        check("She grew up in Paris.", &[("Paris", "Paris", "FRA")]);
        check("He moved to Springfield, Ill., last year.", &[("Springfield", "Springfield", "USA"), ("Ill.", "Illinois", "USA")]);
        check("The plant in Tripoli, Lebanon, closed.", &[("Tripoli", "Tripoli", "LBN"), ("Lebanon", "Lebanon", "LBN")]);
    }

    #[test]
    fn dateline_and_context_choose_the_reading() {
        let doc = doc_of("MOSCOW, Idaho - The council of Moscow met on Tuesday.");
        let ps = places(&doc);
        assert!(ps.iter().all(|(_, _, c, _)| c == "USA"), "{ps:?}");
        // context: the article is about Idaho
        check("Officials in Idaho said Moscow would get a new school.", &[("Idaho", "Idaho", "USA"), ("Moscow", "Moscow", "USA")]);
    }

    #[test]
    fn actor_uses_of_toponyms_are_geocoded_as_actors() {
        let mut doc = doc_of("Russian troops moved. The Kremlin said Moscow would reply.");
        doc.mentions = vec![country_mention(&doc, "Russian", "RUS"), country_mention(&doc, "Kremlin", "RUS"), country_mention(&doc, "Moscow", "RUS")];
        let ms = resolver().resolve_places(&doc);
        let russian = ms[0].place.as_ref().expect("a demonym names its country");
        assert_eq!((russian.feature.as_str(), russian.actor), ("country", true));
        assert!(ms[1].place.is_none(), "a seat of power is no toponym");
        let moscow = ms[2].place.as_ref().expect("Moscow said");
        assert_eq!((moscow.name.as_str(), moscow.feature.as_str(), moscow.actor), ("Moscow", "city", true));
        assert!(ms.iter().all(|m| m.location().is_none()));
    }

    #[test]
    fn organisations_named_after_a_place_carry_it_as_an_actor_place() {
        let mut doc = doc_of("The Ohio Department of Health said so.");
        let start = doc.text().find("Ohio").unwrap_or(0);
        let mut org = country_mention(&doc, "Ohio Department of Health", "USA");
        org.kind = MentionKind::Organisation;
        org.country = None;
        org.span = Span::new(start, start + "Ohio Department of Health".len());
        doc.mentions = vec![org];
        let ms = resolver().resolve_places(&doc);
        assert_eq!(ms.len(), 1);
        let p = ms[0].place.as_ref().expect("Ohio");
        assert_eq!((p.name.as_str(), p.feature.as_str(), p.actor), ("Ohio", "admin1", true));
    }

    #[test]
    fn dateline_after_a_headline_with_its_state() {
        check("Pig kissed at fair. CHARLESTON, W.Va. - A man won.", &[("CHARLESTON", "Charleston", "USA"), ("W.Va.", "West Virginia", "USA")]);
    }

    #[test]
    fn a_seat_of_power_gives_no_context_for_itself() {
        // the actor stage reads "Paris" as France's government; the article is about Texas
        let mut doc = doc_of("Paris police said the Lamar County fair opened in Paris, Texas. Paris will pay.");
        let m = country_mention(&doc, "Paris", "FRA");
        doc.mentions = vec![m];
        let ms = resolver().resolve_places(&doc);
        let p = ms[0].place.as_ref().expect("Paris");
        assert_eq!(p.country.as_deref(), Some("USA"), "{p:?}");
    }

    #[test]
    fn state_abbreviations_and_state_votes() {
        check("The road in S.C. was closed.", &[("S.C.", "South Carolina", "USA")]);
        check("Flooding in Kan. was bad.", &[("Kan.", "Kansas", "USA")]);
        // "Miss." and "Mass." alone are words
        check("They attended Mass. It was Miss. Universe night.", &[]);
        // Decatur is in many states; DeKalb County and Avondale Estates agree on Georgia
        let ps = places(&doc_of("Officials in Decatur met. DeKalb County and Avondale Estates agreed."));
        let decatur = ps.iter().find(|p| p.0 == "Decatur").map(|p| p.2.clone());
        assert_eq!(decatur.as_deref(), Some("USA"), "{ps:?}");
        let ms = resolver().resolve_places(&doc_of("Officials in Decatur met. DeKalb County and Avondale Estates agreed."));
        let d = ms.iter().find_map(|m| m.place.as_ref().filter(|p| p.name == "Decatur")).cloned();
        assert_eq!(d.and_then(|p| p.admin1).as_deref(), Some("Georgia"));
    }

    #[test]
    fn place_phrases_and_guessed_people_that_are_places() {
        let mut doc = doc_of("A rumor spread across Northeast Texas on Monday. Officials in Los Angeles counted votes.");
        let at = |w: &str| doc.text().find(w).map_or(Span::new(0, 0), |s| Span::new(s, s + w.len()));
        let mut region = country_mention(&doc, "Northeast Texas", "USA");
        region.kind = MentionKind::Place;
        region.country = None;
        region.span = at("Northeast Texas");
        let mut person = region.clone();
        person.kind = MentionKind::Person;
        person.span = at("Los Angeles");
        person.origin = Origin::new("actors", "guess_capitalised");
        doc.mentions = vec![region, person];
        let ms = resolver().resolve_places(&doc);
        let texas = ms[0].place.as_ref().expect("Northeast Texas");
        assert_eq!((texas.name.as_str(), texas.actor), ("Texas", false));
        assert_eq!(ms[1].kind, MentionKind::Place);
        assert_eq!(ms[1].place.as_ref().map(|p| p.name.as_str()), Some("Los Angeles"));
    }

    #[test]
    fn a_person_phrase_led_by_a_state_carries_it() {
        let mut doc = doc_of("Florida Attorney General Bill McCollum spoke.");
        let mut m = country_mention(&doc, "Florida Attorney General Bill McCollum", "USA");
        m.kind = MentionKind::Person;
        doc.mentions = vec![m];
        let ms = resolver().resolve_places(&doc);
        let p = ms[0].place.as_ref().expect("Florida");
        assert_eq!((p.name.as_str(), p.actor), ("Florida", true));
        assert_eq!(ms[0].kind, MentionKind::Person);
    }

    #[test]
    fn dateline_after_a_byline_date() {
        let ps = places(&doc_of("BY ANN LEE Staff Writer March 15, 2009 NEWARK -- The council met."));
        assert_eq!(ps.first().map(|p| p.0.as_str()), Some("NEWARK"), "{ps:?}");
    }

    #[test]
    fn regions_resolve_as_regions() {
        let doc = doc_of("Militant groups operate across the Sahel region and in Darfur.");
        let ps = places(&doc);
        assert_eq!(ps.iter().map(|p| (p.0.as_str(), p.3.as_str())).collect::<Vec<_>>(), [("Sahel", "region"), ("Darfur", "region")]);
    }

    #[test]
    fn junk_is_not_a_place() {
        check("Reading the report, Police said May was busy. Nice work, said Mr. Jackson.", &[]);
        check("Hillary Clinton spoke. Later Clinton left.", &[]);
        check("The Washington Post reported it.", &[]);
    }

    #[test]
    fn existing_person_mentions_block_places() {
        let mut doc = doc_of("Mr Lincoln visited Springfield.");
        let mut m = country_mention(&doc, "Lincoln", "USA");
        m.kind = MentionKind::Person;
        doc.mentions.push(m);
        let ms = resolver().resolve_places(&doc);
        assert!(ms.iter().all(|m| doc.slice(m.span) != "Lincoln" || m.place.is_none()));
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in ["", " ", "Ünïcödé Ö Zürich, ", "Paris,", "Paris, ", "NEW YORK", "São Paulo—Rio", "in", "\n\nLondon\n", "A-Paris-B", "Springfield, Ill", "“Paris”, Texas"] {
            let doc = doc_of(t);
            let ms = resolver().resolve_places(&doc);
            for m in &ms {
                assert!(t.get(m.span.start..m.span.end).is_some());
            }
        }
    }
}
