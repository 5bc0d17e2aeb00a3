//! JSON Lines: a broken line rejects that line only.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = crosscheck::story::from_bytes("fuzz.jsonl", data);
    let lines = data.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    assert_eq!(batch.stories.len() + batch.rejected.len(), lines);
    for s in batch.stories {
        let _ = crosscheck::analyse(s);
    }
});
