//! Quotations and who said them.
//!
//! Double quotes, straight (`"`) or curly (`“ ”`), and guillemets (`« »`),
//! paired within a paragraph. The speaker is read from the sentence around
//! the quote: `X said`, `said X`, `X told ...`, `according to X`.
//! Unknown stays unknown: no speaker is guessed.

use crate::text::Sentence;
use std::ops::Range;

/// A quotation in a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Range<usize>,
    pub speaker: Option<String>,
    pub sentence: usize,
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "wrote",
    "tweeted",
    "replied",
    "responded",
    "insisted",
    "asked",
    "explained",
    "warned",
    "declared",
    "claimed",
];

fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '«' => Some('»'),
        _ => None,
    }
}

/// Every quotation in `text`, with speakers where the sentence names them.
pub fn quotes(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < sentences.len() {
        // a paragraph's sentences
        let para = sentences[k].paragraph;
        let first = k;
        while k < sentences.len() && sentences[k].paragraph == para {
            k += 1;
        }
        let span = sentences[first].span.start..sentences[k - 1].span.end;
        let s = &text[span.clone()];
        let b = s.as_bytes();
        let mut at = 0;
        // jump between the bytes a quotation mark can start with
        while let Some(p) = memchr::memchr3(b'"', 0xE2, 0xC2, &b[at..]) {
            let i = at + p;
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            at = i + c.len_utf8();
            let Some(close) = closing(c) else { continue };
            let body_start = i + c.len_utf8();
            let Some(rel_end) = s[body_start..].find(close) else {
                break;
            };
            let body = body_start..body_start + rel_end;
            at = body.end + close.len_utf8();
            let words = s[body.clone()].split_whitespace().count();
            if words < 2 {
                continue; // scare quotes: "Nazis"
            }
            let abs = span.start + body.start..span.start + body.end;
            let sentence = crate::text::sentence_at(sentences, abs.start).unwrap_or(first);
            let speaker = speaker_near(text, &sentences[sentence].span, &abs);
            out.push(Quote {
                span: abs,
                speaker,
                sentence,
            });
        }
    }
    out
}

fn capital(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `X said` after the quote, `said X`, or `X said:` before it.
fn speaker_near(text: &str, sentence: &Range<usize>, quote: &Range<usize>) -> Option<String> {
    let mut after = &text[quote.end..sentence.end.max(quote.end)];
    // only the clause that holds the speech verb: "..." by troops, authorities said
    if let Some(v) = SPEECH.iter().filter_map(|v| after.find(v)).min() {
        if let Some(c) = after[..v].rfind([',', ';']) {
            after = &after[c + 1..];
        }
    }
    let before = &text[sentence.start..quote.start];
    let words_after: Vec<&str> = after
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    // "..." the mother said / "..." said Ms Alvarez
    let is_speech = |w: &&str| SPEECH.iter().any(|v| w.eq_ignore_ascii_case(v));
    if let Some(v) = words_after.iter().position(is_speech) {
        let subject: Vec<&str> = words_after[..v].to_vec();
        if !subject.is_empty() && subject.len() <= 5 {
            return Some(subject.join(" "));
        }
        let object: Vec<&str> = words_after[v + 1..]
            .iter()
            .take_while(|w| capital(w) || w.eq_ignore_ascii_case("the"))
            .copied()
            .collect();
        if object.iter().any(|w| capital(w)) {
            return Some(object.join(" "));
        }
    }
    // Mr Detsch tweeted: "..."
    let words_before: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(v) = words_before.iter().rposition(is_speech) {
        let subject: Vec<&str> = words_before[..v]
            .iter()
            .rev()
            .take_while(|w| capital(w) || w.eq_ignore_ascii_case("the"))
            .copied()
            .collect();
        if !subject.is_empty() && subject.iter().any(|w| capital(w)) {
            return Some(subject.into_iter().rev().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    #[test]
    fn quotes_and_speakers() {
        let t = "“We will rebuild every home,” the mayor said. Ms Ortiz told reporters: \"Nothing is left here.\" The \"experts\" disagreed.";
        let s = sentences(t, 0);
        let q = quotes(t, &s);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(&t[q[0].span.clone()], "We will rebuild every home,");
        assert_eq!(q[0].speaker.as_deref(), Some("the mayor"));
        assert_eq!(&t[q[1].span.clone()], "Nothing is left here.");
        assert_eq!(q[1].speaker.as_deref(), Some("Ms Ortiz"));
    }
}
