//! Finding the same quotation in different stories.
//!
//! Candidates come from an index of content words (not `the`, `and`, ...):
//! only quotes that share at least two such words are compared, so an event
//! with hundreds of quotes is not compared all against all. Two quotes are
//! one quotation when they share enough of their words — measured against
//! the shorter, so a partial quote matches the whole — with a lower bar when
//! both name the same speaker, a higher one when a speaker is unknown. The
//! same words given to two different speakers are a misattribution.

use super::diff::Normalized;
use std::collections::{BTreeMap, BTreeSet};

/// How two aligned quotes relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// One quotation, the same speaker (or one speaker unknown).
    Same,
    /// The same words, attributed to different speakers.
    Misattributed,
}

/// The bars two quotes must clear, as shares of the shorter one's content words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub same_speaker: f64,
    pub unknown_speaker: f64,
    pub misattribution: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            same_speaker: 0.3,
            unknown_speaker: 0.6,
            misattribution: 0.8,
        }
    }
}

/// One quote to align: its story, its normalised words and its speaker key.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub story: usize,
    pub words: Normalized,
    pub speaker: Option<String>,
}

const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "is", "are",
    "was", "were", "be", "been", "it", "this", "that", "we", "you", "i", "he", "she", "they",
    "them", "our", "your", "my", "his", "her", "their", "do", "did", "will", "would", "have",
    "has", "had", "not", "no", "so", "as", "by", "from", "all", "what", "if", "there", "here",
    "me", "us", "him", "am",
];

fn content(words: &Normalized) -> BTreeSet<&str> {
    words
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| w.len() > 2 && !STOP.contains(w))
        .collect()
}

/// The statements of one story as candidates, with the quote runs they
/// stand for (see [`super::statements`]).
pub fn candidates(a: &crate::Analysis, story: usize) -> Vec<(std::ops::Range<usize>, Candidate)> {
    super::statements(&a.quotes, &a.sentences)
        .into_iter()
        .map(|run| {
            let q = &a.quotes[run.start];
            let c = Candidate {
                story,
                words: super::diff::normalize(&super::statement_text(
                    &a.story.text,
                    &a.quotes,
                    &run,
                )),
                speaker: q.speaker.as_deref().map(super::speaker_key),
            };
            (run, c)
        })
        .collect()
}

/// Pairs `(i, j, relation)` of candidates that are one quotation (or a
/// misattributed one), `i < j`, from different stories.
pub fn align(cands: &[Candidate], t: Thresholds) -> Vec<(usize, usize, Relation)> {
    let sets: Vec<BTreeSet<&str>> = cands.iter().map(|c| content(&c.words)).collect();
    let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in sets.iter().enumerate() {
        for w in s {
            index.entry(w).or_default().push(i);
        }
    }
    // shared-word counts for pairs that share any word, skipping words so
    // common in the event that they say nothing
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let common = (cands.len() / 2).max(8);
    for ids in index.values().filter(|ids| ids.len() <= common) {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                if cands[i].story != cands[j].story {
                    *shared.entry((i, j)).or_default() += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((i, j), n) in shared {
        if n < 2 {
            continue;
        }
        let overlap = n as f64 / sets[i].len().min(sets[j].len()).max(1) as f64;
        let rel = match (&cands[i].speaker, &cands[j].speaker) {
            (Some(a), Some(b)) if a == b => (overlap >= t.same_speaker).then_some(Relation::Same),
            (Some(_), Some(_)) => (overlap >= t.misattribution).then_some(Relation::Misattributed),
            _ => (overlap >= t.unknown_speaker).then_some(Relation::Same),
        };
        if let Some(r) = rel {
            out.push((i, j, r));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::diff::normalize;

    fn c(story: usize, text: &str, speaker: Option<&str>) -> Candidate {
        Candidate {
            story,
            words: normalize(text),
            speaker: speaker.map(str::to_string),
        }
    }

    #[test]
    fn partial_quotes_same_and_other_speakers() {
        let cands = vec![
            c(
                0,
                "We will rebuild every home in this valley before winter comes",
                Some("berg"),
            ),
            c(1, "rebuild every home in this valley", Some("berg")),
            c(
                2,
                "We will rebuild every home in this valley before winter comes",
                Some("lind"),
            ),
            c(
                3,
                "The weather has been kind to the farmers this spring",
                None,
            ),
        ];
        let pairs = align(&cands, Thresholds::default());
        assert!(pairs.contains(&(0, 1, Relation::Same)));
        assert!(pairs.contains(&(0, 2, Relation::Misattributed)));
        assert!(!pairs.iter().any(|p| p.0 == 3 || p.1 == 3));
    }
}
