//! Comparing two renderings of one quotation, word by word.
//!
//! Both are normalised first, so that what is not a discrepancy never shows
//! as one: case, punctuation, quotation marks and dashes; elided parts
//! (`...`, `…`); contractions (`don't` = `do not`); censored and uncensored
//! profanity (`f**k`, `f---`, `f***`, `dammit` are one expletive); British
//! and American spelling (`honourable` = `honorable`). The word diff is
//! `similar`'s (patience algorithm); each difference is then classed.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// A quotation as comparable words, with where the text elided something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub words: Vec<String>,
    /// Word positions right after an ellipsis.
    pub elisions: Vec<usize>,
}

/// One part of a word diff: `equal`, `delete` (only in the first version)
/// or `insert` (only in the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Delete => "delete",
            Op::Insert => "insert",
        }
    }
}

/// What kind of difference two versions show, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A `not`, `no`, `never` dropped or added.
    Negation,
    /// A number changed.
    Number,
    /// A word changed.
    Word,
    /// Much of the quotation reworded (a translation, a paraphrase).
    Rewording,
    /// A clause left out without an ellipsis.
    Omission,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Negation => "negation",
            Class::Number => "number",
            Class::Word => "word",
            Class::Rewording => "rewording",
            Class::Omission => "omission",
        }
    }
}

/// The comparison of two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteDiff {
    pub parts: Vec<(Op, String)>,
    pub classes: Vec<Class>,
    /// Share of words the two versions have in common, 0 to 1.
    pub similarity: f64,
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot", "without",
    "nowhere",
];

fn expletive(w: &str) -> bool {
    // a letter and two or more dashes or stars: "f--", "é**"; by
    // characters, as the first letter need not be one byte
    let mut rest = w.chars();
    let censored = w.contains('*')
        || (rest.next().is_some_and(char::is_alphabetic)
            && rest.clone().nth(1).is_some()
            && rest.all(|c| c == '-' || c == '*'));
    censored
        || matches!(
            w,
            "fuck"
                | "fucking"
                | "shit"
                | "damn"
                | "dammit"
                | "damnit"
                | "bloody"
                | "hell"
                | "bastard"
                | "bastards"
                | "crap"
        )
}

fn american(w: &str) -> String {
    let fixed = match w {
        "centre" => "center",
        "metre" | "metres" => "meter",
        "theatre" => "theater",
        "defence" => "defense",
        "offence" => "offense",
        "programme" => "program",
        "grey" => "gray",
        "mum" => "mom",
        "travelled" => "traveled",
        "cancelled" => "canceled",
        "analyse" => "analyze",
        "paralysed" => "paralyzed",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    for (uk, us) in [
        ("our", "or"),
        ("ourable", "orable"),
        ("ours", "ors"),
        ("oured", "ored"),
    ] {
        if let Some(stem) = w.strip_suffix(uk) {
            if matches!(
                stem,
                "hon"
                    | "col"
                    | "fav"
                    | "lab"
                    | "neighb"
                    | "behavi"
                    | "harb"
                    | "rum"
                    | "hum"
                    | "vig"
                    | "arm"
                    | "flav"
            ) {
                return format!("{stem}{us}");
            }
        }
    }
    for (uk, us) in [
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("isation", "ization"),
    ] {
        if let Some(stem) = w.strip_suffix(uk) {
            if matches!(
                stem,
                "real"
                    | "recogn"
                    | "organ"
                    | "apolog"
                    | "critic"
                    | "emphas"
                    | "priorit"
                    | "mobil"
                    | "author"
                    | "stabil"
                    | "normal"
                    | "legal"
                    | "util"
                    | "modern"
                    | "special"
            ) {
                return format!("{stem}{us}");
            }
        }
    }
    w.to_string()
}

/// Expand a contraction into its words.
fn expand(w: &str, out: &mut Vec<String>) {
    let w = w.replace('’', "'");
    let (base, tail): (String, Option<&str>) = match w.as_str() {
        "won't" => ("will".into(), Some("not")),
        "can't" => ("can".into(), Some("not")),
        "shan't" => ("shall".into(), Some("not")),
        "cannot" => ("can".into(), Some("not")),
        _ => {
            if let Some(b) = w.strip_suffix("n't") {
                (b.to_string(), Some("not"))
            } else if let Some(b) = w.strip_suffix("'re") {
                (b.to_string(), Some("are"))
            } else if let Some(b) = w.strip_suffix("'m") {
                (b.to_string(), Some("am"))
            } else if let Some(b) = w.strip_suffix("'ve") {
                (b.to_string(), Some("have"))
            } else if let Some(b) = w.strip_suffix("'ll") {
                (b.to_string(), Some("will"))
            } else if let Some(b) = w.strip_suffix("'d") {
                (b.to_string(), Some("would"))
            } else if let Some(b) = w.strip_suffix("'s") {
                (b.to_string(), None)
            } else {
                (w.trim_matches('\'').to_string(), None)
            }
        }
    };
    if !base.is_empty() {
        out.push(if expletive(&base) {
            "<expletive>".to_string()
        } else {
            american(&base)
        });
    }
    if let Some(t) = tail {
        out.push(t.to_string());
    }
}

/// Normalise a quotation for comparison.
pub fn normalize(text: &str) -> Normalized {
    let lower = text.to_lowercase();
    let mut words = Vec::new();
    let mut elisions = Vec::new();
    let mut word = String::new();
    let mut dots = 0;
    for c in lower.chars() {
        // a letter followed by dashes or stars is a censored word: "f---", "f**k"
        let censoring = !word.is_empty() && word.chars().skip(1).all(|x| x == '-' || x == '*');
        let joins = match c {
            '\'' | '’' => !word.is_empty(),
            '*' => true,
            '-' => censoring,
            _ => c.is_alphanumeric(),
        };
        if joins {
            if dots >= 3 {
                elisions.push(words.len());
            }
            dots = 0;
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            expand(&word, &mut words);
            word.clear();
        }
        match c {
            '.' => dots += 1,
            '…' => dots += 3,
            _ if c.is_whitespace() => {}
            _ => {
                if dots >= 3 {
                    elisions.push(words.len());
                }
                dots = 0;
            }
        }
    }
    if !word.is_empty() {
        expand(&word, &mut words);
    }
    if dots >= 3 {
        elisions.push(words.len());
    }
    elisions.dedup();
    Normalized { words, elisions }
}

fn is_number(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && w.chars().any(|c| c.is_ascii_digit())
        || crate::extract::grammar::lexicon::number_word(w).is_some()
}

/// Compare two versions of one quotation. The first is the reference.
pub fn compare(a: &Normalized, b: &Normalized) -> QuoteDiff {
    let ops = capture_diff_slices(Algorithm::Patience, &a.words, &b.words);
    let mut parts: Vec<(Op, String)> = Vec::new();
    let mut classes = Vec::new();
    let mut equal = 0;
    let n_ops = ops.len();
    let push = |parts: &mut Vec<(Op, String)>, op: Op, words: &[String]| {
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        match parts.last_mut() {
            Some((last, t)) if *last == op => {
                t.push(' ');
                t.push_str(&text);
            }
            _ => parts.push((op, text)),
        }
    };
    for (k, op) in ops.iter().enumerate() {
        let (tag, ra, rb) = op.as_tag_tuple();
        let (wa, wb) = (&a.words[ra.clone()], &b.words[rb.clone()]);
        match tag {
            DiffTag::Equal => {
                equal += wa.len();
                push(&mut parts, Op::Equal, wa);
            }
            _ => {
                push(&mut parts, Op::Delete, wa);
                push(&mut parts, Op::Insert, wb);
                // the ends of a partial quote, and parts elided with "...", are no change
                let edge = (k == 0 || k + 1 == n_ops) && (wa.is_empty() || wb.is_empty());
                let elided = (wb.is_empty() && b.elisions.contains(&rb.start))
                    || (wa.is_empty() && a.elisions.contains(&ra.start));
                if edge || elided {
                    continue;
                }
                let changed: Vec<&String> = wa.iter().chain(wb).collect();
                let negs =
                    |w: &[String]| w.iter().filter(|x| NEGATIONS.contains(&x.as_str())).count();
                if negs(wa) != negs(wb) {
                    classes.push(Class::Negation);
                }
                if changed.iter().any(|w| is_number(w)) {
                    classes.push(Class::Number);
                } else if tag == DiffTag::Replace && wa.len() <= 3 && wb.len() <= 3 {
                    classes.push(Class::Word);
                } else if wa.len().max(wb.len()) >= 4 && (wa.is_empty() || wb.is_empty()) {
                    classes.push(Class::Omission);
                } else {
                    classes.push(Class::Word);
                }
            }
        }
    }
    let shorter = a.words.len().min(b.words.len()).max(1);
    let similarity = equal as f64 / shorter as f64;
    if similarity < 0.6
        && classes
            .iter()
            .any(|c| matches!(c, Class::Word | Class::Omission))
    {
        classes.push(Class::Rewording);
    }
    classes.sort_unstable();
    classes.dedup();
    QuoteDiff {
        parts,
        classes,
        similarity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(a: &str, b: &str) -> Vec<Class> {
        compare(&normalize(a), &normalize(b)).classes
    }

    #[test]
    fn normalisation_erases_what_is_no_discrepancy() {
        assert_eq!(
            normalize("Don't LOSE—heart!").words,
            vec!["do", "not", "lose", "heart"]
        );
        assert_eq!(normalize("f**k").words, normalize("f---").words);
        assert_eq!(normalize("f***").words, vec!["<expletive>"]);
        assert_eq!(
            normalize("an honourable thing").words,
            normalize("an honorable thing").words
        );
        assert_eq!(normalize("We will ... rebuild").elisions, vec![2]);
        assert_eq!(normalize("We will… rebuild").elisions, vec![2]);
    }

    #[test]
    fn house_styles_partial_quotes_and_ellipses_are_no_change() {
        assert!(
            classes(
                "“We will rebuild every home in this valley,” he said",
                "\"We will rebuild every home in this valley\""
            )
            .is_empty()
        );
        assert!(
            classes(
                "We will rebuild every home in this valley by spring",
                "rebuild every home in this valley"
            )
            .is_empty()
        );
        assert!(
            classes(
                "We will rebuild every home in this valley by spring",
                "We will rebuild ... by spring"
            )
            .is_empty()
        );
        assert!(
            classes(
                "You kill them, f**k, believe me",
                "You kill them, f---, believe me"
            )
            .is_empty()
        );
    }

    #[test]
    fn words_that_start_with_a_letter_of_many_bytes() {
        // issue 16: a byte slice after the first letter panicked here
        for (quote, want) in [
            ("Ça suffit, dit-il", "ça"),
            ("Über alles", "über"),
            ("L'Élysée a parlé", "l'élysée"),
            ("Это не так", "это"),
            ("Όχι σήμερα", "όχι"),
            ("ß", "ß"),
        ] {
            assert_eq!(normalize(quote).words[0], want, "{quote}");
        }
        // a censored word is a letter and dashes or stars, whatever the letter
        assert_eq!(normalize("é--").words, vec!["<expletive>"]);
        assert_eq!(normalize("é-").words, vec!["é-"]);
        assert_eq!(normalize("f-").words, vec!["f-"]);
        assert!(!classes("Nous n'irons pas à l'Élysée", "Nous irons à l'Élysée").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any text normalises and compares without a panic.
        #[test]
        fn any_text_normalises(a in "\\PC{0,40}", b in "(\\PC|[-*'’.… ]){0,40}") {
            let (na, nb) = (normalize(&a), normalize(&b));
            let d = compare(&na, &nb);
            proptest::prop_assert!(d.similarity >= 0.0);
        }
    }

    #[test]
    fn classes_of_change() {
        assert!(
            classes("We did not order the strike", "We did order the strike")
                .contains(&Class::Negation)
        );
        assert!(classes("We lost 35 men", "We lost 53 men").contains(&Class::Number));
        assert_eq!(
            classes(
                "a brutal and senseless attack",
                "a cowardly and senseless attack"
            ),
            vec![Class::Word]
        );
        let d = compare(
            &normalize("a brutal and senseless attack"),
            &normalize("a cowardly and senseless attack"),
        );
        assert_eq!(
            d.parts,
            vec![
                (Op::Equal, "a".to_string()),
                (Op::Delete, "brutal".to_string()),
                (Op::Insert, "cowardly".to_string()),
                (Op::Equal, "and senseless attack".to_string())
            ]
        );
    }
}
