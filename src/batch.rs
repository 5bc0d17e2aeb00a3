//! Checking a batch: the library's `check`, and the outcome a run's exit
//! code is derived from.
//!
//! [`check_batch`] reads, groups and compares what a [`Listing`] names under
//! [`Settings`] (what the command line and crosscheck.yaml settle); what it
//! returns, once the findings a baseline or a story's `crosscheck-ignore`
//! accepts are taken out ([`Checked::accept`]), is an [`Outcome`], whose
//! [`Outcome::status`] says how the run ends.
//!
//! Underneath, [`check`] keeps memory to what the findings cite, not the
//! text:
//!
//! ```text
//! sources ─► read (metadata, or features for auto grouping) ─► plan events
//!         ─► per event: read again, analyse, compare, compact ─► report
//! ```
//!
//! A story's text and claims live only while its event is compared. What
//! a report needs afterwards (the metadata, the claims a finding or a table
//! cites, the lines and sentences around its evidence, their positions in
//! the file) is kept in a [`compact`]ed [`Analysis`]; the rest is dropped.
//! Each story is read twice: once to learn its event, once to compare it.
//! Events are compared in parallel and stories within an event too; the
//! result does not depend on the thread count or on the order of inputs.

use crate::group::{self, GroupBy, Planned};
use crate::rules::baseline::{self, Baseline, Suppressed};
use crate::rules::engine;
use crate::rules::{EventGroup, Finding, Rule, Severity};
use crate::story::{self, Anchor, Listing, Rejected, Source, TextMap};
use crate::{Analysis, ThinVec};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::Arc;

/// The level at which findings fail a run (`--fail-on`), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailOn(pub Option<Severity>);

impl FailOn {
    /// Each threshold by name, as `--fail-on` and crosscheck.yaml write
    /// them.
    pub const NAMES: [(&'static str, FailOn); 4] = [
        ("error", FailOn(Some(Severity::Error))),
        ("warning", FailOn(Some(Severity::Warning))),
        ("info", FailOn(Some(Severity::Info))),
        ("never", FailOn(None)),
    ];

    /// Whether a finding of level `s` fails the run.
    pub fn fails(self, s: Severity) -> bool {
        self.0.is_some_and(|min| s >= min)
    }
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn(Some(Severity::Error))
    }
}

/// How a run ends: the CLI's exit code says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every input read, and no finding at or above the threshold.
    Clean,
    /// Findings at or above the threshold.
    Findings,
    /// An input was rejected, or an argument named no story: whatever the
    /// findings, the run cannot be trusted to have seen everything.
    InputError,
}

impl Status {
    /// The status of findings against a threshold, every input read.
    pub fn of(findings: &[Finding], fail_on: FailOn) -> Status {
        if findings.iter().any(|f| fail_on.fails(f.severity)) {
            Status::Findings
        } else {
            Status::Clean
        }
    }
}

/// How to check a batch: what the command line and crosscheck.yaml settle.
#[derive(Debug, Clone)]
pub struct Settings {
    pub group_by: GroupBy,
    /// Keep every measured claim for per-event tables ([`Options::tables`]).
    pub tables: bool,
    pub fail_on: FailOn,
    /// The lowest level shown; lowered to `fail_on` when above it, so that
    /// a run never fails on findings it does not show.
    pub min_level: Severity,
    /// Rule ids not in force but known (crosscheck.yaml switched them
    /// off): a story's `crosscheck-ignore` of one is no typo.
    pub switched_off: Vec<String>,
    /// An argument (a folder, standard input) that names no story is no
    /// error.
    pub allow_empty: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            group_by: GroupBy::default(),
            tables: false,
            fail_on: FailOn::default(),
            min_level: Severity::Info,
            switched_off: Vec::new(),
            allow_empty: false,
        }
    }
}

/// Check what `listing` names with `rules`: read, group, compare.
/// `progress` is told of each story read and compared.
pub fn check_batch(
    listing: Listing,
    rules: &[Rule],
    settings: &Settings,
    progress: &dyn Progress,
) -> Checked {
    let Listing {
        sources,
        rejected,
        empty,
        ..
    } = listing;
    let options = Options {
        group_by: settings.group_by,
        tables: settings.tables,
    };
    let Batch {
        analyses,
        rejected,
        events,
        findings,
    } = check(&sources, rejected, rules, options, progress);
    drop(sources);
    let known = rules
        .iter()
        .map(|r| r.id.clone())
        .chain(settings.switched_off.iter().cloned())
        .collect();
    Checked {
        analyses,
        rejected,
        events,
        findings,
        empty: !settings.allow_empty && !empty.is_empty(),
        fail_on: settings.fail_on,
        min_level: settings.min_level,
        known,
    }
}

/// A batch checked, before what a baseline or a story accepts is taken
/// out: [`Checked::accept`] makes the [`Outcome`].
#[derive(Debug)]
pub struct Checked {
    pub analyses: Vec<Analysis>,
    pub rejected: Vec<Rejected>,
    pub events: Vec<EventGroup>,
    /// Sorted.
    pub findings: Vec<Finding>,
    /// An argument named no story, and the settings do not allow that.
    pub empty: bool,
    fail_on: FailOn,
    min_level: Severity,
    /// Every rule id known: those in force and those switched off.
    known: Vec<String>,
}

impl Checked {
    /// How the run ends when findings do not count (`--write-baseline`).
    pub fn input_status(&self) -> Status {
        if self.rejected.is_empty() && !self.empty {
            Status::Clean
        } else {
            Status::InputError
        }
    }

    /// Every finding recorded as accepted.
    pub fn baseline(&self) -> Baseline {
        Baseline::from_findings(&self.analyses, &self.findings)
    }

    /// Take out the findings a story ignores (`crosscheck-ignore`) or
    /// `baseline` accepts.
    pub fn accept(self, baseline: Option<&Baseline>) -> Outcome {
        let ignores = baseline::ignores(&self.analyses);
        let (findings, suppressed) =
            baseline::apply(&self.analyses, &ignores, self.findings, baseline);
        let known: Vec<&str> = self.known.iter().map(String::as_str).collect();
        let unknown_ignores = baseline::unknown_ignores(&ignores, &known);
        let wanted = self.min_level;
        let (min_level, lowered) = match self.fail_on.0 {
            Some(fails) if fails < wanted => {
                let more = findings
                    .iter()
                    .any(|f| f.severity >= fails && f.severity < wanted);
                (fails, more.then_some((fails, wanted)))
            }
            _ => (wanted, None),
        };
        Outcome {
            analyses: self.analyses,
            rejected: self.rejected,
            events: self.events,
            findings,
            suppressed,
            unknown_ignores,
            min_level,
            lowered,
            fail_on: self.fail_on,
            empty: self.empty,
        }
    }
}

/// What checking a batch came to.
#[derive(Debug)]
pub struct Outcome {
    pub analyses: Vec<Analysis>,
    pub rejected: Vec<Rejected>,
    pub events: Vec<EventGroup>,
    /// Every finding not accepted, whatever its level.
    pub findings: Vec<Finding>,
    /// What the baseline and the stories' ignores took out.
    pub suppressed: Suppressed,
    /// Ignores that name no rule: (story, the id as written, the id it
    /// likely means).
    pub unknown_ignores: Vec<(usize, String, Option<String>)>,
    /// The lowest level a report shows.
    pub min_level: Severity,
    /// (fail-on, min-level) when `fail_on` lowered the level shown and
    /// that shows findings `min_level` alone would hide.
    pub lowered: Option<(Severity, Severity)>,
    pub fail_on: FailOn,
    empty: bool,
}

impl Outcome {
    /// How the run ends: rejected inputs first, then findings at or above
    /// the threshold.
    pub fn status(&self) -> Status {
        if !self.rejected.is_empty() || self.empty {
            Status::InputError
        } else {
            Status::of(&self.findings, self.fail_on)
        }
    }
}

/// What [`check`] produced: compacted analyses (see [`compact`]), rejected
/// inputs, events and sorted findings.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub analyses: Vec<Analysis>,
    pub rejected: Vec<Rejected>,
    pub events: Vec<EventGroup>,
    pub findings: Vec<Finding>,
}

/// How to check.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    pub(crate) group_by: GroupBy,
    /// Keep every claim of every measure for per-event tables (the human,
    /// Markdown and HTML reports); without them only cited claims stay,
    /// and stories keep no title or URL (only the HTML report shows them:
    /// on real news they were a fifth of what a batch kept).
    pub(crate) tables: bool,
}

/// Told of progress: once per source read, then once per story compared.
pub trait Progress: Sync {
    fn phase(&self, _name: &'static str, _len: u64) {}
    fn advance(&self) {}
}

impl Progress for () {}

/// What a checked batch keeps: a slot for each story's compacted analysis,
/// and one string for each distinct outlet, path and event, which the
/// stories share (on real news a story kept its own three; one file, a
/// few thousand outlets and an event for every three or four stories).
struct Kept {
    slots: Slots,
    names: Names,
}

/// A slot for each story's compacted analysis, filled by the events on
/// every thread (a lock taken once a story, for a moment). A slot is an
/// `Option<Analysis>`, as big as an `Analysis` (its lists are never null),
/// so the batch's list of analyses is collected in the slots' own room at
/// the end, with no second list beside it: that list was the last rise of
/// the peak (17 MB at 1 GB of real news; issue 21).
struct Slots(std::sync::Mutex<Vec<Option<Analysis>>>);

impl Slots {
    fn new(n: usize) -> Self {
        Slots(std::sync::Mutex::new(
            std::iter::repeat_with(|| None).take(n).collect(),
        ))
    }

    /// Put story `k`'s analysis in its place (each story is in one event
    /// only).
    fn set(&self, k: usize, a: Analysis) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)[k] = Some(a);
    }

    fn into_inner(self) -> Vec<Option<Analysis>> {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Distinct strings, each held once.
#[derive(Default)]
struct Names(std::sync::Mutex<rustc_hash::FxHashSet<Arc<str>>>);

impl Names {
    /// Make each of `names` the string held for its text (held from now
    /// on if none was).
    fn share<'a>(&self, names: impl IntoIterator<Item = &'a mut Arc<str>>) {
        let mut held = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for name in names {
            match held.get(&**name) {
                Some(h) => *name = Arc::clone(h),
                None => {
                    held.insert(Arc::clone(name));
                }
            }
        }
    }
}

/// A story known by its id and where to read it again. A big batch keeps
/// one for every story until its event is compared, so it keeps no more:
/// the event it names is needed for planning only, and a record's line
/// is never 0.
struct Stub {
    id: Box<str>,
    path: Arc<str>,
    record: Option<(u64, NonZeroUsize)>,
    /// The record's line length at the first reading ([`story::Story::record_len`]).
    len: u32,
    /// The index of its source: a `u32` beside `len`, so that a stub stays
    /// 56 bytes (4 billion inputs would take hundreds of GB to list).
    source: u32,
}

/// Check the stories in `sources`; `rejected` are inputs already refused
/// while listing them.
pub(crate) fn check(
    sources: &[Source],
    mut rejected: Vec<Rejected>,
    rules: &[Rule],
    options: Options,
    progress: &dyn Progress,
) -> Batch {
    let names = Names::default();
    progress.phase("reading", sources.len() as u64);
    let (stubs, planned) = first_reading(sources, options, &names, progress, &mut rejected);

    // pass 2: one event at a time per thread; each event takes its stubs,
    // so they go as the compacted analyses come
    let n = stubs.len();
    progress.phase("checking", n as u64);
    let planned = with_stubs(stubs, planned);
    // each event puts its compacted analyses in their places
    let kept = Kept {
        slots: Slots::new(n),
        names,
    };
    // the rules' word lists, built once for every event
    let compiled = engine::Compiled::of(rules);
    let done: Vec<EventDone> = planned
        .into_par_iter()
        .map(|planned| {
            let (p, mine) = *planned;
            event(
                sources,
                mine,
                p,
                (rules, &compiled),
                options,
                &kept,
                progress,
            )
        })
        .collect();
    let Kept { slots, names } = kept;
    drop(names);
    assemble(done, slots.into_inner(), rejected)
}

/// Pass 1: every story's metadata (and content features when grouping by
/// content), the first of each id kept, and the events planned. The
/// stories' paths and events are shared through `names`.
fn first_reading(
    sources: &[Source],
    options: Options,
    names: &Names,
    progress: &dyn Progress,
    rejected: &mut Vec<Rejected>,
) -> (Vec<Stub>, Vec<Planned>) {
    let auto = options.group_by == GroupBy::Auto;
    // grouping by content analyses the stories; else the metadata is enough
    let keep = if auto {
        story::Keep::Whole
    } else {
        story::Keep::Metadata
    };
    let (stubs, more) = story::read_all_keeping(sources, keep, &|| progress.advance(), |i, st| {
        let (features, st) = if auto {
            let a = crate::analyse(st);
            (group::auto::features(&a), *a.story)
        } else {
            (Vec::new(), st)
        };
        let record = st
            .record()
            .and_then(|(at, line)| Some((at, NonZeroUsize::new(line)?)));
        let len = st.record_len();
        let mut stub = Stub {
            id: st.id.into_boxed_str(),
            path: st.path,
            record,
            len,
            source: u32::try_from(i).expect("fewer than 4 billion inputs"),
        };
        let mut event = st.event;
        names.share(std::iter::once(&mut stub.path).chain(&mut event));
        (stub, event, features)
    });
    rejected.extend(more);
    let stubs = story::first_of_each_id(
        stubs,
        |(s, _, _)| (&*s.id, &s.path, s.record.map(|r| r.1.get())),
        rejected,
    );
    // not `unzip`: that would build both halves while the pairs still stand
    let mut stubs = stubs;
    let features: Vec<_> = if auto {
        stubs
            .iter_mut()
            .map(|(_, _, f)| std::mem::take(f))
            .collect()
    } else {
        Vec::new()
    };
    let events: Vec<Option<Arc<str>>> = stubs.iter_mut().map(|(_, e, _)| e.take()).collect();
    let stubs: Vec<Stub> = stubs.into_iter().map(|(s, _, _)| s).collect();
    let keys: Vec<group::Key> = stubs
        .iter()
        .zip(&events)
        .map(|(s, e)| group::Key {
            id: &s.id,
            path: &s.path,
            event: e.as_deref(),
        })
        .collect();
    let planned = group::plan(&keys, options.group_by, features);
    drop(keys);
    drop(events);
    (stubs, planned)
}

/// Each planned event with its stubs, taken out of `stubs` (which go as
/// they are taken). Boxed: the list stands until the last event is
/// compared, and each event's plan goes when it is taken, not with the
/// list.
#[expect(
    clippy::vec_box,
    reason = "the list's room stands until every event is done; a box goes with its event"
)]
fn with_stubs(stubs: Vec<Stub>, planned: Vec<Planned>) -> Vec<Box<(Planned, Vec<Stub>)>> {
    let mut stubs: Vec<Option<Stub>> = stubs.into_iter().map(Some).collect();
    planned
        .into_iter()
        .map(|p| {
            let mine = p.stories.iter().filter_map(|&g| stubs[g].take()).collect();
            Box::new((p, mine))
        })
        .collect()
}

/// The batch from its compared events and the compacted analyses in
/// `slots`: stories renumbered in input order, findings sorted.
fn assemble(
    done: Vec<EventDone>,
    slots: Vec<Option<Analysis>>,
    mut rejected: Vec<Rejected>,
) -> Batch {
    // stories that could not be read again are rejected, not checked: the
    // others are numbered in input order (as they stand when none was)
    let index: Option<Vec<Option<usize>>> = slots.iter().any(Option::is_none).then(|| {
        let mut k = 0;
        slots
            .iter()
            .map(|s| {
                s.as_ref().map(|_| {
                    k += 1;
                    k - 1
                })
            })
            .collect()
    });
    let mut findings = Vec::with_capacity(done.iter().map(|d| d.findings.len()).sum());
    // in place: the events take the room of what was done (a second list
    // beside it was the last rise of the peak)
    let mut events: Vec<EventGroup> = done
        .into_iter()
        .map(|mut d| {
            if let Some(index) = &index {
                let to = |g: usize| index[g].expect("a story read again has its analysis");
                reindex(&mut d.group, &mut d.findings, to);
            }
            rejected.extend(d.rejected);
            findings.extend(d.findings);
            d.group
        })
        .collect();
    drop(index);
    // in place (see `Slots`): std collects a `filter_map` in the room of
    // the list it takes, not a `flatten`
    #[expect(clippy::filter_map_identity, reason = "flatten makes a second list")]
    let analyses: Vec<Analysis> = slots.into_iter().filter_map(|a| a).collect();
    events.retain(|e| !e.stories.is_empty());
    crate::rules::finding::sort_findings(&analyses, &mut findings);
    Batch {
        analyses,
        rejected,
        events,
        findings,
    }
}

/// One event, compared and compacted. Its group and findings number its
/// stories by their stubs' indices. Thin lists: every event's stands to
/// the end of the batch, and most have no findings and no rejected story.
struct EventDone {
    group: EventGroup,
    findings: ThinVec<Finding>,
    rejected: ThinVec<Rejected>,
}

/// Renumber the stories an event and its findings cite.
fn reindex(group: &mut EventGroup, findings: &mut [Finding], to: impl Fn(usize) -> usize) {
    for s in &mut group.stories {
        *s = to(*s);
    }
    for m in &mut group.measures {
        for c in &mut m.cells {
            c.0 = to(c.0);
        }
        for c in &mut m.conflicting {
            c.0 = to(c.0);
        }
    }
    for p in &mut group.people {
        for c in &mut p.cells {
            c.0 = to(c.0);
        }
    }
    for f in findings {
        for e in &mut f.evidence {
            e.story = to(e.story);
        }
    }
}

/// The most JSON Lines files an event keeps open while its stories are
/// read again.
const OPEN_PER_EVENT: usize = 8;

/// Read, analyse, compare and compact one event; `stubs` are its stories,
/// in the order of `p.stories`.
fn event(
    sources: &[Source],
    stubs: Vec<Stub>,
    p: Planned,
    (rules, compiled): (&[Rule], &engine::Compiled<'_>),
    options: Options,
    kept: &Kept,
    progress: &dyn Progress,
) -> EventDone {
    // the files stay open, and what each story must keep (claims, spans)
    // stays held, to the end of the event, as before these were steps
    let open = open_record_files(sources, &stubs);
    let read = reread_event(sources, stubs, &p.stories, &open, progress);
    let (global, local, rejected) = split_read(read);
    let planned = Planned {
        event: p.event,
        stories: (0..local.len()).collect(),
        reason: p.reason,
    };
    let (mut group, mut findings) = engine::check_event_with(&local, planned, rules, compiled);
    if !options.tables {
        group.measures = ThinVec::new();
        group.people = ThinVec::new();
    }
    let (claims, spans) = cited(&group, &findings, local.len());
    let renumber = keep_compacted(local, &global, (&claims, &spans), options.tables, kept);
    renumber_claims(&mut group, &mut findings, &renumber);
    reindex(&mut group, &mut findings, |l| global[l]);
    EventDone {
        group,
        findings: findings.into(),
        rejected: rejected.into(),
    }
}

/// The JSON Lines files of the event's stories, open once for all its
/// stories (at most [`OPEN_PER_EVENT`]; an event of stories from many files
/// opens the others per story), each with the index of its source.
fn open_record_files(sources: &[Source], stubs: &[Stub]) -> Vec<(usize, Option<std::fs::File>)> {
    let mut open: Vec<(usize, Option<std::fs::File>)> = Vec::new();
    for stub in stubs {
        if let (Some(_), Source::File { path, .. }) = (stub.record, &sources[stub.source as usize])
        {
            if open.len() < OPEN_PER_EVENT && !open.iter().any(|o| o.0 == stub.source as usize) {
                open.push((stub.source as usize, std::fs::File::open(path).ok()));
            }
        }
    }
    open
}

/// Each story of the event read again and analysed, in parallel, with its
/// index in the batch (`stories`, in the order of `stubs`): its analysis,
/// or why it cannot be read (a story changed since the first reading).
fn reread_event(
    sources: &[Source],
    stubs: Vec<Stub>,
    stories: &[usize],
    open: &[(usize, Option<std::fs::File>)],
    progress: &dyn Progress,
) -> Vec<(usize, Result<Analysis, Vec<Rejected>>)> {
    stories
        .par_iter()
        .zip(stubs)
        .map(|(&g, stub)| {
            let file = open
                .iter()
                .find(|o| o.0 == stub.source as usize)
                .and_then(|o| o.1.as_ref());
            let record = stub.record.map(|(at, line)| (at, line.get()));
            let b = story::reread_in(&sources[stub.source as usize], record, stub.len, file);
            progress.advance();
            // a file holds one story, a JSON line one; a file changed since
            // the first reading may hold another
            let found = b
                .stories
                .into_iter()
                .find(|s| *s.id == *stub.id)
                .map(crate::analyse)
                .ok_or_else(|| {
                    if b.rejected.is_empty() {
                        vec![story::reject(
                            &stub.path,
                            None,
                            None,
                            format!("story {} changed while it was being checked", stub.id),
                        )]
                    } else {
                        b.rejected
                    }
                });
            (g, found)
        })
        .collect()
}

/// The stories read, as their indices in the batch and their analyses (in
/// the same order), and the rejected inputs.
fn split_read(
    read: Vec<(usize, Result<Analysis, Vec<Rejected>>)>,
) -> (Vec<usize>, Vec<Analysis>, Vec<Rejected>) {
    let mut global = Vec::with_capacity(read.len());
    let mut local = Vec::with_capacity(read.len());
    let mut rejected = Vec::new();
    for (g, r) in read {
        match r {
            Ok(a) => {
                global.push(g);
                local.push(a);
            }
            Err(r) => rejected.extend(r),
        }
    }
    (global, local, rejected)
}

/// What each of the event's `stories` stories must keep: the claims that a
/// finding or a table cites, and the spans of the findings' evidence.
fn cited(
    group: &EventGroup,
    findings: &[Finding],
    stories: usize,
) -> (Vec<BTreeSet<usize>>, Vec<Vec<Range<usize>>>) {
    let mut claims: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); stories];
    let mut spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); stories];
    for f in findings {
        for e in &f.evidence {
            claims[e.story].extend(e.claim);
            spans[e.story].push(e.span.clone());
        }
    }
    for m in &group.measures {
        for (s, ks) in &m.cells {
            claims[*s].extend(ks.iter().copied());
        }
    }
    (claims, spans)
}

/// Compact each analysis to what it must keep (`claims` and `spans`, see
/// [`cited`]), without title and URL unless there are `tables`, share its
/// names, and set it in its slot of `kept` (at its index in `global`); each
/// story's new claim numbers (see [`compact`]).
fn keep_compacted(
    local: Vec<Analysis>,
    global: &[usize],
    (claims, spans): (&[BTreeSet<usize>], &[Vec<Range<usize>>]),
    tables: bool,
    kept: &Kept,
) -> Vec<Vec<Option<usize>>> {
    let mut renumber = Vec::with_capacity(local.len());
    for (k, a) in local.into_iter().enumerate() {
        let keep: Vec<usize> = claims[k].iter().copied().collect();
        let (mut a, r) = compact(a, &keep, &spans[k]);
        if !tables {
            a.story.drop_title_and_url();
        }
        let st = &mut *a.story;
        kept.names.share(
            [&mut st.outlet, &mut st.path]
                .into_iter()
                .chain(&mut st.event),
        );
        kept.slots.set(global[k], a);
        renumber.push(r);
    }
    renumber
}

/// Write the compacted stories' claim numbers (`renumber`, per story) into
/// the findings' evidence and the tables' cells; a conflicting claim that
/// was not kept becomes `usize::MAX`.
fn renumber_claims(
    group: &mut EventGroup,
    findings: &mut [Finding],
    renumber: &[Vec<Option<usize>>],
) {
    let claim = |s: usize, c: usize| renumber[s].get(c).copied().flatten();
    for f in findings {
        for e in &mut f.evidence {
            e.claim = e.claim.and_then(|c| claim(e.story, c));
        }
    }
    for m in &mut group.measures {
        for (s, ks) in &mut m.cells {
            *ks = ks.iter().filter_map(|&c| claim(*s, c)).collect();
        }
        for (s, c) in &mut m.conflicting {
            *c = claim(*s, *c).unwrap_or(usize::MAX);
        }
    }
}

/// Keep of an analysis only what reports need: the metadata, the claims
/// `keep` (renumbered in order; the new number of each old one is
/// returned), and the text of `spans`, of their lines and sentences and of
/// the kept claims, with their positions in the file. Offsets stay those
/// of the whole text ([`Story::kept`] translates). Quotes, unquantified
/// mentions and other sentences are dropped.
pub(crate) fn compact(
    mut a: Analysis,
    keep: &[usize],
    spans: &[Range<usize>],
) -> (Analysis, Vec<Option<usize>>) {
    let text = &a.story.text;
    let mut want: Vec<Range<usize>> = Vec::new();
    for s in spans {
        let start = s.start.min(text.len());
        let (from, line) = a.story.line_at(start);
        want.push(from..(from + line.len()).max(s.end.min(text.len())));
        if let Some(k) = crate::text::sentence_at(&a.sentences, start) {
            want.push(a.sentences[k].span.clone());
        }
    }
    for &k in keep {
        if let Some(c) = a.claims.get(k) {
            want.push(c.surface());
            want.push(c.value_span.clone());
        }
    }
    want.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in want {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut kept = Vec::with_capacity(merged.len());
    let mut new_text = String::with_capacity(merged.iter().map(|r| r.len() + 1).sum());
    for r in &merged {
        if !new_text.is_empty() {
            new_text.push('\n');
        }
        kept.push((r.start, r.end, new_text.len()));
        new_text.push_str(&text[r.clone()]);
    }
    // each piece and each cited offset anchored where it is in the file
    let mut points: Vec<usize> = merged.iter().map(|r| r.start).collect();
    points.extend(spans.iter().flat_map(|s| [s.start, s.end]));
    for &k in keep {
        if let Some(c) = a.claims.get(k) {
            let s = c.surface();
            points.extend([s.start, s.end]);
        }
    }
    // positions in the whole text, offsets in the new one
    let mut anchors: Vec<(usize, Anchor)> = points
        .into_iter()
        .map(|p| {
            let pos = a.story.position(p);
            (
                story::local(&kept, p),
                Anchor::verbatim(pos.line, pos.column),
            )
        })
        .collect();
    anchors.sort_by_key(|x| x.0);
    anchors.dedup_by_key(|x| x.0);
    let mut map = TextMap::default();
    for (at, anchor) in anchors {
        map.push(at, anchor);
    }
    if !new_text.is_empty() {
        map.index(&new_text);
    }

    // ignore comments in the dropped text still count
    let ignores = crate::rules::baseline::ignored_rules(&a);

    let mut renumber = vec![None; a.claims.len()];
    let old_claims = std::mem::take(&mut a.claims);
    for (k, c) in old_claims.into_iter().enumerate() {
        if keep.binary_search(&k).is_ok() {
            renumber[k] = Some(a.claims.len());
            a.claims.push(c);
        }
    }
    // the kept pieces are sorted and apart: only the last to start at or
    // before a sentence can hold it (testing every piece was quadratic in
    // a story with many findings)
    let sentences = std::mem::take(&mut a.sentences);
    a.sentences = sentences
        .into_iter()
        .filter(|s| {
            crate::work::step(1);
            let k = merged.partition_point(|r| r.start <= s.span.start);
            k.checked_sub(1)
                .is_some_and(|k| s.span.end <= merged[k].end)
        })
        .collect();
    // collecting in place keeps the old capacity: give it back
    a.sentences.shrink_to_fit();
    a.claims.shrink_to_fit();
    a.quotes = ThinVec::new();
    a.dangling = ThinVec::new();
    a.story
        .compacted(new_text, kept, map, ignores.into_iter().collect());
    (a, renumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(body: &str) -> Analysis {
        let s = story::inline("s", "Outlet", Some("Storm kills 12"), None, None, body).unwrap();
        crate::analyse(s)
    }

    #[test]
    fn compacted_text_keeps_cited_lines_positions_and_claims() {
        let body = "Intro line with nothing.\n\nCrews said 40 homes burned.\n\nPolice said 35 people \
                    died, and 12 were hurt.\n\n<!-- crosscheck-ignore figure-death-toll -->\nLast line.";
        let a = analysis(body);
        let at = a.story.text.find("35").unwrap();
        let k = a
            .claims
            .iter()
            .position(|c| c.value_span.start == at)
            .unwrap();
        let surface = a.story.text[a.claims[k].surface()].to_string();
        let line = a.story.line_at(at + 1);
        let line = (line.0, line.1.to_string());
        let span = at..at + 2;
        let before = (a.story.position(span.start), a.story.position(span.end));
        let n_claims = a.claims.len();
        let (c, renumber) = compact(a, &[k], std::slice::from_ref(&span));
        assert!(n_claims > 1);
        assert_eq!(c.claims.len(), 1);
        let nk = renumber[k].unwrap();
        assert_eq!(c.story.slice(c.claims[nk].surface()), surface);
        assert_eq!(c.story.slice(span.clone()), "35");
        assert_eq!(
            (c.story.position(span.start), c.story.position(span.end)),
            before
        );
        let after = c.story.line_at(at + 1);
        assert_eq!((after.0, after.1), (line.0, line.1.as_str()));
        assert!(line.1.starts_with("Police said 35"), "{line:?}");
        assert!(!c.story.text.contains("homes"), "{:?}", c.story.text);
        assert!(c.story.text.len() < body.len() / 2);
        // the ignore comment was dropped with its line but still counts
        assert!(c.story.ignore().contains(&"figure-death-toll".to_string()));
        assert!(c.quotes.is_empty() && c.dangling.is_empty());
    }

    #[test]
    fn a_story_gone_before_its_second_reading_is_rejected_not_lost() {
        let gone = std::env::temp_dir().join(format!("crosscheck-gone-{}.md", std::process::id()));
        let sources = [Source::File {
            path: gone.clone(),
            explicit: true,
            id_with_extension: false,
        }];
        let stub = Stub {
            id: "gone".into(),
            path: gone.to_string_lossy().into(),
            record: None,
            len: 0,
            source: 0,
        };
        let p = Planned {
            event: "e".to_string(),
            stories: vec![0],
            reason: None,
        };
        let kept = Kept {
            slots: Slots::new(1),
            names: Names::default(),
        };
        let rules = crate::rules::defaults().unwrap();
        let done = event(
            &sources,
            vec![stub],
            p,
            (&rules, &engine::Compiled::of(&rules)),
            Options::default(),
            &kept,
            &(),
        );
        assert!(kept.slots.into_inner()[0].is_none());
        assert_eq!(done.rejected.len(), 1);
        assert_eq!(done.rejected[0].path, gone.to_string_lossy());
        assert!(
            done.rejected[0].reason.contains("cannot read"),
            "{:?}",
            done.rejected
        );
        assert!(done.group.stories.is_empty());
    }

    /// A story that could not be read again leaves no gap: the events
    /// after it cite the stories by their places among those checked.
    #[test]
    fn events_cite_stories_by_their_places_among_those_read_again() {
        let slots = vec![Some(analysis("One.")), None, Some(analysis("Three."))];
        let group = |event: &str, stories: Vec<usize>| EventGroup {
            event: event.into(),
            stories: stories.into(),
            measures: ThinVec::new(),
            people: ThinVec::new(),
            reason: None,
        };
        let done = vec![
            EventDone {
                group: group("a", Vec::new()),
                findings: ThinVec::new(),
                rejected: std::iter::once(story::reject("gone.md", None, None, "gone".into()))
                    .collect(),
            },
            EventDone {
                group: group("b", vec![2, 0]),
                findings: ThinVec::new(),
                rejected: ThinVec::new(),
            },
        ];
        let b = assemble(done, slots, Vec::new());
        assert_eq!(b.analyses.len(), 2);
        assert_eq!(b.rejected.len(), 1);
        assert_eq!(b.events.len(), 1, "an event of no story read goes");
        assert_eq!(b.events[0].stories, vec![1, 0]);
        assert!(
            b.analyses[b.events[0].stories[0]]
                .story
                .text
                .ends_with("Three.")
        );
    }

    /// What a checked batch keeps for every story and every event stays
    /// within the sizes its peak memory was measured with (issue 21): a
    /// story in mimalloc's 112-byte class (its record out of line: inline
    /// it took 128 bytes), an analysis of thin lists, a stub and a done event (72 bytes) of no
    /// empty vectors inline.
    #[test]
    fn what_a_batch_keeps_per_story_stays_small() {
        use std::mem::size_of;
        assert!(
            size_of::<story::Story>() <= 112,
            "{}",
            size_of::<story::Story>()
        );
        assert!(size_of::<Analysis>() <= 40, "{}", size_of::<Analysis>());
        assert!(size_of::<Stub>() <= 56, "{}", size_of::<Stub>());
        assert!(size_of::<EventDone>() <= 72, "{}", size_of::<EventDone>());
    }

    /// The batch's analyses are collected in the room of their slots, not
    /// in a second list beside them (the last rise of the peak).
    #[test]
    fn the_analyses_take_the_room_of_their_slots() {
        use std::mem::size_of;
        assert_eq!(size_of::<Option<Analysis>>(), size_of::<Analysis>());
        let slots = vec![Some(analysis("One.")), None, Some(analysis("Three."))];
        let room = slots.as_ptr() as usize;
        let b = assemble(Vec::new(), slots, Vec::new());
        assert_eq!(b.analyses.len(), 2);
        assert!(b.analyses[1].story.text.ends_with("Three."));
        assert_eq!(b.analyses.as_ptr() as usize, room, "a second list was made");
    }

    /// Stories kept after checking share one string for each outlet, file
    /// and event.
    #[test]
    fn stories_kept_share_their_outlet_path_and_event() {
        let dir = std::env::temp_dir().join(format!("crosscheck-share-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("s.jsonl");
        let line = |id: &str, outlet: &str| {
            format!(
                "{{\"id\":\"{id}\",\"outlet\":\"{outlet}\",\"event\":\"storm\",\
                 \"body\":\"Officials said 12 people died in the storm.\"}}\n"
            )
        };
        let lines = [line("a", "Wire"), line("b", "Post"), line("c", "Wire")].concat();
        std::fs::write(&file, lines).unwrap();
        let listing = story::list(
            &[file.to_string_lossy().into_owned()],
            &mut std::io::empty(),
        );
        let rules = crate::rules::defaults().unwrap();
        let o = check_batch(listing, &rules, &Settings::default(), &());
        std::fs::remove_dir_all(&dir).unwrap();
        let s: Vec<&story::Story> = o.analyses.iter().map(|a| &*a.story).collect();
        assert_eq!(s.len(), 3);
        assert!(Arc::ptr_eq(&s[0].outlet, &s[2].outlet));
        assert!(!Arc::ptr_eq(&s[0].outlet, &s[1].outlet));
        assert!(Arc::ptr_eq(&s[0].path, &s[1].path) && Arc::ptr_eq(&s[1].path, &s[2].path));
        let event = |k: usize| s[k].event.as_ref().unwrap();
        assert!(Arc::ptr_eq(event(0), event(1)) && Arc::ptr_eq(event(1), event(2)));
    }

    /// The sentences kept are those inside a kept piece, found by binary
    /// search: the same as testing every piece.
    #[test]
    fn sentences_inside_kept_pieces_stay() {
        let body = "At least people were killed in town 1.\n\nIt rained.\n\n".repeat(40);
        let a = analysis(&body);
        let spans: Vec<Range<usize>> = a
            .dangling
            .iter()
            .map(|d| d.span.clone())
            .step_by(3)
            .collect();
        assert!(spans.len() > 10);
        let all = a.sentences.clone();
        let (c, _) = compact(a, &[], &spans);
        let inside = |s: &crate::text::Sentence| {
            spans
                .iter()
                .any(|sp| s.span.start <= sp.start && sp.end <= s.span.end)
        };
        let want: Vec<_> = all.iter().filter(|s| inside(s)).cloned().collect();
        assert_eq!(c.sentences, want);
    }

    /// The example flood has errors (a digit swap), warnings and info.
    fn flood(settings: &Settings, more: &[&str]) -> Outcome {
        flood_with(&crate::rules::defaults().unwrap(), settings, more)
    }

    fn flood_with(rules: &[Rule], settings: &Settings, more: &[&str]) -> Outcome {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut paths = vec![format!("{root}/examples/batch/flood")];
        paths.extend(more.iter().map(|p| format!("{root}/{p}")));
        let listing = story::list(&paths, &mut std::io::empty());
        check_batch(listing, rules, settings, &()).accept(None)
    }

    #[test]
    fn the_outcome_says_how_the_run_ends() {
        let all = Settings::default();
        let o = flood(&all, &[]);
        assert_eq!(o.status(), Status::Findings);
        assert!(o.lowered.is_none() && o.min_level == Severity::Info);
        let never = Settings {
            fail_on: FailOn(None),
            ..Settings::default()
        };
        assert_eq!(flood(&never, &[]).status(), Status::Clean);
        // a rejected input makes the run an input error whatever it found
        assert_eq!(
            flood(&never, &["examples/batch/none.md"]).status(),
            Status::InputError
        );
        // rules below the threshold leave nothing that fails the run
        let mut warnings = crate::rules::defaults().unwrap();
        for r in &mut warnings {
            r.severity = Severity::Warning;
        }
        assert_eq!(flood_with(&warnings, &all, &[]).status(), Status::Clean);
        // a run shows what it fails on, whatever --min-level says
        let hidden = Settings {
            fail_on: FailOn(Some(Severity::Warning)),
            min_level: Severity::Error,
            ..Settings::default()
        };
        let o = flood(&hidden, &[]);
        assert_eq!(o.min_level, Severity::Warning);
        assert_eq!(o.lowered, Some((Severity::Warning, Severity::Error)));
    }

    #[test]
    fn dropped_offsets_fall_to_a_kept_piece() {
        let a = analysis("One line.\n\nPolice said 35 people died.");
        let at = a.story.text.find("35").unwrap();
        let span = at..at + 2;
        let (c, renumber) = compact(a, &[], std::slice::from_ref(&span));
        assert!(renumber.iter().all(Option::is_none));
        assert!(c.claims.is_empty());
        assert_eq!(c.story.slice(0..4), "");
        assert!(c.story.local(usize::MAX) <= c.story.text.len());
        assert_eq!(c.story.slice(at..at + 2), "35");
    }
}
