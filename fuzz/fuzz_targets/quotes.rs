//! Quotations in many scripts (issue 16): two stories quote one statement,
//! with text from the input where bytes above 0x7F stand for letters and
//! marks of other scripts (accented Latin, Cyrillic, Greek, CJK, curly
//! quotes, guillemets, dashes, combining and bidirectional marks). The
//! quotes are found, normalised, aligned and compared without a panic,
//! and every span lies on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// What a byte above 0x7F stands for.
const OTHER: [char; 64] = [
    'Ç', 'ç', 'Ü', 'ü', 'É', 'é', 'è', 'ê', 'à', 'ß', 'ø', 'Å', 'ñ', 'œ', 'Ł', 'ż', //
    'Э', 'т', 'о', 'н', 'е', 'Ж', 'ы', 'Я', 'Ό', 'χ', 'ι', 'σ', 'ή', 'μ', 'ε', 'Ω', //
    '中', '文', '日', '本', '한', '국', 'ا', 'ل', 'ש', 'ל', '“', '”', '«', '»', '‘', '’', //
    '—', '–', '…', '\u{301}', '\u{308}', '\u{200d}', '\u{202e}', '\u{2066}', 'ﬁ', 'İ', 'ı', '½', '€', '£', '\u{a0}', '😀',
];

fn text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| if b < 0x80 { char::from(b) } else { OTHER[usize::from(b) % OTHER.len()] })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    // two versions of the quotation, split at the first NUL
    let (a, b) = match data.iter().position(|&b| b == 0) {
        Some(k) => (text(&data[..k]), text(&data[k + 1..])),
        None => (text(data), text(data).to_uppercase()),
    };
    // the words alone, as the quote rules compare them
    let (na, nb) = (crosscheck::quote::diff::normalize(&a), crosscheck::quote::diff::normalize(&b));
    let d = crosscheck::quote::diff::compare(&na, &nb);
    assert!((0.0..=1.0).contains(&d.similarity) || na.words.is_empty() || nb.words.is_empty());
    // in stories, quoted in two house styles
    let bodies = [
        format!("“{a},” the minister said.\n\nShe added: «{b}»\n"),
        format!("\"{b}\" the minister said. ‘{a}’ she added.\n"),
    ];
    let mut analyses = Vec::new();
    for (k, body) in bodies.iter().enumerate() {
        let id = format!("s{k}");
        let Ok(s) = crosscheck::story::inline(&id, &id, None, None, Some("e"), body) else {
            return;
        };
        let an = crosscheck::analyse(s);
        for q in &an.quotes {
            assert!(an.story.text.get(q.span.clone()).is_some(), "{:?}", q.span);
        }
        analyses.push(an);
    }
    // loaded once: parsing them is most of an execution's time
    static RULES: std::sync::LazyLock<Vec<crosscheck::rules::Rule>> =
        std::sync::LazyLock::new(|| crosscheck::rules::defaults().expect("the default rules load"));
    let rules = &*RULES;
    let _ = crosscheck::rules::check(&analyses, rules, crosscheck::group::GroupBy::Batch);
});
