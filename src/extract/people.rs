//! People in the story: a named person and the age the story gives them.
//!
//! Read from the frame's ages (a claim whose unit is `age`), each tied to
//! the name it stands beside: `Ana Ode, 19,` (the name before an
//! appositive age), `19-year-old Ana Ode` and `the 19-year-old suspect Ana
//! Ode` (the name after), `Ana Ode, aged 19` and `Ana Ode, who was 19` (the
//! name before `aged`, `who was`). An
//! age no name is bound to (`the 19-year-old was a student`) names nobody:
//! unknown stays unknown. Titles and roles before a name (`Officer`,
//! `Sgt.`, `the suspect`) say the person's role; the words of the sentence
//! say it otherwise (`killed` → victim, `arrested` → suspect).

use super::frame::Claim;
use super::quantity::Unit;
use crate::text::Sentence;
use std::ops::Range;

/// A named person with an age.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The name as written, titles dropped (`Ana Ode`).
    pub name: String,
    /// First name and surname, folded for matching (`ana`, `ode`).
    pub first: String,
    pub surname: String,
    /// The name's span in the story text.
    pub span: Range<usize>,
    /// The name and its age together (`Ana Ode, 19`, `19-year-old Ana Ode`).
    pub whole: Range<usize>,
    pub age: u32,
    /// Index of the age claim in the story's claims.
    pub claim: usize,
    /// The age stands right beside the name (`Ana Ode, 19,`,
    /// `19-year-old Ana Ode`); `false` when words come between.
    pub bound: bool,
    /// `victim`, `suspect`, `officer`, `witness`, when the title or the
    /// sentence says.
    pub role: Option<&'static str>,
    pub sentence: usize,
}

/// The reader's words (`people.yaml`), as written.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    titles: std::collections::BTreeMap<String, String>,
    roles: Vec<[String; 2]>,
    between: Vec<String>,
    not_names: Vec<String>,
    suffixes: Vec<String>,
    nicknames: Vec<[String; 2]>,
    groups: Vec<[String; 2]>,
    person_cues: Vec<String>,
    subject_verbs: Vec<String>,
    speakers: Vec<String>,
}

/// The reader's words, read once.
pub(crate) struct Words {
    /// Title and the role it gives (empty: `Mr`).
    titles: rustc_hash::FxHashMap<String, &'static str>,
    roles: Vec<(String, &'static str)>,
    /// Each role word in lower case (ASCII) and the first place it has
    /// in `roles`, whatever its case there.
    role_index: rustc_hash::FxHashMap<Vec<u8>, usize>,
    /// Bit `n` set: a role word is `n` bytes long (a word of a length no
    /// role has is none; every length from 64 up is let through).
    role_lengths: u64,
    between: rustc_hash::FxHashSet<String>,
    not_names: rustc_hash::FxHashSet<String>,
    suffixes: rustc_hash::FxHashSet<String>,
    /// Short form and full name, both ways round as written.
    pub nicknames: Vec<(String, String)>,
    /// A group word and the role of its members (`victims` → victim).
    groups: Vec<(String, &'static str)>,
    /// Words after which a name is a person's (`as`, `victim`).
    person_cues: rustc_hash::FxHashSet<String>,
    /// Verbs after a name that starts a sentence (`Kendal Ruiz was shot`).
    subject_verbs: rustc_hash::FxHashSet<String>,
    /// Words beside a name that make it a speaker's (`said`, `spokesman`).
    speakers: rustc_hash::FxHashSet<String>,
}

static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    let f: WordsFile =
        serde_yaml::from_str(include_str!("people.yaml")).expect("people.yaml parses");
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let roles: Vec<(String, &'static str)> =
        f.roles.into_iter().map(|[w, r]| (w, leak(r))).collect();
    let mut role_index = rustc_hash::FxHashMap::default();
    let mut role_lengths = 0u64;
    for (k, (w, _)) in roles.iter().enumerate() {
        role_index
            .entry(w.to_ascii_lowercase().into_bytes())
            .or_insert(k);
        role_lengths |= 1u64
            .checked_shl(u32::try_from(w.len()).unwrap_or(u32::MAX))
            .unwrap_or(0);
    }
    Words {
        titles: f.titles.into_iter().map(|(t, r)| (t, leak(r))).collect(),
        roles,
        role_index,
        role_lengths,
        between: f.between.into_iter().collect(),
        not_names: f.not_names.into_iter().collect(),
        suffixes: f.suffixes.into_iter().collect(),
        nicknames: f.nicknames.into_iter().map(|[a, b]| (a, b)).collect(),
        groups: f.groups.into_iter().map(|[g, r]| (g, leak(r))).collect(),
        person_cues: f.person_cues.into_iter().collect(),
        subject_verbs: f.subject_verbs.into_iter().collect(),
        speakers: f.speakers.into_iter().collect(),
    }
});

/// The words of the people reader and the person rule.
pub(crate) fn lexicon() -> &'static Words {
    &WORDS
}

/// The role a title gives (`""` for `Mr`); `None` when `w` is no title.
fn title(w: &str) -> Option<&'static str> {
    with_folded(w, |f| lexicon().titles.get(f).copied())
}

/// `f` of [`fold`]`(s)`; a short ASCII word is folded on the stack, not
/// copied to a new string (ASCII folds to itself in lower case, without
/// apostrophes and hyphens).
fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if s.len() <= buf.len() && s.is_ascii() {
        let mut n = 0;
        for b in s.bytes().filter(|&b| b != b'\'' && b != b'-') {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        if let Ok(folded) = std::str::from_utf8(&buf[..n]) {
            return f(folded);
        }
    }
    f(&fold(s))
}

/// Lower-case, accents folded (`Ríos` → `rios`), for matching names.
pub fn fold(s: &str) -> String {
    // ASCII folds to itself in lower case, without apostrophes and hyphens
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes().filter(|&b| b != b'\'' && b != b'-') {
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return out;
    }
    fold_chars(s)
}

/// [`fold`], character by character.
fn fold_chars(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let base = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                    'a'
                }
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
                'ñ' | 'Ñ' => 'n',
                'ç' | 'Ç' => 'c',
                c if c.is_alphanumeric() => c.to_lowercase().next().unwrap_or(c),
                '\'' | '’' | '-' => return None,
                c => c,
            };
            Some(base)
        })
        .collect()
}

fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let upper = chars.next().is_some_and(char::is_uppercase);
    // `DeShawn`, `O'Neal`, `McKay`; not `FBI` (all capitals, longer than 2)
    let shouted = w.len() > 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    upper
        && !shouted
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        && !with_folded(w, |f| lexicon().not_names.contains(f))
}

/// A character kept inside a word.
fn inside(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.')
}

/// The ASCII characters kept inside a word ([`inside`]), by byte.
const INSIDE_ASCII: [bool; 128] = {
    let mut table = [false; 128];
    let mut b: u8 = 0;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'.');
        b += 1;
    }
    table
};

/// Where the first character of `s` that is inside a word (`inside_word`)
/// or outside one starts; ASCII read by bytes, without decoding.
fn first_where(s: &str, inside_word: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if let Some(&is) = INSIDE_ASCII.get(usize::from(b)) {
            if is == inside_word {
                return Some(i);
            }
            i += 1;
        } else {
            let c = s[i..].chars().next()?;
            if inside(c) == inside_word {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The words of `s` as [`words`] reads them, one by one, from the start:
/// a reader that needs the first few does not read the whole sentence.
fn words_from(s: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + first_where(&s[at..], true)?;
            let end = first_where(&s[start..], false).map_or(s.len(), |e| start + e);
            at = end;
            let w = s[start..end].trim_end_matches('.');
            if !w.is_empty() {
                return Some((base + start, w));
            }
        }
    })
}

/// The words of `s` as [`words`] reads them, one by one, from the end.
fn words_back(s: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        loop {
            rest = rest.trim_end_matches(|c| !inside(c));
            if rest.is_empty() {
                return None;
            }
            let start = rest
                .char_indices()
                .rev()
                .find(|&(_, c)| !inside(c))
                .map_or(0, |(p, c)| p + c.len_utf8());
            let w = rest[start..].trim_end_matches('.');
            let found = (!w.is_empty()).then_some((base + start, w));
            rest = &rest[..start];
            if found.is_some() {
                return found;
            }
        }
    })
}

/// The words of `s` with their byte offsets (letters, apostrophes, hyphens
/// and points kept inside a word).
fn words(s: &str, base: usize) -> Vec<(usize, &str)> {
    words_from(s, base).collect()
}

/// [`words`], read character by character (the reader the others are
/// tested against).
#[cfg(test)]
fn words_by_chars(s: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
        let inside = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let w = s[st..i].trim_end_matches('.');
                if !w.is_empty() {
                    out.push((base + st, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A name run (2 to 4 name words, or a title and a surname) read from
/// `words`; with the role its title gives.
fn name_of<'a>(
    run: &[(usize, &'a str)],
) -> Option<(Range<usize>, Vec<&'a str>, Option<&'static str>)> {
    let mut role = None;
    let mut titled = false;
    let mut k = 0;
    while k < run.len() {
        match title(run[k].1) {
            Some(r) => {
                role = role.or((!r.is_empty()).then_some(r));
                titled = true;
                k += 1;
            }
            None => break,
        }
    }
    let name = &run[k..];
    let n = name.len();
    if n == 0 || n > 4 || (n == 1 && !titled) {
        return None;
    }
    let span = name[0].0..name[n - 1].0 + name[n - 1].1.len();
    Some((span, name.iter().map(|w| w.1).collect(), role))
}

/// The trailing run of name words of `words` (nearest the end), as the
/// reader found it before it read words from the end.
#[cfg(test)]
fn trailing_run<'w, 'a>(words: &'w [(usize, &'a str)]) -> &'w [(usize, &'a str)] {
    let start = words
        .iter()
        .rposition(|(_, w)| !is_name_word(w) && title(w).is_none())
        .map_or(0, |p| p + 1);
    &words[start..]
}

/// The leading run of name words of `words`.
fn leading_run<'w, 'a>(words: &'w [(usize, &'a str)]) -> &'w [(usize, &'a str)] {
    let end = words
        .iter()
        .position(|(_, w)| !is_name_word(w))
        .unwrap_or(words.len());
    &words[..end]
}

/// The role of the first word of the list of roles that the sentence has
/// (in any case): the sentence is read once, each word held against the
/// short list, with no list of its words.
fn role_in(sentence: &str) -> Option<&'static str> {
    let l = lexicon();
    // two words are equal but for ASCII case when their ASCII lower case
    // is: each word is looked up once, lowered on the stack
    let mut buf = [0u8; 32];
    words_from(sentence, 0)
        .filter_map(|(_, x)| {
            let length = u32::try_from(x.len())
                .ok()
                .and_then(|n| 1u64.checked_shl(n));
            if length.is_some_and(|bit| l.role_lengths & bit == 0) {
                return None;
            }
            let Some(lower) = buf.get_mut(..x.len()) else {
                return l.roles.iter().position(|(w, _)| x.eq_ignore_ascii_case(w));
            };
            lower.copy_from_slice(x.as_bytes());
            lower.make_ascii_lowercase();
            l.role_index.get(&*lower).copied()
        })
        .min()
        .map(|k| l.roles[k].1)
}

/// A name read by [`name_of`]: its span, its words and its title's role.
type Name<'t> = (Range<usize>, Vec<&'t str>, Option<&'static str>);

/// The one person named in the sentence before `sentence` and in
/// `sentence` up to `at`: every name run there (two to four name words, or
/// a title and a surname) must be of one surname, else it is ambiguous and
/// names nobody; and the name must read as a person's.
fn named_before<'t>(
    text: &'t str,
    sentences: &[Sentence],
    sentence: usize,
    at: usize,
) -> Option<Name<'t>> {
    let from = sentences[sentence.saturating_sub(1)].span.start;
    let ws = words(&text[from..at], from);
    let mut last: Option<(Name<'t>, bool)> = None;
    let mut k = 0;
    while k < ws.len() {
        if !is_name_word(ws[k].1) {
            k += 1;
            continue;
        }
        let end = k + leading_run(&ws[k..]).len();
        // a run that starts a sentence may begin with an ordinary word
        // (`Witnesses said`): only runs that read as a name count
        if let Some(n) = name_of(&ws[k..end]) {
            if let Some(prev) = &last {
                let (a, b) = (prev.0.1.last()?, n.1.last()?);
                if fold(a) != fold(b) {
                    return None;
                }
            }
            // the name must read as a person's: titled, after a word that
            // names one (`identified as`, `the victim,`), or the subject of
            // its sentence (`Kendal Ruiz was shot`); `in Des Moines` is none
            let before = k.checked_sub(1).map(|p| ws[p]);
            let starts =
                before.is_none_or(|(at, w)| text[at + w.len()..ws[k].0].contains(['.', '!', '?']));
            let cue = before
                .is_some_and(|(_, w)| lexicon().person_cues.contains(&w.to_ascii_lowercase()));
            let verb = ws
                .get(end)
                .is_some_and(|(_, w)| lexicon().subject_verbs.contains(&w.to_ascii_lowercase()));
            let titled = end - k > n.1.len();
            // a speaker (`Sgt. Tom Hale said`, `Lt. Ben Ode, a spokesman`)
            // is seldom the one the story then gives an age
            let near = |from: usize, to: usize| {
                ws.get(from..to.min(ws.len())).is_some_and(|w| {
                    w.iter()
                        .any(|(_, w)| lexicon().speakers.contains(&w.to_ascii_lowercase()))
                })
            };
            let speaker = near(end, end + 3) || near(k.saturating_sub(2), k);
            let person = !speaker && (titled || cue || starts && verb);
            last = Some((n, person));
        }
        k = end.max(k + 1);
    }
    last.filter(|(_, person)| *person).map(|(n, _)| n)
}

/// A range of ages a story gives a group (`the victims, aged 19 to 34`,
/// `those killed ranged in age from 46 to 73`, `the suspects were between
/// the ages of 18 and 25`): only when the group is named by a word of
/// role right before it, never for `six men ranging in age ...` (the men
/// may be some of the victims).
#[derive(Debug, Clone, PartialEq)]
pub struct AgeRange {
    pub low: u32,
    pub high: u32,
    /// `victim` or `suspect`.
    pub role: &'static str,
    /// The age claim (the first, for `between the ages of 18 and 25`).
    pub claim: usize,
    /// From the group's word to the end of the range.
    pub span: Range<usize>,
    pub sentence: usize,
}

/// The group word right before an age phrase, and its role: the words
/// between the group and the figure may be only `,`, `-`, `were`, `are`,
/// `all`, `whose`, and an age phrase (`aged`, `ranging in age from`,
/// `between the ages of`).
fn group_before(text: &str, start: usize, figure: usize) -> Option<(usize, &'static str)> {
    let ws = words(&text[start..figure], start);
    let mut k = ws.len();
    while k > 0 {
        let w = ws[k - 1].1.to_ascii_lowercase();
        let filler = matches!(
            w.as_str(),
            "aged"
                | "ages"
                | "age"
                | "of"
                | "the"
                | "between"
                | "from"
                | "ranging"
                | "ranged"
                | "in"
                | "were"
                | "are"
                | "all"
                | "both"
        );
        if !filler {
            break;
        }
        k -= 1;
    }
    let (at, w) = *ws.get(k.checked_sub(1)?)?;
    let role = lexicon()
        .groups
        .iter()
        .find(|(g, _)| w.eq_ignore_ascii_case(g))?
        .1;
    // the words skipped must hold an age word: `victims were 19` is no range
    let skipped = &text[at..figure];
    let aged = skipped.to_ascii_lowercase().contains("age");
    aged.then_some((at, role))
}

/// Every age range a story gives a group of a role.
pub fn age_ranges(text: &str, sentences: &[Sentence], claims: &[Claim]) -> Vec<AgeRange> {
    let mut out = Vec::new();
    for (k, c) in claims.iter().enumerate() {
        if c.quantity.unit != Unit::Age {
            continue;
        }
        let Some(sentence) = sentences.get(c.sentence) else {
            continue;
        };
        let years = |v: f64| (v.fract() == 0.0 && (0.0..=110.0).contains(&v)).then_some(v as u32);
        // `aged 19 to 34`: one claim; `between the ages of 18 and 25`: two
        let (low, high, end) = if c.stated.0 < c.stated.1 {
            (years(c.stated.0), years(c.stated.1), c.span.end)
        } else {
            let next = claims.get(k + 1).filter(|n| {
                n.sentence == c.sentence
                    && n.quantity.unit == Unit::Age
                    && text[c.span.end..n.span.start].trim() == "and"
                    && text[sentence.span.start..c.span.start]
                        .to_ascii_lowercase()
                        .trim_end()
                        .ends_with("between the ages of")
            });
            match next {
                Some(n) => (years(c.stated.0), years(n.stated.0), n.span.end),
                None => continue,
            }
        };
        let (Some(low), Some(high)) = (low, high) else {
            continue;
        };
        if low >= high {
            continue;
        }
        if let Some((start, role)) = group_before(text, sentence.span.start, c.span.start) {
            out.push(AgeRange {
                low,
                high,
                role,
                claim: k,
                span: start..end,
                sentence: c.sentence,
            });
        }
    }
    out
}

/// The role words of the last sentence read ([`role_in`]): the people of
/// one sentence (`A, 19, and B, 20, were killed`) share them.
#[derive(Default)]
struct SentenceRole(Option<(usize, Option<&'static str>)>);

impl SentenceRole {
    /// The role of sentence `sentence` (its span in `text`: `span`).
    fn of(&mut self, text: &str, sentence: usize, span: Range<usize>) -> Option<&'static str> {
        match self.0 {
            Some((at, role)) if at == sentence => role,
            _ => {
                let role = role_in(&text[span]);
                self.0 = Some((sentence, role));
                role
            }
        }
    }
}

/// Every named person with an age in a story.
pub fn people(text: &str, sentences: &[Sentence], claims: &[Claim]) -> Vec<Person> {
    let mut out = Vec::new();
    let mut roles = SentenceRole::default();
    for (k, c) in claims.iter().enumerate() {
        if c.quantity.unit != Unit::Age || c.quantity.interval.point().is_none() {
            continue;
        }
        let age = c.stated.0;
        if !(age.fract() == 0.0 && (0.0..=110.0).contains(&age)) {
            continue;
        }
        let Some(sentence) = sentences.get(c.sentence) else {
            continue;
        };
        let s = sentence.span.clone();
        let before = &text[s.start..c.span.start.max(s.start)];
        let after = &text[c.span.end.min(s.end)..s.end];
        let written = &text[c.span.clone()];
        // `year` in any case, without a lower-cased copy
        let year_old = written
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"year"));
        let mut found = None;
        if year_old {
            // `19-year-old Ana Ode`, `the 19-year-old suspect, Ana Ode`:
            // at most two words between, then the run of name words (the
            // words after it are not read)
            let mut ws = words_from(after, c.span.end).peekable();
            let mut skip = 0;
            while skip < 2
                && ws
                    .next_if(|(_, w)| lexicon().between.contains(&w.to_ascii_lowercase()))
                    .is_some()
            {
                skip += 1;
            }
            let gap = &after[..ws.peek().map_or(after.len(), |w| w.0 - c.span.end)];
            let clean_gap = gap.chars().all(|c| c.is_alphabetic() || c == ' ');
            if clean_gap {
                let run: Vec<(usize, &str)> =
                    ws.map_while(|w| is_name_word(w.1).then_some(w)).collect();
                if let Some(n) = name_of(&run) {
                    found = Some((n, skip == 0));
                }
            }
        } else {
            // `Ana Ode, 19,` and `Ana Ode, aged 19`
            let head = before.trim_end();
            let head = ["aged", "age", "who was", "who is"]
                .iter()
                .find_map(|w| head.strip_suffix(w))
                .map_or(head, str::trim_end);
            if let Some(head) = head.strip_suffix(',') {
                // the run of name words that ends the head, read from its end
                let mut run: Vec<(usize, &str)> = words_back(head, s.start)
                    .take_while(|(_, w)| is_name_word(w) || title(w).is_some())
                    .collect();
                run.reverse();
                if let Some(n) = name_of(&run) {
                    // the name ends right at the comma
                    let ends = n.0.end == s.start + head.trim_end().len();
                    if ends {
                        found = Some((n, true));
                    }
                }
            }
        }
        // `the 19-year-old` with no name after it: the one person the story
        // has just named, when only one is named since the sentence before
        let head = before.trim_end().as_bytes();
        let after_the = head.len() >= 3 && head[head.len() - 3..].eq_ignore_ascii_case(b"the");
        if found.is_none() && year_old && after_the {
            found = named_before(text, sentences, c.sentence, c.span.start).map(|n| (n, false));
        }
        let Some(((span, mut parts, title_role), bound)) = found else {
            continue;
        };
        while parts.len() > 1
            && parts
                .last()
                .is_some_and(|w| with_folded(w, |f| lexicon().suffixes.contains(f)))
        {
            parts.pop();
        }
        let surname = fold(parts[parts.len() - 1]);
        let first = if parts.len() > 1 {
            fold(parts[0])
        } else {
            String::new()
        };
        // a name in another sentence (`the 17-year-old` referring back) is
        // not quoted with the age
        let whole = if span.end < c.span.start && !bound && sentence.span.start > span.start {
            c.span.clone()
        } else {
            span.start.min(c.span.start)..span.end.max(c.span.end)
        };
        out.push(Person {
            whole,
            name: text[span.clone()].to_string(),
            first,
            surname,
            span,
            age: age as u32,
            claim: k,
            bound,
            role: title_role.or_else(|| roles.of(text, c.sentence, s.clone())),
            sentence: c.sentence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::frame::claims;
    use crate::extract::scan::mentions;
    use crate::text::sentences;

    fn read(t: &str) -> Vec<(String, u32, bool, Option<&'static str>)> {
        let s = sentences(t, 0);
        let (cs, _) = claims(t, &s, mentions(t, None), None);
        people(t, &s, &cs)
            .into_iter()
            .map(|p| (p.name, p.age, p.bound, p.role))
            .collect()
    }

    #[test]
    fn names_beside_their_ages() {
        let got = read(
            "Police said Kendal Ruiz, 17, died at the scene. The suspect, 31-year-old \
             Marco Tellez, was arrested. A second victim, Ana Ode, aged 19, was hurt. \
             Deputy Dan Price, who was 44, was killed.",
        );
        assert_eq!(
            got,
            [
                ("Kendal Ruiz".to_string(), 17, true, Some("victim")),
                ("Marco Tellez".to_string(), 31, true, Some("suspect")),
                ("Ana Ode".to_string(), 19, true, Some("victim")),
                ("Dan Price".to_string(), 44, true, Some("officer")),
            ]
        );
    }

    #[test]
    fn titles_give_roles_and_words_between_loosen_the_bond() {
        let got = read("Officer Dan Price, 44, fired back at a 19-year-old man Leo Vance.");
        assert_eq!(got[0], ("Dan Price".to_string(), 44, true, Some("officer")));
        assert_eq!(got[1].0, "Leo Vance");
        assert!(!got[1].2, "a word stands between the age and the name");
    }

    #[test]
    fn ages_with_no_name_name_nobody() {
        assert!(read("The 17-year-old was a student. A man, 28, died.").is_empty());
        assert!(read("In Arlen, 12 people were killed on Monday.").is_empty());
        assert!(read("On Monday, 19, a girl wrote.").is_empty());
    }

    #[test]
    fn the_n_year_old_refers_back_to_the_one_person_named() {
        let got = read("Police named him as Leon Marsh. The 22-year-old was a student.");
        assert_eq!(got, [("Leon Marsh".to_string(), 22, false, None)]);
        // two people named: which one is meant is unknown
        assert!(
            read("Leon Marsh and Ana Ode were hurt. The 22-year-old was a student.").is_empty()
        );
        // a speaker is not the one the story then gives an age
        assert!(
            read("Sgt. Tom Hale said a child was shot. The 3-year-old was in the car.").is_empty()
        );
        assert!(read("Lt. Ben Ode, a spokesman, spoke. The 2-year-old was hurt.").is_empty());
        // a name two sentences back is too far
        assert!(read("Leon Marsh was hurt. It rained. The 22-year-old was a student.").is_empty());
    }

    #[test]
    fn ranges_of_ages_of_a_group_named_by_its_role() {
        let ranges = |t: &str| {
            let s = sentences(t, 0);
            let (cs, _) = claims(t, &s, mentions(t, None), None);
            age_ranges(t, &s, &cs)
                .into_iter()
                .map(|r| (r.low, r.high, r.role, t[r.span].to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ranges("The victims, aged 19 to 34, died."),
            [(19, 34, "victim", "victims, aged 19 to 34".to_string())]
        );
        assert_eq!(
            ranges("The suspects were between the ages of 18 and 25, police said."),
            [(
                18,
                25,
                "suspect",
                "suspects were between the ages of 18 and 25".to_string()
            )]
        );
        assert_eq!(
            ranges("Those killed ranged in age from 46 to 73."),
            [(
                46,
                73,
                "victim",
                "killed ranged in age from 46 to 73".to_string()
            )]
        );
        // men, women, children may be some of the victims; a list is no range
        assert!(ranges("The victims were six men ranging in age from 26 to 39.").is_empty());
        assert!(ranges("The victims, ages 19 and 34, died.").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Words read one by one, from the start or from the end, are the
        /// words read all at once.
        #[test]
        fn words_one_by_one_are_the_words(
            s in "([a-zA-Z0-9.,'’ -]|\\PC){0,40}",
            base in 0usize..1000,
        ) {
            let all = words_by_chars(&s, base);
            proptest::prop_assert_eq!(&words(&s, base), &all);
            proptest::prop_assert_eq!(&words_from(&s, base).collect::<Vec<_>>(), &all);
            let mut back: Vec<(usize, &str)> = words_back(&s, base).collect();
            back.reverse();
            proptest::prop_assert_eq!(&back, &all);
            // the trailing run of names, read from the end
            let mut run: Vec<(usize, &str)> = words_back(&s, base)
                .take_while(|(_, w)| is_name_word(w) || title(w).is_some())
                .collect();
            run.reverse();
            proptest::prop_assert_eq!(&run[..], trailing_run(&all));
        }

        /// The role of a sentence is the first of the list of roles that
        /// it has, as when each role was searched for in turn.
        #[test]
        fn the_role_is_the_first_of_the_list(
            picks in proptest::collection::vec((0usize..1000, 0u8..4), 0..12),
        ) {
            let l = lexicon();
            let sentence: Vec<String> = picks
                .iter()
                .map(|&(k, how)| {
                    let w = l.roles[k % l.roles.len()].0.clone();
                    match how {
                        0 => w,
                        1 => w.to_uppercase(),
                        2 => format!("({w}s,"),
                        _ => "the".to_string(),
                    }
                })
                .collect();
            let sentence = sentence.join(" ");
            let ws = words(&sentence, 0);
            let searched = l.roles.iter().find_map(|(w, r)| {
                ws.iter().any(|(_, x)| x.eq_ignore_ascii_case(w)).then_some(*r)
            });
            proptest::prop_assert_eq!(role_in(&sentence), searched);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// A word folded on the stack is the word folded.
        #[test]
        fn folding_on_the_stack_is_folding(s in "([a-zA-Z0-9.,'’ -]|\\PC){0,40}") {
            proptest::prop_assert_eq!(&fold(&s), &fold_chars(&s));
            proptest::prop_assert_eq!(with_folded(&s, str::to_string), fold_chars(&s));
        }
    }

    #[test]
    fn names_fold_case_and_accents() {
        assert_eq!(fold("Ríos"), "rios");
        assert_eq!(fold("O'Neal"), "oneal");
        assert_eq!(fold("Jean-Luc"), "jeanluc");
    }
}
