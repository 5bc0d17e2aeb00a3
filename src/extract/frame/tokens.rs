//! Word helpers of the frame's readers; the tokens themselves are the
//! text module's (`crate::text::tokens`), shared with the attribution
//! reader.

use crate::extract::grammar::Lower;
pub(crate) use crate::text::tokens::{Tok, capitalised, tokens};

/// The three words before byte `at`, nearest first, lower-cased on the
/// stack (the empty word where there are fewer).
pub(crate) fn three_words_before(text: &str, at: usize) -> [Lower; 3] {
    let mut words = crate::extract::grammar::words_before(text, at).map(|(_, w)| lower(w));
    let empty = lower("");
    [
        words.next().unwrap_or(empty),
        words.next().unwrap_or(empty),
        words.next().unwrap_or(empty),
    ]
}

/// Lower-case for comparing with word lists (on the stack, ASCII only).
pub(crate) fn lower(s: &str) -> Lower {
    Lower::new(s)
}

pub(crate) fn is_stop(w: &str) -> bool {
    super::vocabulary::vocabulary().stop.contains(w)
}
