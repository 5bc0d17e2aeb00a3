//! The counted-noun reader: what a figure counts (`six partially burnt
//! bodies` → `body`), read after the figure or before it (`a crowd of
//! 45,000`), else inherited from the paragraph's last counted figure.

use super::Claim;
use super::tokens::{Tok, capitalised, class, lower};
use super::vocabulary::vocabulary;
use crate::extract::grammar::Lower;
use crate::extract::quantity::Unit;
use crate::extract::scan::Mention;
use crate::text::Sentence;
use std::ops::Range;

/// Irregular and regular plurals to the singular; case kept as written.
pub fn singular(word: &str) -> String {
    // a short ASCII word is lower-cased on the stack
    if word.len() <= Lower::CAPACITY && word.is_ascii() {
        return singular_of(word, Lower::new(word).as_str());
    }
    singular_of(word, &word.to_lowercase())
}

/// [`singular`] of `word`, lower-cased `l`.
fn singular_of(word: &str, l: &str) -> String {
    let irregular = match l {
        "people" | "persons" => Some("person"),
        "children" => Some("child"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "police" => Some("police"),
        "troops" => Some("troop"),
        "feet" => Some("foot"),
        "lives" => Some("life"),
        "wives" => Some("wife"),
        "news" | "series" | "species" | "aircraft" | "personnel" | "staff" | "sheep" | "fish" => {
            Some(l)
        }
        _ => None,
    };
    if let Some(s) = irregular {
        return s.to_string();
    }
    // one allocation, of the singular's size
    let keep = |n: usize| word[..word.len() - n].to_string();
    if l.ends_with("ies") && l.len() > 4 {
        let mut s = String::with_capacity(word.len() - 2);
        s.push_str(&word[..word.len() - 3]);
        s.push('y');
        return s;
    }
    if l.ends_with("sses")
        || l.ends_with("ches")
        || l.ends_with("shes")
        || l.ends_with("xes")
        || l.ends_with("zes")
    {
        return keep(2);
    }
    if l.ends_with("ss") || l.ends_with("us") || l.ends_with("is") || l.len() <= 3 {
        return word.to_string();
    }
    if l.ends_with('s') {
        return keep(1);
    }
    word.to_string()
}

pub(crate) fn plural_like(w: &str) -> bool {
    plural_like_lower(Lower::new(w).as_str())
}

/// [`plural_like`] of a token, read from its lower-cased view (the empty
/// word where [`Lower`] keeps none: a long or non-ASCII one).
fn plural_like_tok(t: &Tok<'_>) -> bool {
    t.low.len() <= Lower::CAPACITY && t.low.is_ascii() && plural_like_lower(t.low)
}

fn plural_like_lower(l: &str) -> bool {
    // the last letter first: of the plurals named, only `troops` ends in
    // `s`, and the rule for `s` holds it
    if l.ends_with('s') {
        !l.ends_with("ss") && !l.ends_with("us") && l.len() > 3
    } else {
        matches!(
            l,
            "people" | "children" | "men" | "women" | "police" | "personnel" | "staff"
        )
    }
}

pub(crate) fn is_person(w: &str) -> bool {
    vocabulary().persons.contains(w)
}

/// The head noun after a figure: `2,104 civilians`, `70% of Russians`,
/// `six partially burnt bodies`.
pub(crate) fn counted_after(
    toks: &[Tok<'_>],
    mut k: usize,
    m: &Mention,
) -> (Option<String>, Option<Range<usize>>, bool) {
    let mut additional = false;
    // "2,862 more", "hundreds more"
    if toks
        .get(k)
        .is_some_and(|t| t.word && matches!(t.low, "more" | "additional" | "further" | "other"))
    {
        additional = true;
        k += 1;
    }
    // "70% of Russians", "millions of Russians", "dozens of the"
    let mut after_of = false;
    if toks
        .get(k)
        .is_some_and(|t| t.text.eq_ignore_ascii_case("of"))
    {
        k += 1;
        after_of = true;
        while toks
            .get(k)
            .is_some_and(|t| matches!(t.low, "the" | "them" | "its" | "their"))
        {
            k += 1;
        }
    }
    // at most four words, on the stack
    let mut run: arrayvec::ArrayVec<Tok<'_>, 4> = arrayvec::ArrayVec::new();
    while let Some(t) = toks.get(k) {
        if !t.word
            || run.len() >= 4
            || t.class & class::STOP != 0
            || t.text.bytes().any(|b| b.is_ascii_digit())
        {
            break;
        }
        let l = t.low;
        let verbish = t.class & class::VERBISH != 0 && !(after_of && run.is_empty());
        // a past participle after a noun is a verb ("structure carried"),
        // but after an adverb or before a plural noun an adjective
        // ("badly charred bodies", "damaged homes")
        let adjectival = run.last().is_some_and(|p: &Tok<'_>| p.text.ends_with("ly"))
            || toks
                .get(k + 1)
                .is_some_and(|n| n.word && plural_like_tok(n));
        if (verbish || (l.ends_with("ed") && !adjectival)) && !run.is_empty() {
            break;
        }
        if verbish && !is_person(l) && !(m.quantity.unit == Unit::Count && l.ends_with('s')) {
            break;
        }
        run.push(*t);
        k += 1;
        // a person noun ends the phrase: "15,000 Russian soldiers may"
        if is_person(t.text) && (plural_like_tok(t) || m.quantity.interval.low <= 1.0) {
            break;
        }
    }
    let many = m.quantity.interval.low > 1.0 || m.quantity.interval.high.is_none_or(|h| h > 1.0);
    let possessive =
        |t: &Tok<'_>| t.text.ends_with("'s") || t.text.ends_with("’s") || t.text.ends_with('\'');
    let head = run
        .iter()
        .filter(|t| !possessive(t))
        .find(|t| many && plural_like_tok(t) && !t.text.ends_with("ly"))
        .or_else(|| {
            run.iter()
                .rev()
                .find(|t| !t.text.ends_with("ly") && !possessive(t))
        })
        .copied();
    match head {
        Some(h) => {
            let word = if many {
                singular(h.text)
            } else {
                h.text.to_string()
            };
            let word = if capitalised(&word)
                && word.chars().skip(1).all(char::is_lowercase)
                && !capitalised_proper(&word)
            {
                word.to_lowercase()
            } else {
                word
            };
            (Some(word), Some(h.start..h.end), additional)
        }
        None => (None, None, additional),
    }
}

/// Demonyms and names keep their capital (`Russian`); other words lower-case.
pub(crate) fn capitalised_proper(w: &str) -> bool {
    let l = lower(w);
    l.ends_with("an") || l.ends_with("ese") || l.ends_with("ish") || l.ends_with('i')
}

/// A noun before the figure names it: `the crowd at 40,000`, `a crowd of
/// 45,000`, `jail sentences of up to 15 years`. Measure words (`toll`,
/// `number`) name nothing and leave the noun to be inherited.
pub(crate) fn counted_before(toks: &[Tok<'_>], first: usize, m: &Mention) -> Option<String> {
    if first < 2 || !matches!(m.quantity.unit, Unit::Duration(_) | Unit::Count) {
        return None;
    }
    let prep = toks[first - 1].low;
    let noun = toks[first - 2];
    let fits = match m.quantity.unit {
        Unit::Duration(_) => prep == "of",
        _ => prep == "of" || prep == "at",
    };
    let l = noun.low;
    let measure = matches!(
        l,
        "toll" | "number" | "total" | "figure" | "tally" | "count" | "turnout" | "estimate"
    );
    (fits && noun.word && noun.class & class::STOP == 0 && !measure && !l.ends_with("ing"))
        .then(|| singular(noun.text).to_lowercase())
}

/// A figure with no noun after it counts what the previous figure of the
/// same paragraph counted: `2,104 civilians ... while 2,862 more got injured`.
/// A casualty figure that still has none counts people: `the death toll
/// rose to 35`, `35 dead`.
pub(crate) fn inherit_counted(text: &str, claims: &mut [Claim], sentences: &[Sentence]) {
    // "protests spread, and more than 300 have been detained": those
    // detained at, or attending, a gathering the sentence names are its
    // participants, whatever else the paragraph counted; they are no
    // donors to the figures after them
    let gathered: Vec<Option<&str>> = claims
        .iter()
        .map(|c| {
            let elided = c.counted.is_none()
                && c.quantity.unit == Unit::Count
                && matches!(c.event.as_deref(), Some("detained" | "attended"));
            elided
                .then(|| participants(&text[sentences[c.sentence].span.clone()]))
                .flatten()
        })
        .collect();
    inherit_from_paragraph(claims, sentences);
    for (c, g) in claims.iter_mut().zip(gathered) {
        if let Some(g) = g {
            c.counted = Some(g.to_string());
        }
        let casualty = matches!(
            c.event.as_deref(),
            Some(
                "killed"
                    | "injured"
                    | "killed or injured"
                    | "missing"
                    | "detained"
                    | "displaced"
                    | "evacuated"
                    | "attended"
            )
        );
        if c.counted.is_none() && c.quantity.unit == Unit::Count && casualty {
            c.counted = Some("person".to_string());
        }
    }
}

/// Who takes part in the gathering a sentence names, if it names one.
pub(crate) fn participants(sentence: &str) -> Option<&'static str> {
    sentence
        .split(|c: char| !c.is_alphabetic())
        .find_map(|w| match lower(w).as_str() {
            "protest" | "protests" => Some("protester"),
            "demonstration" | "demonstrations" => Some("demonstrator"),
            _ => None,
        })
}

pub(crate) fn inherit_from_paragraph(claims: &mut [Claim], sentences: &[Sentence]) {
    // the donor is the last count before it in its paragraph that has a
    // noun (given or inherited): kept per paragraph as the claims go by, not
    // searched for back over every earlier claim, which was quadratic in a
    // story of many counts without a noun ("12 dead." paragraphs)
    let mut donors: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    for i in 0..claims.len() {
        crate::work::step(1);
        if claims[i].quantity.unit != Unit::Count {
            continue;
        }
        let para = sentences[claims[i].sentence].paragraph;
        if claims[i].counted.is_none() {
            if let Some(&j) = donors.get(&para) {
                let donated = claims[j].counted.clone();
                claims[i].counted = donated;
            }
        }
        if claims[i].counted.is_some() {
            donors.insert(para, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// [`plural_like_lower`] as first written.
    fn plural_like_as_listed(l: &str) -> bool {
        matches!(
            l,
            "people" | "children" | "men" | "women" | "police" | "personnel" | "staff" | "troops"
        ) || (l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && l.len() > 3)
    }

    proptest::proptest! {
        #[test]
        fn plural_like_agrees_with_the_list_and_the_rule(
            w in proptest::prop_oneof![
                "[a-z]{0,9}",
                "[a-z]{0,4}(s|ss|us|ies)",
                proptest::sample::select(vec![
                    "people", "children", "men", "women", "police", "personnel", "staff",
                    "troops", "bus", "gas", "yes", "news", "series",
                ]).prop_map(String::from),
            ],
        ) {
            proptest::prop_assert_eq!(plural_like_lower(&w), plural_like_as_listed(&w));
        }
    }

    #[test]
    fn singular_keeps_the_case_as_written() {
        for (plural, one) in [
            ("Casualties", "Casualty"),
            ("bodies", "body"),
            ("PEOPLE", "person"),
            ("churches", "church"),
            ("Russians", "Russian"),
            ("bus", "bus"),
            ("ties", "tie"),
            ("pies", "pie"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }
}
