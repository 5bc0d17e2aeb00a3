//! The human and Markdown emitters on hostile story fields (issue 16):
//! three stories whose outlet, headline, event and body come from the
//! input (bytes above 0x7F stand for control characters, bidirectional
//! marks and other scripts), checked as one event and rendered. Nothing
//! panics; the human report holds no control character but the line
//! break; the Markdown report has no line a story field could start (no
//! raw HTML tag from the input, no heading, no table row broken by a lone
//! carriage return).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// What a byte above 0x7F stands for.
const OTHER: [char; 32] = [
    '\u{1b}', '\u{7}', '\r', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', //
    '<', '>', '|', '`', '*', '_', '[', ']', //
    '#', '!', '@', '%', ':', '“', '”', '«', //
    'Ç', 'Э', 'Ό', '中', '\u{301}', '😀', '\n', '\t',
];

fn text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| if b < 0x80 { char::from(b) } else { OTHER[usize::from(b) % OTHER.len()] })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    // fields split at NUL bytes: outlet, headline, event, then bodies
    let parts: Vec<String> = data.split(|&b| b == 0).map(text).collect();
    let field = |k: usize| parts.get(k).cloned().unwrap_or_default();
    let (outlet, title, event) = (field(0), field(1), field(2));
    let bodies = [
        format!("{} 35 people were killed, police said. \"{}\" she said.", field(3), field(4)),
        format!("{} 53 people were killed, police said. \"{}\" she said.", field(3), field(4)),
        field(5),
    ];
    let mut analyses = Vec::new();
    for (k, body) in bodies.iter().enumerate() {
        let id = format!("s{k}");
        let name = format!("{outlet}{k}");
        let Ok(s) = crosscheck::story::inline(&id, &name, Some(&title), None, Some(&event), body)
        else {
            continue;
        };
        analyses.push(crosscheck::analyse(s));
    }
    static RULES: std::sync::LazyLock<Vec<crosscheck::rules::Rule>> =
        std::sync::LazyLock::new(|| crosscheck::rules::defaults().expect("the default rules load"));
    let rules = &*RULES;
    let (events, findings) =
        crosscheck::rules::check(&analyses, rules, crosscheck::group::GroupBy::Batch);
    let report = crosscheck::report::CheckReport {
        analyses: &analyses,
        rejected: &[],
        events: &events,
        findings: &findings,
        min_level: crosscheck::rules::model::Severity::Info,
        rules,
        fail_on: Some(crosscheck::rules::model::Severity::Error),
        verbose: false,
        tables: Some(crosscheck::report::Tables::All),
        run_at: None,
    };
    let mut human = Vec::new();
    crosscheck::report::write(&mut human, crosscheck::report::CheckFormat::Human, &report, false)
        .unwrap();
    let human = String::from_utf8(human).unwrap();
    assert!(
        !human.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in the human report"
    );
    let mut md = Vec::new();
    crosscheck::report::write(&mut md, crosscheck::report::CheckFormat::Markdown, &report, false)
        .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(!md.contains('\r'), "a carriage return in the Markdown report");
    // a tag from a story field is escaped (`\<script`), never raw
    for tag in ["<script", "<img", "<iframe"] {
        for (at, _) in md.match_indices(tag) {
            assert!(md[..at].ends_with('\\'), "raw HTML at {at}: {md}");
        }
    }
});
