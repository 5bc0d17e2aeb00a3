//! The source reader: who says a figure (`according to police`, `the OHCHR
//! said`, `NATO estimates`), nearest in the figure's clause.

use super::tokens::{Tok, capitalised, lower};
use std::ops::Range;

pub(crate) const SOURCE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "states",
    "noted",
    "notes",
    "reported",
    "reports",
    "reporting",
    "told",
    "estimates",
    "estimated",
    "estimate",
    "puts",
    "put",
    "claimed",
    "claims",
    "announced",
    "confirmed",
    "added",
    "according",
    "tweeted",
    "wrote",
    "warned",
    "insisted",
    "revealed",
];

pub(crate) const SOURCE_NOUNS: &[&str] = &[
    "police",
    "officials",
    "authorities",
    "ministry",
    "army",
    "military",
    "government",
    "organisers",
    "organizers",
    "agency",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "witnesses",
    "prosecutors",
    "officers",
    "doctors",
    "hospital",
    "medics",
    "rescuers",
    "mayor",
    "governor",
    "council",
    "department",
    "office",
    "service",
    "force",
    "minister",
    "president",
    "crews",
    "crew",
    "company",
    "firm",
    "coastguard",
    "union",
    "operator",
    "airline",
    "authority",
    "commission",
    "institute",
    "association",
    "charity",
    "court",
    "prosecutor",
    "regulator",
    "inspectors",
    "investigators",
    "scientists",
    "researchers",
    "analysts",
    "observers",
];

/// Reduce a source phrase: an acronym in brackets wins, then a trailing
/// appositive name, then the phrase without its article.
pub(crate) fn tidy_source(text: &str, toks: &[Tok<'_>]) -> Option<String> {
    if toks.is_empty() {
        return None;
    }
    // "(OHCHR)"
    for w in toks.windows(3) {
        if w[0].text == "("
            && w[2].text == ")"
            && w[1].word
            && w[1].text.chars().all(char::is_uppercase)
        {
            return Some(w[1].text.to_string());
        }
    }
    // "..., Oksana Markarova"
    if let Some(comma) = toks.iter().rposition(|t| t.text == ",") {
        let tail = &toks[comma + 1..];
        if !tail.is_empty() && tail.iter().all(|t| t.word && capitalised(t.text)) {
            return Some(text[tail[0].start..tail[tail.len() - 1].end].to_string());
        }
    }
    let mut start = 0;
    while start < toks.len() && toks[start].word && matches!(toks[start].low, "the" | "a" | "an") {
        start += 1;
    }
    let rest = &toks[start..];
    let first = rest.first()?;
    let last = rest.iter().rposition(|t| t.word)?;
    let phrase = &text[first.start..rest[last].end];
    let any_source = rest
        .iter()
        .any(|t| t.word && (capitalised(t.text) || crate::word_set!(SOURCE_NOUNS).contains(t.low)));
    (any_source && rest.len() <= 14).then(|| phrase.to_string())
}

/// Every attribution in a sentence, with where it stands.
pub(crate) fn sources_in(text: &str, toks: &[Tok<'_>]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        let l = t.low;
        if l == "according"
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text.eq_ignore_ascii_case("to"))
        {
            let end = toks[k + 2..]
                .iter()
                .position(|x| matches!(x.text, "." | ";" | "!" | "?" | "“" | "\""))
                .map_or(toks.len(), |p| k + 2 + p);
            let mut phrase = &toks[k + 2..end];
            // "according to police, as the strike ..." stops at the comma;
            // "according to the ambassador, Oksana Markarova" keeps the name
            if let Some(c) = phrase.iter().position(|x| x.text == ",") {
                let tail = &phrase[c + 1..];
                let appositive =
                    !tail.is_empty() && tail.iter().all(|t| t.word && capitalised(t.text));
                if !appositive {
                    phrase = &phrase[..c];
                }
            }
            if let Some(s) = tidy_source(text, phrase) {
                out.push((t.start, s));
            }
        }
    }
    for (k, t) in toks.iter().enumerate() {
        if !t.word || !crate::word_set!(SOURCE_VERBS).contains(t.low) || t.low == "according" {
            continue;
        }
        // subject before the verb, back to the clause start
        let mut s = k;
        while s > 0 {
            let p = toks[s - 1];
            if !p.word && p.text != "(" && p.text != ")" && p.text != "'" && p.text != "’" {
                break;
            }
            if p.word && matches!(p.low, "that" | "while" | "and" | "but" | "as" | "with") {
                break;
            }
            s -= 1;
        }
        let mut subject = &toks[s..k];
        // drop auxiliaries and adverbs before the verb
        while let Some(last) = subject.last() {
            if matches!(
                last.low,
                "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "also"
                    | "previously"
                    | "later"
                    | "earlier"
            ) {
                subject = &subject[..subject.len() - 1];
            } else {
                break;
            }
        }
        if !subject.is_empty() && subject.len() <= 14 {
            if let Some(s) = tidy_source(text, subject) {
                if !matches!(
                    lower(&s).as_str(),
                    "she" | "he" | "they" | "it" | "we" | "i" | "you"
                ) {
                    out.push((t.start, s));
                    continue;
                }
            }
        }
        // inverted: "noted the SBU", "said Ms Alvarez"
        let end = toks[k + 1..]
            .iter()
            .position(|x| !x.word || matches!(x.low, "that" | "on" | "in" | "at" | "this" | "last"))
            .map_or(toks.len(), |p| k + 1 + p);
        if end > k + 1 && end - k - 1 <= 6 {
            if let Some(s) = tidy_source(text, &toks[k + 1..end]) {
                if toks[k + 1..end].iter().any(|t| capitalised(t.text)) {
                    out.push((t.start, s));
                }
            }
        }
    }
    out
}

/// The attribution for a figure: the nearest one in the same clause (split
/// at semicolons), else the nearest in the sentence.
pub(crate) fn source_for(
    text: &str,
    sentence: &Range<usize>,
    sources: &[(usize, String)],
    figure: &Range<usize>,
) -> Option<String> {
    let clause = |at: usize| {
        text[sentence.start..at.max(sentence.start)]
            .matches(';')
            .count()
    };
    let fig_clause = clause(figure.start);
    let dist = |at: usize| {
        if at >= figure.end {
            at - figure.end
        } else {
            figure.start - at.min(figure.start)
        }
    };
    sources
        .iter()
        .min_by_key(|(at, _)| (clause(*at) != fig_clause, dist(*at)))
        .map(|(_, s)| s.clone())
}
