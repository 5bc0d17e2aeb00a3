//! The attribution reader: who says something. One reader serves the
//! figures' sources (`according to police`, `the OHCHR said`, `NATO
//! estimates`) and the quotes' speakers (`..." the mother said`, `...",
//! said Ms Alvarez`, `The mayor responded: "..."`), so that a figure and a
//! quotation from one sentence are given to the same someone.
//!
//! It reads tokens ([`super::tokens`]) around a verb of saying: the subject
//! back to the clause start, or, inverted, the name after the verb; or the
//! phrase after `according to`. Its words are data (`attribution.yaml`,
//! compiled in).

use super::tokens::{Tok, capitalised, class};
use super::words::WordSet;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    saying: Vec<String>,
    figures: Vec<String>,
    pronouns: Vec<String>,
    before_verb: Vec<String>,
    subject_stops: Vec<String>,
    name_stops: Vec<String>,
    source_nouns: Vec<String>,
    roles: Vec<String>,
    abbreviations: Vec<String>,
}

/// The reader's words, as sets.
pub(crate) struct Words {
    /// Verbs that attribute words or figures.
    pub saying: WordSet,
    /// Verbs of saying and those that attribute a figure only.
    pub attributing: WordSet,
    pub pronouns: WordSet,
    before_verb: WordSet,
    subject_stops: WordSet,
    name_stops: WordSet,
    source_nouns: WordSet,
    pub roles: WordSet,
    pub abbreviations: WordSet,
}

const SOURCE: &str = include_str!("attribution.yaml");

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let f: File = serde_yaml::from_str(SOURCE).expect("the compiled-in attribution words parse");
    let leak = |v: &[String]| -> Vec<&'static str> {
        v.iter()
            .map(|w| &*Box::leak(w.to_ascii_lowercase().into_boxed_str()))
            .collect()
    };
    let set = |v: &[String]| WordSet::new(&leak(v));
    let mut attributing = leak(&f.saying);
    attributing.extend(leak(&f.figures));
    Words {
        saying: set(&f.saying),
        attributing: WordSet::new(&attributing),
        pronouns: set(&f.pronouns),
        before_verb: set(&f.before_verb),
        subject_stops: set(&f.subject_stops),
        name_stops: set(&f.name_stops),
        source_nouns: set(&f.source_nouns),
        roles: set(&f.roles),
        abbreviations: set(&f.abbreviations),
    }
});

/// The reader's words, read on first use.
pub(crate) fn words() -> &'static Words {
    &WORDS
}

/// The subject of the verb at `toks[k]`: back to the clause start (a
/// punctuation mark other than brackets and apostrophes, or `that`,
/// `and`, ...), auxiliaries and adverbs before the verb dropped (`police
/// have also said` → `police`).
pub(crate) fn subject<'t, 'a>(toks: &'t [Tok<'a>], k: usize) -> &'t [Tok<'a>] {
    let w = words();
    let mut s = k;
    while s > 0 {
        let p = toks[s - 1];
        // the point of an abbreviation or an initial goes on: `Lt. Gerry
        // Scherlinck`, `Raymond W. Kelly`
        let abbreviation = p.text == "."
            && s >= 2
            && toks[s - 2].word
            && (w.abbreviations.contains(toks[s - 2].low)
                || toks[s - 2].text.len() == 1 && capitalised(toks[s - 2].text));
        if !p.word && !matches!(p.text, "(" | ")" | "'" | "’") && !abbreviation {
            break;
        }
        if p.word && w.subject_stops.contains(p.low) {
            break;
        }
        s -= 1;
    }
    let mut subject = &toks[s..k];
    while let Some(last) = subject.last() {
        if w.before_verb.contains(last.low) {
            subject = &subject[..subject.len() - 1];
        } else {
            break;
        }
    }
    subject
}

/// The words after the verb at `toks[k]` up to a break (`said Ms Alvarez
/// on Monday` → `Ms Alvarez`), at most `max` of them; empty when more.
/// With `through_commas`, a comma does not break (`says a neighbour,
/// Justin`).
pub(crate) fn after_verb<'t, 'a>(
    toks: &'t [Tok<'a>],
    k: usize,
    max: usize,
    through_commas: bool,
) -> &'t [Tok<'a>] {
    let w = words();
    let end = toks[k + 1..]
        .iter()
        .position(|x| {
            let comma = through_commas && x.text == ",";
            (!x.word && !comma) || w.name_stops.contains(x.low)
        })
        .map_or(toks.len(), |p| k + 1 + p);
    let taken = &toks[k + 1..end];
    if taken.iter().filter(|t| t.word).count() <= max {
        taken
    } else {
        &[]
    }
}

/// The name after a verb of saying (`said fire chief Hanna Berg`,
/// `says a neighbour, Justin`, `said Rory Read, president of ...`): in the
/// first six words after the verb, up to a break, the capitalised run that
/// ends the first comma-separated part holding a capital.
pub(crate) fn name_after<'t, 'a>(toks: &'t [Tok<'a>], k: usize) -> Option<&'t [Tok<'a>]> {
    let w = words();
    let mut part = k + 1;
    let mut count = 0;
    let mut j = k + 1;
    loop {
        let at_end = j >= toks.len()
            || count == 6
            || w.name_stops.contains(toks[j].low)
            || (!toks[j].word && !matches!(toks[j].text, "," | "."));
        let comma = !at_end && toks[j].text == ",";
        if at_end || comma {
            if let Some(name) = trailing_name(&toks[part..j]) {
                return Some(name);
            }
            if at_end {
                return None;
            }
            part = j + 1;
        } else if toks[j].word {
            count += 1;
        }
        j += 1;
    }
}

/// The capitalised run that ends the last capitalised word of `toks`
/// (`fire chief Hanna Berg` → `Hanna Berg`).
pub(crate) fn trailing_name<'t, 'a>(toks: &'t [Tok<'a>]) -> Option<&'t [Tok<'a>]> {
    let last = toks.iter().rposition(|t| t.word && capitalised(t.text))?;
    // the point of an initial or abbreviation stays in the run (`Lt. Gerry`)
    let first = toks[..=last]
        .iter()
        .rposition(|t| !capitalised(t.text) && t.text != ".")
        .map_or(0, |p| p + 1);
    Some(&toks[first..=last])
}

/// `according to X`: the phrase after `toks[k]` (`according`), to the end
/// of the sentence or its first comma (`according to police, as ...`); a
/// name in apposition after the comma stays (`according to the
/// ambassador, Oksana Markarova`).
pub(crate) fn according_to<'t, 'a>(toks: &'t [Tok<'a>], k: usize) -> Option<&'t [Tok<'a>]> {
    let is_according = toks[k].word
        && toks[k].low == "according"
        && toks.get(k + 1).is_some_and(|n| n.low == "to");
    if !is_according {
        return None;
    }
    let end = toks[k + 2..]
        .iter()
        .position(|x| matches!(x.text, "." | ";" | "!" | "?" | "“" | "\""))
        .map_or(toks.len(), |p| k + 2 + p);
    let mut phrase = &toks[k + 2..end];
    if let Some(c) = phrase.iter().position(|x| x.text == ",") {
        let tail = &phrase[c + 1..];
        let appositive = !tail.is_empty() && tail.iter().all(|t| t.word && capitalised(t.text));
        if !appositive {
            phrase = &phrase[..c];
        }
    }
    Some(phrase)
}

/// Reduce a source phrase: an acronym in brackets wins, then a trailing
/// appositive name, then the phrase without its article. `None` when the
/// phrase names no source (no capital, no source noun) or is too long.
pub(crate) fn tidy(text: &str, toks: &[Tok<'_>]) -> Option<String> {
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
        .any(|t| t.word && (capitalised(t.text) || words().source_nouns.contains(t.low)));
    (any_source && rest.len() <= 14).then(|| phrase.to_string())
}

/// Every attribution of a figure in a sentence, with where it stands.
/// `all` is the union of the tokens' classes (see [`class`]): a sentence
/// with no `according` and no attributing verb has none.
#[cfg(test)]
pub(crate) fn sources_in(text: &str, toks: &[Tok<'_>], all: u32) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let every: Vec<usize> = (0..toks.len()).collect();
    sources_at(text, toks, all, &every, &mut out);
    out
}

/// [`sources_in`] into `out`, reading only the tokens at `starts` (in
/// order): every `according` and attributing verb among others.
pub(crate) fn sources_at(
    text: &str,
    toks: &[Tok<'_>],
    all: u32,
    starts: &[usize],
    out: &mut Vec<(usize, String)>,
) {
    let w = words();
    out.clear();
    if all & (class::ACCORDING | class::ATTRIBUTING) == 0 {
        return;
    }
    for &k in starts {
        let t = &toks[k];
        if !t.word {
            continue;
        }
        if t.class & class::ACCORDING != 0 {
            if let Some(s) = according_to(toks, k).and_then(|p| tidy(text, p)) {
                out.push((t.start, s));
            }
            continue;
        }
        if t.class & class::ATTRIBUTING == 0 {
            continue;
        }
        let subject = subject(toks, k);
        if !subject.is_empty() && subject.len() <= 14 {
            if let Some(s) = tidy(text, subject) {
                let pronoun = !s.contains(' ') && w.pronouns.contains(&s);
                if !pronoun {
                    out.push((t.start, s));
                    continue;
                }
            }
        }
        // inverted: "noted the SBU", "said Ms Alvarez"
        let after = after_verb(toks, k, 6, false);
        if after.iter().any(|t| capitalised(t.text)) {
            if let Some(s) = tidy(text, after) {
                out.push((t.start, s));
            }
        }
    }
}

/// The attribution for a figure: the nearest one in the same clause (split
/// at semicolons), else the nearest in the sentence.
pub(crate) fn source_for(
    text: &str,
    sentence: &Range<usize>,
    sources: &[(usize, String)],
    figure: &Range<usize>,
) -> Option<String> {
    // most sentences have no semicolon, and one clause
    let one_clause =
        sources.len() < 2 || memchr::memchr(b';', text[sentence.clone()].as_bytes()).is_none();
    let clause = |at: usize| {
        if one_clause {
            return 0;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokens;

    fn sources(s: &str) -> Vec<String> {
        let lowered = s.to_ascii_lowercase();
        let mut toks = Vec::new();
        let all = tokens(
            &mut toks,
            s,
            0..s.len(),
            &lowered,
            crate::extract::frame::classes(),
        );
        sources_in(s, &toks, all)
            .into_iter()
            .map(|(_, w)| w)
            .collect()
    }

    #[test]
    fn subjects_inverted_names_and_according_to() {
        assert_eq!(
            sources("The regional police have also said 12 died."),
            ["regional police"]
        );
        assert_eq!(
            sources("Twelve died, said Mayor Ana Ruiz on Monday."),
            ["Mayor Ana Ruiz"]
        );
        assert_eq!(
            sources("Twelve died, according to the UN (OCHA), as rain fell."),
            ["OCHA"]
        );
        assert_eq!(
            sources("Nine died, according to the envoy, Tomas Vik."),
            ["Tomas Vik"]
        );
        assert_eq!(sources("NATO estimates 9,000 troops."), ["NATO"]);
    }

    #[test]
    fn pronouns_and_plain_words_name_no_source() {
        assert!(sources("She said nine people died.").is_empty());
        assert!(sources("The thing said nine.").is_empty());
    }

    #[test]
    fn the_verbs_of_saying_are_verbs_that_attribute_figures_too() {
        let w = words();
        for v in ["said", "told", "responded", "confirmed"] {
            assert!(w.saying.contains(v) && w.attributing.contains(v), "{v}");
        }
        assert!(w.attributing.contains("estimates") && !w.saying.contains("estimates"));
    }

    #[test]
    fn a_figure_and_a_quotation_of_one_sentence_get_one_attribution() {
        for (t, who) in [
            (
                "\"It is over,\" police said on Monday, adding that 12 people were killed.",
                "police",
            ),
            (
                "\"We counted them,\" said Mayor Ana Ruiz, and 12 people were killed.",
                "Mayor Ana Ruiz",
            ),
        ] {
            let s = crate::text::sentences(t, 0);
            let m = crate::extract::scan::mentions(t, None);
            let (claims, _) = crate::extract::frame::claims(t, &s, m, None);
            let q = crate::quote::quotes(t, &s);
            let count = claims
                .iter()
                .find(|c| c.stated.0 == 12.0)
                .expect("a figure");
            assert_eq!(count.source.as_deref(), Some(who), "{t}");
            let speaker = q[0].speaker.as_deref().unwrap_or("");
            assert!(
                who.ends_with(speaker) && !speaker.is_empty(),
                "{t}: {speaker}"
            );
        }
    }
}
