//! Word lists that sentence splitting and tokenisation share: abbreviations, titles and
//! the words that usually start a sentence.
//!
//! Every list is a `match` over string literals, compiled to length and byte comparisons:
//! no allocation, no table to load. Words are given WITHOUT their final period.
//!
//! ```
//! use griot_text::abbrev::{is_title, is_abbreviation, is_initialism, is_sentence_starter};
//! assert!(is_title("Col"));
//! assert!(is_abbreviation("Inc"));
//! assert!(is_initialism("U.S"));
//! assert!(is_sentence_starter("The"));
//! ```
//!
//! Units that Reuters writes without a period ("mln", "dlrs", "pct") are not listed: they
//! end sentences far more often than they are abbreviated.
//!
//! Known misses: a title at a true sentence end ("... met the Gen. The") never splits;
//! state abbreviations that are also words ("Wash.", "Miss.") follow the general
//! abbreviation rule.

/// Titles and ranks that are always followed by a name: a period after them never ends
/// a sentence. Case-sensitive, without the period.
pub fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Messrs"
            | "Mmes"
            | "Dr"
            | "Prof"
            | "Col"
            | "Lt"
            | "Gen"
            | "Maj"
            | "Capt"
            | "Cpt"
            | "Sgt"
            | "Cpl"
            | "Pvt"
            | "Pte"
            | "Cmdr"
            | "Cdr"
            | "Comdr"
            | "Adm"
            | "Brig"
            | "Lieut"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Govs"
            | "Pres"
            | "Rev"
            | "Revd"
            | "Fr"
            | "Hon"
            | "Amb"
            | "Supt"
            | "Insp"
            | "Det"
            | "Sec"
            | "Atty"
            | "Mme"
            | "Mlle"
            | "Msgr"
            | "Gens"
            | "Cols"
    )
}

/// Abbreviations that may also end a sentence ("Inc.", "Jan.", "etc.", "No."). After
/// them a sentence ends only when the next word is a common sentence starter.
/// Case-sensitive, without the period.
pub fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        // months
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec"
            // week days
            | "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun"
            // companies and organisations
            | "Inc" | "Corp" | "Co" | "Ltd" | "Plc" | "Bros" | "Cos" | "Assn" | "Dept" | "Univ" | "Ave"
            | "Blvd" | "Rd" | "St" | "Mt" | "Ft" | "Jr" | "Sr" | "Esq" | "Intl" | "Natl" | "Govt"
            // US states as written in news datelines
            | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill" | "Ind"
            | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss" | "Mo" | "Mont"
            | "Neb" | "Nev" | "Okla" | "Ore" | "Pa" | "Tenn" | "Tex" | "Va" | "Vt" | "Wash" | "Wis"
            | "Wyo"
            // general
            | "No" | "Nos" | "vs" | "v" | "etc" | "approx" | "est" | "cf" | "ca" | "al" | "fig" | "Fig"
            | "vol" | "Vol" | "pp" | "Sect" | "eds"
    )
}

/// Words with inner periods made of short letter groups: "U.S", "J.R.R", "e.g", "a.m",
/// "Ph.D" (the final period is not part of `word`). "www.example.com" is not one.
pub fn is_initialism(word: &str) -> bool {
    let mut groups = 0;
    for part in word.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 3 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// A single letter: an initial ("F" in "John F. Kennedy").
pub fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

/// Any word after which a period does not by itself end a sentence.
pub fn is_abbreviation_like(word: &str) -> bool {
    is_title(word) || is_abbreviation(word) || is_initial(word) || is_initialism(word)
}

/// Capitalised words that commonly start a sentence. After an abbreviation such as
/// "U.S." a sentence ends only when one of these follows ("in the U.S. The next ...").
pub fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The" | "A" | "An" | "He" | "She" | "It" | "They" | "We" | "I" | "You" | "This" | "That"
            | "These" | "Those" | "There" | "Here" | "But" | "And" | "Or" | "So" | "Yet" | "However"
            | "In" | "On" | "At" | "For" | "If" | "When" | "While" | "After" | "Before" | "Since"
            | "As" | "Its" | "His" | "Her" | "Their" | "Our" | "My" | "What" | "Who" | "Why" | "How"
            | "Where" | "Which" | "Some" | "Many" | "Most" | "All" | "Both" | "Each" | "Every"
            | "Such" | "Other" | "Another" | "Also" | "Meanwhile" | "Still" | "Then" | "Now"
            | "Earlier" | "Later" | "Last" | "Next" | "According" | "Despite" | "During" | "Under"
            | "With" | "Without" | "Although" | "Though" | "Because" | "Even" | "Further"
            | "Furthermore" | "Moreover" | "Consequently" | "Nevertheless" | "Instead" | "Thus"
            | "Therefore" | "Officials" | "Analysts" | "Critics" | "Police" | "Residents"
            | "Witnesses" | "Separately" | "Elsewhere" | "Asked" | "Today" | "Yesterday"
            | "Tomorrow" | "Following" | "Until" | "From" | "By" | "To" | "Not" | "Only" | "One"
            | "Two" | "Three" | "No" | "Neither" | "Nor" | "Several" | "Few" | "Much" | "More"
            | "Once" | "Overall" | "Indeed" | "Initially" | "Finally"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert!(is_title("Gen") && !is_title("General"));
        assert!(is_abbreviation("Sept") && !is_abbreviation("September"));
        assert!(is_initialism("J.R.R") && is_initialism("e.g") && is_initialism("Ph.D"));
        assert!(!is_initialism("example.com") && !is_initialism("3.5") && !is_initialism("US"));
        assert!(is_initial("F") && !is_initial("Fo"));
        assert!(is_sentence_starter("He") && !is_sentence_starter("Army"));
    }
}
