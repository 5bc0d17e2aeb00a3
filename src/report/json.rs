//! JSON, the contract in DESIGN.md (`{version, summary, stories,
//! findings}`), and JSON Lines (one object a line: each story, each
//! finding, then the summary). Big batches are written as they are
//! serialised: story rows and findings are made one at a time.

use super::claims::QuantityOut;
use super::{CheckReport, Counts, Emitter, counts, in_order};
use crate::Analysis;
use crate::rules::{EventGroup, Evidence, Finding};
use crate::story::Rejected;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON report.
#[derive(Debug)]
pub(super) struct Json;

/// The JSON Lines report.
#[derive(Debug)]
pub(super) struct Jsonl;

impl Emitter for Json {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        json(w, r)
    }
}

impl Emitter for Jsonl {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        jsonl(w, r)
    }
}

#[derive(Debug, Serialize)]
struct Summary {
    stories: usize,
    checked: usize,
    rejected: usize,
    events: usize,
    findings: Counts,
}

#[derive(Debug, Serialize)]
struct StoryRow<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    path: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Debug, Serialize)]
struct EvidenceOut {
    story: String,
    outlet: String,
    path: String,
    line: usize,
    column: usize,
    span: [usize; 2],
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<QuantityOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    primary: bool,
}

#[derive(Debug, Serialize)]
struct DiffPart {
    op: &'static str,
    text: String,
}

#[derive(Debug, Serialize)]
struct FindingOut {
    rule: String,
    kind: &'static str,
    severity: &'static str,
    event: String,
    title: String,
    message: String,
    evidence: Vec<EvidenceOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<Vec<DiffPart>>,
}

/// The whole JSON report as one value: what [`json`] writes, byte for
/// byte, piece by piece on every core; the tests' reference.
#[cfg(test)]
#[derive(Debug, Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    stories: Rows<'a>,
    /// Events found from content (`--group-by auto`), with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupOut>,
    findings: FindingRows<'a>,
}

/// The shown findings, each made as it is written (a finding of a big
/// event cites thousands of stories).
#[cfg(test)]
#[derive(Debug)]
struct FindingRows<'a>(&'a CheckReport<'a>);

#[cfg(test)]
impl FindingRows<'_> {
    fn iter(&self) -> impl Iterator<Item = FindingOut> + '_ {
        self.0.shown().map(|f| finding_out(self.0.analyses, f))
    }
}

#[cfg(test)]
impl Serialize for FindingRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Debug, Serialize)]
struct GroupOut {
    event: String,
    stories: Vec<String>,
    reason: String,
}

fn evidence_out(analyses: &[Analysis], e: &Evidence) -> EvidenceOut {
    let a = &analyses[e.story];
    let pos = a.story.position(e.span.start);
    let claim = e.claim.map(|k| &a.claims[k]);
    EvidenceOut {
        story: a.story.id.clone(),
        outlet: a.story.outlet.to_string(),
        path: a.story.path.to_string(),
        line: pos.line,
        column: pos.column,
        span: [e.span.start, e.span.end],
        text: a.story.slice(e.span.clone()).to_string(),
        quantity: claim.map(|c| QuantityOut::new(&c.quantity, a.story.slice(c.value_span.clone()))),
        source: claim.and_then(|c| c.source.clone()),
        primary: e.primary,
    }
}

/// The JSON report, byte for byte what serde_json's pretty printer makes
/// of the whole document ([`json_serial`], the tests' reference), with
/// the long lists (stories, groups, findings) made on every core: at 1 GB
/// of real news the 125 MB report took half a second of one core while
/// the other idled (issue 21).
fn json(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let rows = Rows::new(r);
    let groups = groups(r);
    let shown: Vec<&Finding> = r.shown().collect();
    w.write_all(b"{\n  \"version\": ")?;
    serde_json::to_writer(&mut *w, &super::JSON_VERSION)?;
    w.write_all(b",\n  \"summary\": ")?;
    w.write_all(&indented(&serde_json::to_vec_pretty(&summary(r))?, INDENT))?;
    w.write_all(b",\n  \"stories\": ")?;
    pretty_list(w, 1, (rows.order.len(), ROWS_PER_TASK), &|i| {
        rows.row(rows.order[i] as usize)
    })?;
    if !groups.is_empty() {
        w.write_all(b",\n  \"groups\": ")?;
        pretty_list(w, 1, (groups.len(), ROWS_PER_TASK), &|i| &groups[i])?;
    }
    w.write_all(b",\n  \"findings\": ")?;
    pretty_list(w, 1, (shown.len(), FINDINGS_PER_TASK), &|i| {
        finding_out(r.analyses, shown[i])
    })?;
    w.write_all(b"\n}\n")
}

/// The JSON report as serde_json's pretty printer writes the whole
/// document, on one thread: what [`json`] must write.
#[cfg(test)]
fn json_serial(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &document(r))?;
    writeln!(w)
}

/// One level of serde_json's pretty printer.
const INDENT: &str = "  ";

/// `json`, pretty-printed at depth 0, as it stands one level deeper
/// behind `indent`: the indent after every line break. Exact, as JSON
/// strings never hold a raw line break (serde_json writes `\n`).
fn indented(json: &[u8], indent: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', json) {
        out.extend_from_slice(&json[from..=at]);
        out.extend_from_slice(indent.as_bytes());
        from = at + 1;
    }
    out.extend_from_slice(&json[from..]);
    out
}

/// A list of `n` items (`item(i)`, `per_task` to a task), `depth` levels deep, written as
/// serde_json's pretty printer writes a sequence there (`[]` when empty),
/// its items made on every core ([`in_order`]).
fn pretty_list<T: Serialize>(
    w: &mut dyn Write,
    depth: usize,
    (n, per_task): (usize, usize),
    item: &(dyn Fn(usize) -> T + Sync),
) -> io::Result<()> {
    if n == 0 {
        return w.write_all(b"[]");
    }
    let inner = INDENT.repeat(depth + 1);
    w.write_all(b"[")?;
    in_order(w, (n, per_task), &|i, out| {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(inner.as_bytes());
        out.extend_from_slice(&indented(&serde_json::to_vec_pretty(&item(i))?, &inner));
        Ok(())
    })?;
    w.write_all(b"\n")?;
    w.write_all(INDENT.repeat(depth).as_bytes())?;
    w.write_all(b"]")
}

/// Story rows a task renders (about 200 bytes each): enough that a task
/// is worth handing to another core.
const ROWS_PER_TASK: usize = 64;

/// Findings a task renders: about 2 KB each on real news, so that a window
/// of them stays a few hundred KB (the report must not raise the batch's
/// peak memory; a finding of a big event cites thousands of stories).
const FINDINGS_PER_TASK: usize = 8;

/// One JSON object a line: each story, then each finding, then the
/// summary; the lines made on every core ([`in_order`]), the same bytes
/// as [`jsonl_serial`].
fn jsonl(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let rows = Rows::new(r);
    in_order(w, (rows.order.len(), ROWS_PER_TASK), &|i, out| {
        let s = rows.row(rows.order[i] as usize);
        serde_json::to_writer(&mut *out, &serde_json::json!({"type": "story", "story": s}))?;
        out.push(b'\n');
        Ok(())
    })?;
    let shown: Vec<&Finding> = r.shown().collect();
    in_order(w, (shown.len(), FINDINGS_PER_TASK), &|i, out| {
        let f = finding_out(r.analyses, shown[i]);
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({"type": "finding", "finding": f}),
        )?;
        out.push(b'\n');
        Ok(())
    })?;
    serde_json::to_writer(
        &mut *w,
        &serde_json::json!({"type": "summary", "version": super::JSON_VERSION, "summary": summary(r)}),
    )?;
    writeln!(w)
}

/// One JSON object a line, on one thread: what [`jsonl`] must write.
#[cfg(test)]
fn jsonl_serial(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let doc = document(r);
    for s in doc.stories.iter() {
        serde_json::to_writer(&mut *w, &serde_json::json!({"type": "story", "story": s}))?;
        writeln!(w)?;
    }
    for f in doc.findings.iter() {
        serde_json::to_writer(
            &mut *w,
            &serde_json::json!({"type": "finding", "finding": f}),
        )?;
        writeln!(w)?;
    }
    serde_json::to_writer(
        &mut *w,
        &serde_json::json!({"type": "summary", "version": doc.version, "summary": doc.summary}),
    )?;
    writeln!(w)
}

/// The story rows, checked and rejected, in (path, id, line) order, made
/// as they are written: a big batch's rows are never all held at once.
#[derive(Debug)]
struct Rows<'a> {
    analyses: &'a [Analysis],
    rejected: &'a [Rejected],
    events: &'a [EventGroup],
    /// Per checked story, its event's index in `events` (`u32::MAX`: none);
    /// four bytes a story, for batches of 100,000.
    event_of: Vec<u32>,
    /// Below `analyses.len()` a checked story, above a rejected input.
    order: Vec<u32>,
}

impl<'a> Rows<'a> {
    fn new(r: &CheckReport<'a>) -> Self {
        let mut event_of: Vec<u32> = vec![u32::MAX; r.analyses.len()];
        for (e, g) in r.events.iter().enumerate() {
            for &s in &g.stories {
                event_of[s] = u32::try_from(e).unwrap_or(u32::MAX);
            }
        }
        let mut rows = Rows {
            analyses: r.analyses,
            rejected: r.rejected,
            event_of,
            events: r.events,
            order: (0..r.analyses.len() + r.rejected.len())
                .map(|k| u32::try_from(k).expect("fewer than 2^32 stories"))
                .collect(),
        };
        // rejected inputs among them as in every other report
        let key = |k: usize| match rows.analyses.get(k) {
            Some(a) => super::checked_key(a),
            None => super::rejected_key(&rows.rejected[k - rows.analyses.len()]),
        };
        let mut order = std::mem::take(&mut rows.order);
        // the index breaks ties: the order of a stable sort, without its
        // buffer; a total order, so sorting on every core gives the same
        // order as on one
        order.par_sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
        rows.order = order;
        rows
    }

    fn row(&self, k: usize) -> StoryRow<'a> {
        match self.analyses.get(k) {
            Some(a) => StoryRow {
                id: &a.story.id,
                outlet: Some(&a.story.outlet),
                path: &a.story.path,
                status: "checked",
                event: self
                    .events
                    .get(self.event_of[k] as usize)
                    .map(|g| &*g.event),
                reason: None,
                line: None,
                column: None,
            },
            None => {
                let x = &self.rejected[k - self.analyses.len()];
                StoryRow {
                    id: &x.path,
                    outlet: None,
                    path: &x.path,
                    status: "rejected",
                    event: None,
                    reason: Some(&x.reason),
                    line: x.line,
                    column: x.column,
                }
            }
        }
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = StoryRow<'a>> + '_ {
        self.order.iter().map(|&k| self.row(k as usize))
    }
}

#[cfg(test)]
impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
fn document<'a>(r: &'a CheckReport<'a>) -> Document<'a> {
    Document {
        version: super::JSON_VERSION,
        summary: summary(r),
        stories: Rows::new(r),
        groups: groups(r),
        findings: FindingRows(r),
    }
}

fn summary(r: &CheckReport<'_>) -> Summary {
    Summary {
        stories: r.analyses.len() + r.rejected.len(),
        checked: r.analyses.len(),
        rejected: r.rejected.len(),
        events: r.events.len(),
        findings: counts(r.shown()),
    }
}

/// The events found from content, with why.
fn groups(r: &CheckReport<'_>) -> Vec<GroupOut> {
    r.events
        .iter()
        .filter_map(|g| {
            // the reason first: events of no reason (all of them unless
            // grouped by content) copy no story id
            let reason = g.reason.as_deref()?.to_string();
            Some(GroupOut {
                event: g.event.to_string(),
                stories: g
                    .stories
                    .iter()
                    .map(|&s| r.analyses[s].story.id.clone())
                    .collect(),
                reason,
            })
        })
        .collect()
}

fn finding_out(analyses: &[Analysis], f: &Finding) -> FindingOut {
    FindingOut {
        rule: f.rule.clone(),
        kind: f.kind.as_str(),
        severity: f.severity.as_str(),
        event: f.event.clone(),
        title: f.title.clone(),
        message: f.message.clone(),
        evidence: f
            .evidence
            .iter()
            .map(|e| evidence_out(analyses, e))
            .collect(),
        diff: f.diff.as_ref().map(|d| {
            d.parts
                .iter()
                .map(|(op, text)| DiffPart {
                    op: op.as_str(),
                    text: text.clone(),
                })
                .collect()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::GroupBy;
    use crate::rules::Rule;
    use crate::{Outcome, Settings};
    use proptest::prelude::*;

    /// The outcome of checking `paths` with the default rules.
    fn outcome(paths: &[String], group_by: GroupBy, rules: &[Rule]) -> Outcome {
        let listing = crate::story::list(paths, &mut std::io::empty());
        let settings = Settings {
            group_by,
            fail_on: crate::FailOn(None),
            ..Settings::default()
        };
        crate::check_batch(listing, rules, &settings, &()).accept(None)
    }

    fn report<'a>(o: &'a Outcome, rules: &'a [Rule]) -> CheckReport<'a> {
        CheckReport {
            analyses: &o.analyses,
            rejected: &o.rejected,
            events: &o.events,
            findings: &o.findings,
            min_level: o.min_level,
            rules,
            fail_on: o.fail_on.0,
            verbose: false,
            tables: None,
            run_at: None,
        }
    }

    type Render = fn(&mut dyn Write, &CheckReport<'_>) -> io::Result<()>;

    fn rendered(render: Render, r: &CheckReport<'_>) -> Vec<u8> {
        let mut out = Vec::new();
        render(&mut out, r).unwrap();
        out
    }

    /// Where two outputs part, for a readable failure.
    fn first_difference(a: &[u8], b: &[u8]) -> String {
        let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let around = |s: &[u8]| {
            String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
        };
        format!(
            "at byte {at} of {} and {}:\n{}\n---\n{}",
            a.len(),
            b.len(),
            around(a),
            around(b)
        )
    }

    /// JSON and JSON Lines made on 1, 2 and 3 threads are the bytes the
    /// serial reference writes; returns the JSON.
    fn same_as_serial(r: &CheckReport<'_>) -> Vec<u8> {
        let json_ref = rendered(json_serial, r);
        let jsonl_ref = rendered(jsonl_serial, r);
        for threads in 1..=3 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let (j, l) = pool.install(|| (rendered(json, r), rendered(jsonl, r)));
            assert!(
                j == json_ref,
                "json, {threads} threads: {}",
                first_difference(&j, &json_ref)
            );
            assert!(
                l == jsonl_ref,
                "jsonl, {threads} threads: {}",
                first_difference(&l, &jsonl_ref)
            );
        }
        json_ref
    }

    #[test]
    fn the_example_batch_is_written_as_the_serial_printer_writes_it() {
        let rules = crate::rules::defaults().unwrap();
        let root = env!("CARGO_MANIFEST_DIR");
        for group_by in [GroupBy::Event, GroupBy::Auto] {
            let o = outcome(&[format!("{root}/examples/batch")], group_by, &rules);
            assert!(!o.findings.is_empty());
            let out = same_as_serial(&report(&o, &rules));
            let groups = String::from_utf8(out)
                .unwrap()
                .contains("\n  \"groups\": [\n");
            assert_eq!(groups, group_by == GroupBy::Auto);
        }
    }

    /// A batch of nothing: empty lists are `[]`.
    #[test]
    fn an_empty_batch_is_written_as_the_serial_printer_writes_it() {
        let rules = crate::rules::defaults().unwrap();
        let o = outcome(&[], GroupBy::Event, &rules);
        let out = String::from_utf8(same_as_serial(&report(&o, &rules))).unwrap();
        assert!(
            out.contains("\"stories\": [],\n  \"findings\": []\n}\n"),
            "{out}"
        );
    }

    /// Stories whose ids, outlets, events and text hold quotes,
    /// backslashes, line breaks, control characters and non-ASCII
    /// letters, some lines rejected, and more stories and findings than
    /// one window holds on three threads.
    #[test]
    fn a_batch_of_awkward_text_is_written_as_the_serial_printer_writes_it() {
        let dir = std::env::temp_dir().join(format!("crosscheck-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let odd = [
            "plain",
            "a \"quoted\" name",
            "back\\slash",
            "tab\there",
            "bell\u{7}",
            "Пресса",
            "新闻 ✓",
            "\u{1f4f0} emoji",
            "",
        ];
        let mut lines = String::new();
        for k in 0..3300 {
            let word = odd[k % odd.len()];
            let toll = if k % 2 == 0 { 12 } else { 21 };
            let story = serde_json::json!({
                "id": format!("s{k} {word}"),
                "outlet": format!("Outlet {} {word}", k % 2),
                "event": format!("event {} {}", k / 2, odd[k / 2 % odd.len()]),
                "body": format!(
                    "Officials in \"{word}\" said {toll} people were killed in the flood.\n\n\
                     Police said {toll}\npeople died, a \\ \"quote\" \u{2014} and {word}."
                ),
            });
            lines.push_str(&story.to_string());
            lines.push('\n');
            if k % 500 == 7 {
                lines.push_str("{\"id\": \"broken \\\" line\", \"body\": \n");
            }
        }
        let file = dir.join("awkward \"names\".jsonl");
        std::fs::write(&file, lines).unwrap();
        let rules = crate::rules::defaults().unwrap();
        let o = outcome(
            &[file.to_string_lossy().into_owned()],
            GroupBy::Event,
            &rules,
        );
        std::fs::remove_dir_all(&dir).unwrap();
        // more than a window on three threads
        let window = crate::report::TASKS_PER_THREAD * 3;
        assert!(
            o.analyses.len() > ROWS_PER_TASK * window,
            "{}",
            o.analyses.len()
        );
        assert!(
            o.findings.len() > FINDINGS_PER_TASK * window,
            "{}",
            o.findings.len()
        );
        assert!(!o.rejected.is_empty());
        same_as_serial(&report(&o, &rules));
    }

    /// The check of ../shared/realnews, when it is there.
    #[test]
    fn real_news_is_written_as_the_serial_printer_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realnews");
        let Ok(dirs) = std::fs::read_dir(&root) else {
            eprintln!("skipped: {} is missing", root.display());
            return;
        };
        let mut paths: Vec<String> = dirs
            .filter_map(Result::ok)
            .map(|d| d.path().join("stories.jsonl"))
            .filter(|p| p.is_file())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        paths.sort();
        assert!(!paths.is_empty());
        let rules = crate::rules::defaults().unwrap();
        let o = outcome(&paths, GroupBy::Event, &rules);
        assert!(o.findings.len() > 20, "{}", o.findings.len());
        same_as_serial(&report(&o, &rules));
    }

    /// Any JSON: strings of any characters, numbers, empty and nested
    /// arrays and objects.
    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[\"\\\\\\n\\t\u{0}\u{1f}a-zé✓]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z\"\\\\\\n]{0,4}", inner, 0..5)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// A list written by `pretty_list` at depth 0, 1 or 2 is what
        /// serde_json's pretty printer writes for it there, on any
        /// number of threads and across windows.
        #[test]
        fn a_list_is_written_as_the_pretty_printer_writes_it(
            items in prop::collection::vec(any_json(), 0..12),
            repeat in prop_oneof![Just(1usize), Just(300)],
            threads in 1usize..=3,
        ) {
            let items: Vec<&serde_json::Value> =
                std::iter::repeat_n(&items, repeat).flatten().collect();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            for depth in 0..3 {
                // the list `depth` objects deep, as the whole value
                let mut whole = serde_json::json!(items);
                let mut ours = Vec::new();
                pool.install(|| pretty_list(&mut ours, depth, (items.len(), 5), &|i| items[i]))
                    .unwrap();
                for d in (0..depth).rev() {
                    whole = serde_json::json!({ "k": whole });
                    let mut outer = format!("{{\n{}\"k\": ", INDENT.repeat(d + 1)).into_bytes();
                    outer.extend_from_slice(&ours);
                    outer.extend_from_slice(format!("\n{}}}", INDENT.repeat(d)).as_bytes());
                    ours = outer;
                }
                let want = serde_json::to_vec_pretty(&whole).unwrap();
                prop_assert!(ours == want, "depth {}: {}", depth, first_difference(&ours, &want));
            }
        }
    }
}
