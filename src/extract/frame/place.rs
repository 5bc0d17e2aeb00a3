//! The place reader: where a figure is (`in Bucha`, `across the province`,
//! `Norrby station ... where 5 died`).

use super::tokens::{Tok, capitalised, class};
use std::ops::Range;

/// A place phrase of a sentence, as offsets into its text: its words are
/// joined into a string only for the figure it is nearest to (most
/// phrases are the scope of no figure).
#[derive(Debug, Clone)]
pub(crate) struct Place {
    start: usize,
    end: usize,
    /// The preposition, lower-cased in the phrase; `None` is `at`.
    preposition: Option<Range<usize>>,
    /// What follows it, lower-cased when `lowered`.
    name: Range<usize>,
    lowered: bool,
}

impl Place {
    /// The phrase: `in Bucha`, `across the province`, `at Norrby station`.
    fn phrase(&self, text: &str) -> String {
        let preposition = self.preposition.as_ref().map_or("at", |p| &text[p.clone()]);
        let name = &text[self.name.clone()];
        // one allocation; ASCII lower-cased in place, other text as
        // `str::to_lowercase` does it (a final sigma, ...)
        let mut phrase = String::with_capacity(preposition.len() + 1 + name.len());
        push_lower(&mut phrase, preposition);
        phrase.push(' ');
        if self.lowered {
            push_lower(&mut phrase, name);
        } else {
            phrase.push_str(name);
        }
        phrase
    }
}

/// `s` lower-cased onto `out`.
fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The place phrase nearest to the figure: `in Bucha`.
pub(crate) fn scope_for(text: &str, places: &[Place], figure: &Range<usize>) -> Option<String> {
    places
        .iter()
        .min_by_key(|p| {
            if p.start >= figure.end {
                p.start - figure.end
            } else {
                figure.start.saturating_sub(p.end)
            }
        })
        .map(|p| p.phrase(text))
}

/// `Norrby station in the eastern region where 5 died`: the place a
/// `where` clause refers to is the named thing before it, not its region.
/// The words that end the name before `where`.
pub(super) fn before_place() -> &'static crate::text::words::WordSet {
    crate::word_set!(&["including", "like", "as", "at", "near", "to", "and", "of"])
}

fn where_place(toks: &[Tok<'_>], k: usize) -> Option<Place> {
    let mut start = k;
    while start > 0 {
        let p = toks[start - 1];
        if !p.word || p.class & class::BEFORE_PLACE != 0 {
            break;
        }
        start -= 1;
    }
    let first = toks
        .get(start)
        .filter(|t| start < k && capitalised(t.text))?;
    // up to the first preposition: "Norrby station", not "... in the eastern region"
    let end = (start..k)
        .find(|&j| toks[j].class & class::PLACE_PREPOSITION != 0)
        .unwrap_or(k);
    // "In where ...": the phrase would start with its preposition
    let last = toks[start..end].last()?;
    Some(Place {
        start: toks[k].start,
        end: toks[k].end,
        preposition: None,
        name: first.start..last.end,
        lowered: false,
    })
}

/// Every place phrase of a sentence: (start, end, `in Bucha`), into
/// `out`; `all` is the union of the tokens' classes (a sentence with no
/// place preposition and no `where` has none). `starts` are the positions
/// of the tokens to read, in order: every `where` and place preposition
/// among others (all of them in the tests).
pub(crate) fn places_in(toks: &[Tok<'_>], all: u32, starts: &[usize], out: &mut Vec<Place>) {
    out.clear();
    if all & (class::WHERE | class::PLACE_PREPOSITION) == 0 {
        return;
    }
    for &k in starts {
        let t = toks[k];
        if t.is(class::WHERE) {
            out.extend(where_place(toks, k));
            continue;
        }
        if !t.is(class::PLACE_PREPOSITION) {
            continue;
        }
        // "around 2,000" is a qualifier, not a place
        if toks
            .get(k + 1)
            .is_none_or(|n| n.text.starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        // skip a few lower-case words ("the town of"), then take capitalised words
        let mut j = k + 1;
        let mut run: Option<(usize, usize)> = None;
        let mut last_run: Option<(usize, usize)> = None;
        while j < toks.len() && j <= k + 7 {
            let w = toks[j];
            if !w.word || (j > k + 1 && w.class & class::PLACE_PREPOSITION != 0) {
                break;
            }
            let possessive = w.text.ends_with("'s") || w.text.ends_with("’s");
            if possessive {
                break;
            }
            let capital = capitalised(w.text);
            if !capital && run.is_none() && w.class & class::PLACE_WORD == 0 {
                break;
            }
            if capital
                && w.class & class::NOT_PLACE == 0
                && !w.text.bytes().any(|b| b.is_ascii_digit())
            {
                run = Some(run.map_or((j, j), |(a, _)| (a, j)));
            } else {
                if run.is_some() {
                    // "Russian cities": a capitalised adjective, not a place
                    if w.class & class::STOP == 0 && w.text.chars().all(char::is_lowercase) {
                        run = None;
                    } else {
                        last_run = run.take();
                    }
                    if matches!(
                        w.low,
                        "where"
                            | "which"
                            | "who"
                            | "that"
                            | "and"
                            | "but"
                            | "got"
                            | "have"
                            | "has"
                            | "were"
                            | "was"
                    ) {
                        break;
                    }
                }
                if matches!(w.low, "where" | "which" | "who" | "that" | "and" | "but") {
                    break;
                }
            }
            j += 1;
        }
        let Some((a, b)) = run.or(last_run) else {
            // "across the province", "in the capital": a place without a name
            let mut j = k + 1;
            while toks.get(j).is_some_and(|w| {
                w.word && matches!(w.low, "the" | "this" | "that" | "whole" | "entire")
            }) {
                j += 1;
            }
            if let Some(w) = toks
                .get(j)
                .filter(|w| w.word && j > k + 1 && w.class & class::PLACE_NOUN != 0)
            {
                out.push(Place {
                    start: t.start,
                    end: w.end,
                    preposition: Some(t.start..t.end),
                    name: toks[k + 1].start..w.end,
                    lowered: true,
                });
            }
            continue;
        };
        out.push(Place {
            start: t.start,
            end: toks[b].end,
            preposition: Some(t.start..t.end),
            name: toks[a].start..toks[b].end,
            lowered: false,
        });
    }
}
