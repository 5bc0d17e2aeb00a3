//! The word lists of quotation comparison (`lexicon.yaml`, compiled in):
//! negations, function words, tense pairs, the words that make a speaker a
//! role or an organisation, and British spellings with their American
//! forms. Data, not code: a spelling or a role is added there.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    negations: Vec<String>,
    function: Vec<String>,
    tense: Vec<[String; 2]>,
    roles: Vec<String>,
    organisations: Vec<String>,
    titles: Vec<String>,
    dates: Vec<String>,
    irregular: Vec<[String; 2]>,
    spellings: std::collections::BTreeMap<String, String>,
}

/// The lists, as sets.
pub(crate) struct Lexicon {
    pub negations: FxHashSet<String>,
    pub function: FxHashSet<String>,
    pub tense: FxHashSet<(String, String)>,
    pub roles: FxHashSet<String>,
    pub organisations: FxHashSet<String>,
    pub titles: FxHashSet<String>,
    pub dates: FxHashSet<String>,
    /// A verb's forms that no suffix relates (`sit`, `sat`), both ways.
    pub irregular: FxHashSet<(String, String)>,
    pub spellings: FxHashMap<String, String>,
}

const SOURCE: &str = include_str!("lexicon.yaml");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let f: LexiconFile = serde_yaml::from_str(SOURCE).expect("the compiled-in lexicon parses");
    let set = |v: Vec<String>| v.into_iter().collect::<FxHashSet<String>>();
    let both = |pairs: Vec<[String; 2]>| {
        let mut out = FxHashSet::default();
        for [a, b] in pairs {
            out.insert((b.clone(), a.clone()));
            out.insert((a, b));
        }
        out
    };
    let tense = both(f.tense);
    let irregular = both(f.irregular);
    Lexicon {
        negations: set(f.negations),
        function: set(f.function),
        tense,
        roles: set(f.roles),
        organisations: set(f.organisations),
        titles: set(f.titles),
        dates: set(f.dates),
        irregular,
        spellings: f.spellings.into_iter().collect(),
    }
});

pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_lexicon_parses_and_spellings_go_one_way() {
        let l = super::lexicon();
        assert_eq!(
            l.spellings.get("centre").map(String::as_str),
            Some("center")
        );
        assert_eq!(
            l.spellings.get("organisations").map(String::as_str),
            Some("organizations")
        );
        // an American form is never itself rewritten: one step reaches the end
        for us in l.spellings.values() {
            assert!(!l.spellings.contains_key(us), "{us} is rewritten again");
        }
        assert!(l.tense.contains(&("was".to_string(), "is".to_string())));
        assert!(l.negations.contains("not") && !l.function.contains("before"));
    }
}
