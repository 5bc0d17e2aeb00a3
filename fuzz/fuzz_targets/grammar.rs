//! The number grammar and the claim frame on any text: no panic, every
//! span lies on character boundaries inside the text, figures come in
//! order without overlapping, and no unit word lies inside a figure.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let published = jiff::civil::Date::new(2024, 3, 5).ok();
    let mentions = crosscheck::extract::scan::mentions(text, published);
    for m in &mentions {
        assert!(text.get(m.span.clone()).is_some());
        assert!(m.span.start <= m.value_span.start && m.value_span.end <= m.span.end);
    }
    // in order, one after another: unit_words walks them in one pass
    for w in mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{:?} then {:?}", w[0].span, w[1].span);
    }
    for u in crosscheck::extract::scan::unit_words(text, &mentions) {
        assert!(text.get(u.span.clone()).is_some());
        assert!(mentions.iter().all(|m| u.span.end <= m.span.start || m.span.end <= u.span.start));
    }
    let sentences = crosscheck::text::sentences(text, 0);
    let (claims, dangling) = crosscheck::extract::frame::claims(text, &sentences, mentions, published);
    for c in &claims {
        assert!(text.get(c.surface()).is_some());
    }
    for d in &dangling {
        assert!(text.get(d.span.clone()).is_some());
    }
});
