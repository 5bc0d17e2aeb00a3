//! Fixed word lists looked up without comparing strings.
//!
//! The grammar and the frame ask, word by word, whether a word is a number
//! word, a stop word, a verb of saying, an abbreviation... A slice's
//! `contains` compares the word with every entry in turn. A [`WordSet`]
//! packs each word of up to 15 bytes, lower-cased, with its length into one
//! `u128` (two loads and a few arithmetic steps, no loop over bytes) and
//! finds it in an open-addressing hash table that is at most a quarter
//! full, so a lookup is usually one hash and one comparison. Before that, a
//! table of which lengths occur with which first and last letter turns
//! away most words (`the` is no number word: none has that length with
//! that first and last letter) with one load.

/// A fixed set of lower-case ASCII words.
#[derive(Debug)]
pub struct WordSet {
    /// Per first and last byte (folded to five bits, so case does not
    /// matter), the lengths of packed words as bits.
    ends: Box<[[u16; 32]; 32]>,
    /// Packed words; 0 is an empty slot (a packed word has a length).
    slots: Vec<u128>,
    /// `64 - log2(slots.len())`: the hash's top bits index the table.
    shift: u32,
    /// Entries too long to pack, compared as strings.
    long: Vec<&'static str>,
}

/// The longest word that is packed.
const PACKED: usize = 15;

/// ASCII upper-case letters in a word of ASCII bytes made lower-case, eight
/// at a time: a byte is upper-case when adding 0x3f carries it past 0x7f
/// (it is at least `A`) and adding 0x25 does not (it is at most `Z`).
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x + 0x3f * ONES;
    let past_z = x + 0x25 * ONES;
    let upper = at_least_a & !past_z & (0x80 * ONES);
    x | (upper >> 2)
}

/// The bytes of `w` (1 to 15 of them) as two little-endian words, read
/// with a few overlapping loads instead of a copy of unknown length.
#[inline]
fn load(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let u64_at = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or([0; 8]));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(w[i..i + 4].try_into().unwrap_or([0; 4])));
    if n >= 8 {
        let hi = if n == 8 {
            0
        } else {
            u64_at(n - 8) >> ((16 - n) * 8)
        };
        (u64_at(0), hi)
    } else if n >= 4 {
        (u32_at(0) | (u32_at(n - 4) << ((n - 4) * 8)), 0)
    } else {
        let b = |i: usize| u64::from(w[i]) << (i * 8);
        (b(0) | b(n / 2) | b(n - 1), 0)
    }
}

/// `w` lower-cased (ASCII) and packed with its length; `None` when it is
/// empty, longer than [`PACKED`] or not ASCII.
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > PACKED {
        return None;
    }
    let (lo, hi) = load(w);
    if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let hi = lower8(hi) | ((w.len() as u64) << 56);
    Some(u128::from(lower8(lo)) | (u128::from(hi) << 64))
}

/// A word's first and last byte folded to five bits (`A` and `a` alike).
fn end_bytes(w: &[u8]) -> (usize, usize) {
    (usize::from(w[0] & 0x1f), usize::from(w[w.len() - 1] & 0x1f))
}

fn hash(p: u128, shift: u32) -> usize {
    let folded = (p as u64) ^ ((p >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

impl WordSet {
    /// The set of `words`, which must be lower-case ASCII.
    ///
    /// # Panics
    /// On a word that is not lower-case ASCII: it could never be found.
    pub fn new(words: &[&'static str]) -> WordSet {
        let mut packed = Vec::new();
        let mut long = Vec::new();
        for &w in words {
            assert!(
                w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()),
                "word list entry {w:?} is not lower-case ASCII"
            );
            match pack(w.as_bytes()) {
                Some(p) => packed.push(p),
                None if !w.is_empty() => long.push(w),
                None => {}
            }
        }
        let size = (packed.len() * 4).next_power_of_two().max(8);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![0u128; size];
        let mut ends = Box::new([[0u16; 32]; 32]);
        for w in words.iter().filter(|w| (1..=PACKED).contains(&w.len())) {
            let (first, last) = end_bytes(w.as_bytes());
            ends[first][last] |= 1 << w.len();
        }
        for p in packed {
            let mut at = hash(p, shift);
            while slots[at] != 0 && slots[at] != p {
                at = (at + 1) & (size - 1);
            }
            slots[at] = p;
        }
        WordSet {
            ends,
            slots,
            shift,
            long,
        }
    }

    /// Whether `w`, ASCII-lower-cased, is in the set. A word with other
    /// than ASCII characters never is.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.contains_bytes(w.as_bytes())
    }

    /// [`WordSet::contains`] for a word given as bytes. The filter on
    /// length and end letters is inlined where it is asked; most words stop
    /// there, without the cost of a call.
    #[inline]
    pub fn contains_bytes(&self, w: &[u8]) -> bool {
        if (1..=PACKED).contains(&w.len()) {
            let (first, last) = end_bytes(w);
            if self.ends[first][last] & (1 << w.len()) == 0 {
                return false;
            }
        }
        self.find(w)
    }

    /// The hash table (or the list of long words) after the filter.
    fn find(&self, w: &[u8]) -> bool {
        match pack(w) {
            Some(p) => {
                let mask = self.slots.len() - 1;
                let mut at = hash(p, self.shift);
                loop {
                    match self.slots[at] {
                        0 => return false,
                        s if s == p => return true,
                        _ => at = (at + 1) & mask,
                    }
                }
            }
            None => {
                w.len() > PACKED
                    && w.is_ascii()
                    && self
                        .long
                        .iter()
                        .any(|l| l.as_bytes().eq_ignore_ascii_case(w))
            }
        }
    }
}

/// Which of several word sets each word is in, as bits, found with one
/// lookup: the tokeniser asks once per token, and every reader after it
/// tests a bit instead of looking the word up in its own set again.
///
/// Built from the sets themselves (their packed words and long entries),
/// so a word's bit for a set is set exactly when the set
/// [contains](WordSet::contains) it.
#[derive(Debug)]
pub struct WordClasses {
    /// The union of the sets' filters on length and end letters.
    ends: Box<[[u16; 32]; 32]>,
    /// Packed words with their bits; a packed word of 0 is an empty slot.
    slots: Vec<(u128, u32)>,
    shift: u32,
    /// Entries too long to pack, with their bits.
    long: Vec<(&'static str, u32)>,
    /// The bits of each one-byte ASCII word: a lookup with no hash for
    /// punctuation and one-letter words.
    single: [u32; 128],
}

impl WordClasses {
    /// The classes of `sets`: each set with the bits a word of it gets.
    pub fn new(sets: &[(&WordSet, u32)]) -> WordClasses {
        let mut packed: Vec<(u128, u32)> = Vec::new();
        let mut long: Vec<(&'static str, u32)> = Vec::new();
        let mut ends = Box::new([[0u16; 32]; 32]);
        for &(set, bits) in sets {
            packed.extend(set.slots.iter().filter(|&&p| p != 0).map(|&p| (p, bits)));
            long.extend(set.long.iter().map(|&w| (w, bits)));
            for (row, from) in ends.iter_mut().zip(set.ends.iter()) {
                for (e, f) in row.iter_mut().zip(from) {
                    *e |= f;
                }
            }
        }
        let size = (packed.len() * 4).next_power_of_two().max(8);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![(0u128, 0u32); size];
        for (p, bits) in packed {
            let mut at = hash(p, shift);
            while slots[at].0 != 0 && slots[at].0 != p {
                at = (at + 1) & (size - 1);
            }
            slots[at].0 = p;
            slots[at].1 |= bits;
        }
        let mut table = WordClasses {
            ends,
            slots,
            shift,
            long,
            single: [0; 128],
        };
        for b in 0..128u8 {
            table.single[usize::from(b)] = table.of(&[b]);
        }
        table
    }

    /// [`WordClasses::of`] for the one-byte word `b` (ASCII).
    #[inline]
    pub fn of_byte(&self, b: u8) -> u32 {
        self.single[usize::from(b & 0x7f)]
    }

    /// [`WordClasses::of`] for a word of `n` ASCII bytes, 1 to 8, in any
    /// case, given as the little-endian `u64` of its bytes (the rest 0):
    /// the tokeniser has it from the load that found the word's end.
    #[inline]
    pub fn of_short(&self, word: u64, n: usize) -> u32 {
        debug_assert!(
            (1..=8).contains(&n) && word >> (8 * n - 1) >> 1 == 0,
            "{word:#x} {n}"
        );
        if n == 1 {
            return self.of_byte(word as u8);
        }
        let first = (word & 0x1f) as usize;
        let last = ((word >> (8 * (n - 1))) & 0x1f) as usize;
        if self.ends[first][last] & (1 << n) == 0 {
            return 0;
        }
        self.probe(u128::from(lower8(word)) | (u128::from((n as u64) << 56) << 64))
    }

    /// [`WordClasses::of`] for a word of ASCII bytes, in any case (the
    /// tokeniser's question, asked of every word it finds).
    #[inline]
    pub fn of_ascii(&self, w: &[u8]) -> u32 {
        debug_assert!(w.is_ascii(), "{w:?}");
        let n = w.len();
        match n {
            1 => self.of_byte(w[0]),
            2..=PACKED => {
                let (first, last) = end_bytes(w);
                if self.ends[first][last] & (1 << n) == 0 {
                    return 0;
                }
                let (lo, hi) = load(w);
                // the second half of a word of eight bytes or fewer is empty
                let hi = if n > 8 { lower8(hi) } else { 0 };
                self.probe(u128::from(lower8(lo)) | (u128::from(hi | ((n as u64) << 56)) << 64))
            }
            _ => self.find(w, None),
        }
    }

    /// The bits of the sets that hold `w` (ASCII-lower-cased); 0 for a
    /// word in none of them.
    #[inline]
    pub fn of(&self, w: &[u8]) -> u32 {
        if (1..=PACKED).contains(&w.len()) {
            let (first, last) = end_bytes(w);
            if self.ends[first][last] & (1 << w.len()) == 0 {
                return 0;
            }
        }
        self.find(w, pack(w))
    }

    /// [`WordClasses::of`] for a word with no ASCII capital (the
    /// tokeniser's lower-cased view): packed without lower-casing again,
    /// and looked up inline, as the tokeniser asks it of every token.
    #[inline]
    pub fn of_lower(&self, w: &[u8]) -> u32 {
        debug_assert!(!w.iter().any(u8::is_ascii_uppercase), "{w:?}");
        if (1..=PACKED).contains(&w.len()) {
            let (first, last) = end_bytes(w);
            if self.ends[first][last] & (1 << w.len()) == 0 {
                return 0;
            }
            // packed as `pack` does, less the lower-casing (a no-op here)
            let (lo, hi) = load(w);
            if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
                let p = u128::from(lo) | (u128::from(hi | ((w.len() as u64) << 56)) << 64);
                return self.probe(p);
            }
            return 0;
        }
        self.find(w, None)
    }

    /// The bits of the packed word `p` in the table (open addressing).
    #[inline]
    fn probe(&self, p: u128) -> u32 {
        let mask = self.slots.len() - 1;
        let mut at = hash(p, self.shift);
        loop {
            match self.slots[at] {
                (0, _) => return 0,
                (s, bits) if s == p => return bits,
                _ => at = (at + 1) & mask,
            }
        }
    }

    fn find(&self, w: &[u8], packed: Option<u128>) -> u32 {
        match packed {
            Some(p) => self.probe(p),
            None if w.len() > PACKED && w.is_ascii() => self
                .long
                .iter()
                .filter(|(l, _)| l.as_bytes().eq_ignore_ascii_case(w))
                .fold(0, |bits, (_, b)| bits | b),
            None => 0,
        }
    }
}

/// A `static` [`WordSet`] built from a word list on first use.
#[macro_export]
#[doc(hidden)]
macro_rules! word_set {
    ($list:expr) => {{
        static SET: std::sync::LazyLock<$crate::text::words::WordSet> =
            std::sync::LazyLock::new(|| $crate::text::words::WordSet::new($list));
        &*SET
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_listed_words_in_any_ascii_case() {
        let set = WordSet::new(&["a", "said", "organisations", "according-to-officials"]);
        for w in [
            "a",
            "A",
            "said",
            "SAID",
            "Organisations",
            "According-To-Officials",
        ] {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "",
            "an",
            "sai",
            "saidx",
            "organisation",
            "according",
            "saíd",
            "a\0",
        ] {
            assert!(!set.contains(w), "{w:?}");
        }
    }

    #[test]
    fn agrees_with_a_plain_search() {
        let list = ["one", "two", "three", "fifteenletters!", "sixteen-letters!"];
        let set = WordSet::new(&list);
        for w in [
            "one",
            "ONE",
            "on",
            "onee",
            "two",
            "tw",
            "three",
            "Three",
            "fifteenletters!",
            "fifteenletters",
            "sixteen-letters!",
            "sixteen-letters",
            "x",
        ] {
            let plain = list.contains(&w.to_ascii_lowercase().as_str());
            assert_eq!(set.contains(w), plain, "{w}");
        }
    }

    #[test]
    fn lower_cases_only_ascii_capitals() {
        for b in 0u8..0x80 {
            let x = u64::from_le_bytes([b; 8]);
            assert_eq!(
                lower8(x),
                u64::from_le_bytes([b.to_ascii_lowercase(); 8]),
                "{b:#x}"
            );
        }
        let set = WordSet::new(&["@", "`", "[", "{"]);
        assert!(["@", "`", "[", "{"].iter().all(|w| set.contains(w)));
        assert!(!WordSet::new(&["`"]).contains("@"));
        assert!(!WordSet::new(&["{"]).contains("["));
    }

    #[test]
    fn loads_every_length_as_a_copy_would() {
        let text = b"abcdefghijklmnopqrstuvwxyz";
        for start in 0..4 {
            for n in 1..=PACKED {
                let w = &text[start..start + n];
                let mut bytes = [0u8; 16];
                bytes[..n].copy_from_slice(w);
                let want = (
                    u64::from_le_bytes(bytes[..8].try_into().unwrap()),
                    u64::from_le_bytes(bytes[8..].try_into().unwrap()),
                );
                assert_eq!(load(w), want, "{start} {n}");
            }
        }
    }

    #[test]
    fn a_big_list_is_all_found() {
        let words: Vec<&'static str> = (0..2000)
            .map(|n| &*Box::leak(format!("w{n}").into_boxed_str()))
            .collect();
        let set = WordSet::new(&words);
        assert!(words.iter().all(|w| set.contains(w)));
        assert!(!set.contains("w2000") && !set.contains("w"));
    }

    proptest::proptest! {
        #[test]
        fn classes_of_a_lower_cased_word_are_its_classes(
            w in proptest::string::string_regex("[a-zA-Z0-9é’'.-]{0,20}").unwrap(),
            pick in proptest::collection::vec(0usize..6, 0..4),
        ) {
            // sets of list words, with the word itself in some of them
            let lists: [&[&'static str]; 4] = [
                &["the", "said", "according", "a-very-long-hyphenated-word"],
                &["killed", "the", "x"],
                &["ou", "three"],
                &["abcdefghijklmnopqrstuvwxyz0123456789"],
            ];
            let own: &'static str = Box::leak(w.to_ascii_lowercase().into_boxed_str());
            let mut sets: Vec<(WordSet, u32)> = lists
                .iter()
                .enumerate()
                .map(|(i, l)| (WordSet::new(l), 1 << i))
                .collect();
            if own.is_ascii() {
                for (i, p) in pick.into_iter().enumerate() {
                    let mut l = lists[p % lists.len()].to_vec();
                    l.push(own);
                    sets.push((WordSet::new(&l), 1 << (4 + i)));
                }
            }
            let table = WordClasses::new(
                &sets.iter().map(|(s, b)| (s, *b)).collect::<Vec<_>>(),
            );
            let low = w.to_ascii_lowercase();
            let want = sets
                .iter()
                .filter(|(s, _)| s.contains(&w))
                .fold(0, |all, (_, b)| all | b);
            proptest::prop_assert_eq!(table.of(w.as_bytes()), want);
            proptest::prop_assert_eq!(table.of_lower(low.as_bytes()), want);
            if w.is_ascii() {
                proptest::prop_assert_eq!(table.of_ascii(w.as_bytes()), want);
                if (1..=8).contains(&w.len()) {
                    let mut eight = [0; 8];
                    eight[..w.len()].copy_from_slice(w.as_bytes());
                    proptest::prop_assert_eq!(table.of_short(u64::from_le_bytes(eight), w.len()), want);
                }
            }
            if let [b] = w.as_bytes() {
                proptest::prop_assert_eq!(table.of_byte(*b), want);
            }
        }
    }

    #[test]
    #[should_panic(expected = "not lower-case ASCII")]
    fn upper_case_entries_are_refused() {
        let _ = WordSet::new(&["Monday"]);
    }
}
