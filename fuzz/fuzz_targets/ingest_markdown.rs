//! Markdown with front matter: every input is a story or a rejection, and
//! every position of a story maps into the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = crosscheck::story::from_bytes("fuzz.md", data);
    assert_eq!(batch.stories.len() + batch.rejected.len(), 1);
    for s in batch.stories {
        let _ = s.position(s.text.len());
        let a = crosscheck::analyse(s);
        for c in &a.claims {
            let p = a.story.position(c.span.start);
            assert!(p.line >= 1 && p.column >= 1);
        }
    }
});
