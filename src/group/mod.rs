//! Group: the stories of a batch into events, the sets whose claims are
//! compared. Nothing is compared across events.
//!
//! An event is the front matter's `event`, else the story's folder (a story
//! with no event takes the one its folder's other stories agree on), else
//! the whole batch, as `--group-by` says; or, with `--group-by auto`, what
//! the stories say: shared names, figures and dates ([`auto`]). Planning
//! needs only what [`Key`] holds (and, for `auto`, each story's features),
//! so a big batch is planned before any story is read whole. One
//! [`UnionFind`] joins what belongs together, here and where the rules join
//! disagreements into findings.

pub mod auto;
mod union_find;

pub(crate) use union_find::UnionFind;

use crate::Analysis;
use crate::story::Story;
use std::collections::BTreeMap;
use std::path::Path;

/// How stories are grouped into events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// Front matter `event`, else the story's folder.
    #[default]
    Event,
    /// The story's folder.
    Dir,
    /// The whole batch is one event.
    Batch,
    /// Events found from content: shared names, figures and dates
    /// ([`auto`]); front matter `event` is not used.
    Auto,
}

impl GroupBy {
    /// Each way by name, as `--group-by` and crosscheck.yaml write them.
    pub const NAMES: [(&'static str, GroupBy); 4] = [
        ("event", GroupBy::Event),
        ("dir", GroupBy::Dir),
        ("batch", GroupBy::Batch),
        ("auto", GroupBy::Auto),
    ];
}

/// What grouping knows of a story.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    pub(crate) id: &'a str,
    pub(crate) path: &'a str,
    pub(crate) event: Option<&'a str>,
}

impl<'a> Key<'a> {
    pub(crate) fn of(s: &'a Story) -> Self {
        Key {
            id: &s.id,
            path: &s.path,
            event: s.event.as_deref(),
        }
    }
}

/// An event before comparison: its name, its stories (indices into the
/// batch) and, when grouped by content, why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Planned {
    pub(crate) event: String,
    pub(crate) stories: Vec<usize>,
    pub(crate) reason: Option<String>,
}

fn folder(s: &Key<'_>) -> String {
    Path::new(&s.path)
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| ".".to_string())
}

/// Group a batch into events, sorted by name. `features` (one per story,
/// [`auto::features`]) are what [`GroupBy::Auto`] groups by; the other
/// ways need none.
pub(crate) fn plan(
    stories: &[Key<'_>],
    by: GroupBy,
    features: Vec<auto::Features>,
) -> Vec<Planned> {
    if by != GroupBy::Auto {
        return by_name(stories, by);
    }
    let mut groups: BTreeMap<String, Planned> = BTreeMap::new();
    for (i, c) in auto::cluster_by(stories, features).into_iter().enumerate() {
        groups
            .entry(c.event.clone())
            .or_insert_with(|| Planned {
                event: c.event,
                stories: Vec::new(),
                reason: Some(c.reason),
            })
            .stories
            .push(i);
    }
    groups.into_values().collect()
}

/// The events that stories with none (a .txt) take from their folder's
/// stories when they agree on one, by story; none unless grouped by event.
fn inherited_events(stories: &[Key<'_>], by: GroupBy) -> BTreeMap<usize, String> {
    if by == GroupBy::Event {
        folder_events(stories.iter().map(|s| (s.path, s.event)))
            .into_iter()
            .collect()
    } else {
        BTreeMap::new()
    }
}

/// [`plan`] by a name each story's [`Key`] gives (its event, its folder,
/// the batch). A story's name is borrowed where it can be, and the events
/// are sorted once at the end: at 1 GB of real news (425,000 stories in
/// 122,000 events) an owned name per story in a sorted map was a fifth of
/// a second of one core while the other idled (issue 21).
fn by_name(stories: &[Key<'_>], by: GroupBy) -> Vec<Planned> {
    use rayon::slice::ParallelSliceMut;
    use std::borrow::Cow;
    // a story with no event (a .txt) goes with its folder's stories when
    // they agree on one
    let inherited = inherited_events(stories, by);
    let mut named: rustc_hash::FxHashMap<Cow<'_, str>, Vec<usize>> =
        rustc_hash::FxHashMap::default();
    for (i, s) in stories.iter().enumerate() {
        let name = match (inherited.get(&i), by) {
            (Some(e), _) => Cow::Borrowed(e.as_str()),
            (None, GroupBy::Event) => s.event.map_or_else(|| Cow::Owned(folder(s)), Cow::Borrowed),
            (None, GroupBy::Dir) => Cow::Owned(folder(s)),
            (None, GroupBy::Batch | GroupBy::Auto) => Cow::Borrowed("batch"),
        };
        named.entry(name).or_default().push(i);
    }
    let mut planned: Vec<Planned> = named
        .into_iter()
        .map(|(event, stories)| Planned {
            event: event.into_owned(),
            stories,
            reason: None,
        })
        .collect();
    // names are distinct: any sort gives the one order
    planned.par_sort_unstable_by(|a, b| a.event.cmp(&b.event));
    planned
}

/// [`plan`] for stories already analysed.
pub(crate) fn events(analyses: &[Analysis], by: GroupBy) -> Vec<Planned> {
    let stories: Vec<Key<'_>> = analyses.iter().map(|a| Key::of(&a.story)).collect();
    let features = if by == GroupBy::Auto {
        analyses.iter().map(auto::features).collect()
    } else {
        Vec::new()
    };
    plan(&stories, by, features)
}

/// Stories with no event that should take their folder's: for each story
/// (path, event) without one, the event every other story of its folder
/// that has one agrees on (a `.txt` story beside `.md` stories with
/// `event: quake`). Folders whose stories name several events, or none,
/// give nothing. Returns (index, event) pairs.
fn folder_events<'a>(
    stories: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<(usize, String)> {
    let stories: Vec<(&str, Option<&str>)> = stories.collect();
    // only stories with no event take one: a batch of JSON Lines has none
    if stories.iter().all(|(_, event)| event.is_some()) {
        return Vec::new();
    }
    let folder = |p: &'a str| Path::new(p).parent().unwrap_or(Path::new(""));
    // per folder: the one event its stories name, or None when they differ
    let mut agreed: BTreeMap<&Path, Option<&str>> = BTreeMap::new();
    for &(path, event) in &stories {
        if let Some(e) = event {
            agreed
                .entry(folder(path))
                .and_modify(|a| {
                    if *a != Some(e) {
                        *a = None;
                    }
                })
                .or_insert(Some(e));
        }
    }
    stories
        .iter()
        .enumerate()
        .filter(|(_, (_, event))| event.is_none())
        .filter_map(|(k, (path, _))| {
            let e = agreed.get(folder(path)).copied().flatten()?;
            Some((k, e.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `plan` as it was: an owned name per story in a sorted map.
    fn plan_reference(stories: &[Key<'_>], by: GroupBy) -> Vec<Planned> {
        let mut groups: BTreeMap<String, Planned> = BTreeMap::new();
        let inherited = inherited_events(stories, by);
        for (i, s) in stories.iter().enumerate() {
            let event = match inherited.get(&i) {
                Some(e) => e.clone(),
                None => event_key(s, by),
            };
            groups
                .entry(event.clone())
                .or_insert_with(|| Planned {
                    event,
                    stories: Vec::new(),
                    reason: None,
                })
                .stories
                .push(i);
        }
        groups.into_values().collect()
    }

    fn event_key(s: &Key<'_>, by: GroupBy) -> String {
        match by {
            GroupBy::Event => s.event.map_or_else(|| folder(s), str::to_string),
            GroupBy::Dir => folder(s),
            GroupBy::Batch | GroupBy::Auto => "batch".to_string(),
        }
    }

    /// Every way but `auto` plans as the reference does, on the stories
    /// of ../shared/realnews (when present) and on made-up paths and
    /// events: folders that agree, disagree or name none, the root, odd
    /// names.
    #[test]
    fn events_are_planned_as_the_reference_plans_them() {
        let paths = [
            "a/one.md",
            "a/two.txt",
            "b/x.md",
            "b/y.txt",
            "c.txt",
            "",
            "/abs/é/ü.md",
            "a/",
        ];
        let events = [
            Some("quake"),
            None,
            Some("flood"),
            Some(""),
            Some("Ünï \"x\""),
        ];
        let mut made = Vec::new();
        for (k, p) in paths.iter().enumerate() {
            for (j, e) in events.iter().enumerate() {
                for n in 0..=(k + j) % 3 {
                    made.push((format!("s{k}-{j}-{n}"), *p, *e));
                }
            }
        }
        let mut sets: Vec<Vec<Key<'_>>> = vec![
            made.iter()
                .map(|(id, path, event)| Key {
                    id,
                    path,
                    event: *event,
                })
                .collect(),
        ];
        // every story with an event (JSON Lines), and subsets of the mix
        sets.push(
            sets[0]
                .iter()
                .copied()
                .filter(|k| k.event.is_some())
                .collect(),
        );
        sets.push(sets[0].iter().copied().step_by(3).collect());
        let real = crate::story::realnews_stories();
        if let Some(real) = &real {
            sets.push(real.iter().map(Key::of).collect());
        }
        for keys in &sets {
            for by in [GroupBy::Event, GroupBy::Dir, GroupBy::Batch] {
                assert_eq!(
                    plan(keys, by, Vec::new()),
                    plan_reference(keys, by),
                    "{by:?}"
                );
            }
        }
    }

    #[test]
    fn a_story_with_no_event_takes_the_one_its_folder_agrees_on() {
        let stories = [
            ("a/one.md", Some("quake")),
            ("a/two.txt", None),
            ("a/three.md", Some("quake")),
            ("b/one.md", Some("flood")),
            ("b/two.md", Some("storm")),
            ("b/three.txt", None),
            ("c/alone.txt", None),
        ];
        assert_eq!(
            folder_events(stories.iter().copied()),
            [(1, "quake".to_string())]
        );
    }

    #[test]
    fn events_are_named_by_front_matter_else_folder() {
        let key = |id, path, event| Key { id, path, event };
        let stories = [
            key("a", "x/a.md", Some("quake")),
            key("b", "x/b.txt", None),
            key("c", "y/c.txt", None),
            key("d", "d.txt", None),
        ];
        let names = |by| -> Vec<(String, Vec<usize>)> {
            plan(&stories, by, Vec::new())
                .into_iter()
                .map(|p| (p.event, p.stories))
                .collect()
        };
        let s = |v: &str| v.to_string();
        assert_eq!(
            names(GroupBy::Event),
            [
                (s("."), vec![3]),
                (s("quake"), vec![0, 1]),
                (s("y"), vec![2])
            ]
        );
        assert_eq!(
            names(GroupBy::Dir),
            [(s("."), vec![3]), (s("x"), vec![0, 1]), (s("y"), vec![2])]
        );
        assert_eq!(names(GroupBy::Batch), [(s("batch"), vec![0, 1, 2, 3])]);
    }
}
