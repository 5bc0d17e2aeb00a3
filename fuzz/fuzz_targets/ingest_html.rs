//! HTML pages: every input is a story or a rejection, and every claim's
//! position is a real line and column of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = crosscheck::story::from_bytes("fuzz.html", data);
    assert_eq!(batch.stories.len() + batch.rejected.len(), 1);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for s in batch.stories {
        let a = crosscheck::analyse(s);
        for c in &a.claims {
            let p = a.story.position(c.span.start);
            assert!(p.line >= 1 && p.line <= lines.len(), "{p:?}");
            assert!(p.column >= 1 && p.column <= lines[p.line - 1] + 1, "{p:?}");
        }
    }
});
