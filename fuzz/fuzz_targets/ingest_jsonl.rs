//! JSON Lines: a broken line rejects that line only.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = crosscheck::story::from_bytes("fuzz.jsonl", data);
    let lines = data.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    assert_eq!(batch.stories.len() + batch.rejected.len(), lines);
    // each story is found again from its line's offset alone
    let source = crosscheck::story::Source::Stdin(data.to_vec());
    for s in &batch.stories {
        let again = crosscheck::story::reread(&source, s.record());
        assert_eq!(again.stories.len(), 1);
        assert_eq!(again.stories[0].text, s.text);
        assert_eq!(again.stories[0].record(), s.record());
    }
    for s in batch.stories {
        let _ = crosscheck::analyse(s);
    }
});
