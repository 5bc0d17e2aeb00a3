//! HTML pages: every input is a story or a rejection, and every claim's
//! position is a real line and column of the file. Then the input is made
//! hostile: repeated (1 to 32,768 times, by its first byte) as the
//! attributes of one tag, and as levels of nesting around the text; those
//! pages too are read or rejected with a place, and never overflow the
//! stack (issue 16).
#![no_main]

use libfuzzer_sys::fuzz_target;

fn page(data: &[u8]) {
    let batch = crosscheck::story::from_bytes("fuzz.html", data);
    assert_eq!(batch.stories.len() + batch.rejected.len(), 1);
    for r in &batch.rejected {
        if r.reason.contains("attributes") {
            assert!(r.line.is_some() && r.column.is_some(), "{r}");
        }
    }
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
}

fuzz_target!(|data: &[u8]| {
    page(data);
    let Some((&n, unit)) = data.split_first() else {
        return;
    };
    if unit.is_empty() || unit.len() > 48 {
        return;
    }
    let times = 1usize << (n % 16);
    let repeated = unit.repeat(times);
    // one tag with a huge attribute list
    page(&[b"<html><body><article><p ".as_slice(), &repeated, b">At least 12 people died.</p></article></body></html>"].concat());
    // deep nesting (or as many stray end tags) around the text
    page(&[b"<article><p>".as_slice(), &repeated, b"At least 12 people died.</p></article>"].concat());
});
