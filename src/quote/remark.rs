//! One remark as several outlets quote it, and which version is the odd
//! one out.
//!
//! Quotes with the same words and the same speaker are one version: wire
//! copy that ten outlets print is one version given by ten stories.
//! Versions that [`super::align`] finds to be one remark are compared on
//! the words they share, and the disagreements are then judged together,
//! not pair by pair: the version that most of the others disagree with
//! (counting stories, not versions) is the outlier, reported once, its diff
//! drawn from the words the majority gives; it is then set aside and the
//! rest judged again, until no two versions left disagree. A `not` that one
//! outlet drops and three keep is one finding on the one outlet, not three
//! findings, one of them on an outlet that got it right.
//!
//! The same words given to two people named by name are judged the same
//! way: the speaker fewer stories name is the odd one out.

use super::align::{Candidate, Pair, Relation, Thresholds, align};
use super::diff::{Op, QuoteDiff, compare_regions};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::ops::Range;

/// Quotes with the same words and speaker.
#[derive(Debug, Clone)]
pub struct Version {
    /// Candidates (indices into the event's candidates), in their order.
    pub members: Vec<usize>,
    /// The distinct stories that give it, in order.
    pub stories: Vec<usize>,
    /// The rank of its first story in report order.
    pub rank: usize,
}

/// A version cited beside an outlier: its aligned words, and the outlier's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub version: usize,
    pub region: Range<usize>,
    pub outlier_region: Range<usize>,
}

/// A version of a remark that the others disagree with.
#[derive(Debug, Clone)]
pub struct Outlier<L> {
    pub version: usize,
    /// The versions the majority gives that its diff is drawn from, in the
    /// order of the outlier's words.
    pub references: Vec<Cited>,
    /// Other versions that disagree with it.
    pub others: Vec<Cited>,
    /// Versions that read as it does (other stories with its words, in
    /// words of their own elsewhere).
    pub allies: Vec<Cited>,
    /// From the references' words to the outlier's.
    pub diff: QuoteDiff,
    /// How serious the difference is.
    pub level: L,
}

/// The same words given to a speaker other than the one most stories name.
#[derive(Debug, Clone)]
pub struct Misattribution {
    pub version: usize,
    /// The versions that give the words to someone else.
    pub others: Vec<Cited>,
    /// From the first of the others' words to the outlier's.
    pub diff: QuoteDiff,
}

/// What the remarks of one event show.
#[derive(Debug, Clone)]
pub struct Remarks<L> {
    pub versions: Vec<Version>,
    pub outliers: Vec<Outlier<L>>,
    pub misattributions: Vec<Misattribution>,
}

/// A comparison of two versions found to be one remark.
struct Edge<L> {
    x: usize,
    y: usize,
    rx: Range<usize>,
    ry: Range<usize>,
    relation: Relation,
    /// How serious the difference is (`None`: none worth a finding).
    level: Option<L>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Group an event's quotes into versions, find the remarks among them and
/// judge each. `rank(story)` is the story's place in report order;
/// `level` says how serious a diff is, `None` when it is worth no finding.
pub fn remarks<L: Ord + Copy>(
    cands: &[Candidate],
    rank: impl Fn(usize) -> usize,
    t: Thresholds,
    level: impl Fn(&QuoteDiff) -> Option<L>,
) -> Remarks<L> {
    let versions = versions_of(cands, rank);
    let reps: Vec<&Candidate> = versions.iter().map(|v| &cands[v.members[0]]).collect();
    let pairs = one_remark(&versions, &reps, t);
    let edges = judged_edges(pairs, &reps, &level);
    let outliers = judge_wording(&versions, &reps, &edges, &level);
    let misattributions = judge_speakers(&versions, &reps, &edges);
    Remarks {
        versions,
        outliers,
        misattributions,
    }
}

/// The versions of `cands`: the same words and the same speaker, as far
/// as comparing goes; in the order of their first candidate, each story
/// once and sorted, ranked by its first story in report order.
fn versions_of(cands: &[Candidate], rank: impl Fn(usize) -> usize) -> Vec<Version> {
    // only looked up, never walked: the versions are in order of their
    // first candidate whatever the map's order
    let mut index: FxHashMap<(&[String], String), usize> =
        FxHashMap::with_capacity_and_hasher(cands.len(), rustc_hash::FxBuildHasher);
    let mut versions: Vec<Version> = Vec::new();
    for (m, c) in cands.iter().enumerate() {
        let v = *index
            .entry((&c.words.words, sure_speaker(c)))
            .or_insert_with(|| {
                versions.push(Version {
                    members: Vec::new(),
                    stories: Vec::new(),
                    rank: usize::MAX,
                });
                versions.len() - 1
            });
        let ver = &mut versions[v];
        ver.members.push(m);
        // a story's quotes come together: its story is the last one pushed
        if ver.stories.last() != Some(&c.story) {
            ver.stories.push(c.story);
        }
        ver.rank = ver.rank.min(rank(c.story));
    }
    for v in &mut versions {
        v.stories.sort_unstable();
    }
    versions
}

/// Who says quote `c`, for telling versions apart: the names (or the
/// role) of a sure speaker, else the empty string.
fn sure_speaker(c: &Candidate) -> String {
    c.speaker
        .as_ref()
        .filter(|s| s.sure)
        .map_or(String::new(), |s| {
            if s.names.is_empty() {
                format!("role:{}", s.role)
            } else {
                s.names.join(" ")
            }
        })
}

/// Whether the sorted story lists `a` and `b` share a story.
fn shares_story(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The pairs of versions (represented by `reps`) that are one remark, in
/// the order [`align`] gives them.
///
/// Two versions in one story are two remarks (a story that quotes one
/// remark twice quotes it the same way); and a quote is one remark with
/// the quote that matches it best in another story, not with every quote
/// there that shares its frame.
fn one_remark(versions: &[Version], reps: &[&Candidate], t: Thresholds) -> Vec<Pair> {
    let pairs = align(reps, t, |i, j| {
        versions[i].stories.len() > 1 || versions[i].stories != versions[j].stories
    });
    let pairs: Vec<Pair> = pairs
        .into_iter()
        .filter(|p| !shares_story(&versions[p.i].stories, &versions[p.j].stories))
        .collect();
    let found = Aligned::new(versions, &pairs);
    let keep: Vec<bool> = (0..pairs.len())
        .map(|k| !found.dominated(k, pairs[k].i) && !found.dominated(k, pairs[k].j))
        .collect();
    pairs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, keep)| keep.then_some(p))
        .collect()
}

/// The aligned pairs of an event's versions, and each version's pairs, to
/// find a better pair over the same words.
struct Aligned<'a> {
    versions: &'a [Version],
    pairs: &'a [Pair],
    /// Per version: the indices of its pairs, in order.
    by_version: Vec<Vec<usize>>,
}

impl<'a> Aligned<'a> {
    fn new(versions: &'a [Version], pairs: &'a [Pair]) -> Self {
        let mut by_version: Vec<Vec<usize>> = vec![Vec::new(); versions.len()];
        for (k, p) in pairs.iter().enumerate() {
            by_version[p.i].push(k);
            by_version[p.j].push(k);
        }
        Aligned {
            versions,
            pairs,
            by_version,
        }
    }

    /// The other version of pair `k` and the aligned words of version `x`.
    fn side(&self, k: usize, x: usize) -> (usize, Range<usize>) {
        let p = &self.pairs[k];
        if p.i == x {
            (p.j, p.a.clone())
        } else {
            (p.i, p.b.clone())
        }
    }

    /// Whether every story of the other version of pair `k` holds a quote
    /// that matches the same words of `x` better.
    fn dominated(&self, k: usize, x: usize) -> bool {
        let (y, region) = self.side(k, x);
        let better: Vec<usize> = self.by_version[x]
            .iter()
            .map(|&f| (f, self.side(f, x)))
            .filter(|(f, (_, other))| {
                *f != k
                    && self.pairs[*f].matched > self.pairs[k].matched
                    && overlaps(other, &region)
            })
            .map(|(_, (z, _))| z)
            .collect();
        !better.is_empty()
            && self.versions[y].stories.iter().all(|s| {
                better
                    .iter()
                    .any(|&z| self.versions[z].stories.binary_search(s).is_ok())
            })
    }
}

/// `pairs` as edges between versions, each judged by `level` on the words
/// the two share (a misattribution is judged apart: level `None`).
fn judged_edges<L>(
    pairs: Vec<Pair>,
    reps: &[&Candidate],
    level: &impl Fn(&QuoteDiff) -> Option<L>,
) -> Vec<Edge<L>> {
    let words = |v: usize| &reps[v].words;
    pairs
        .into_iter()
        .map(|p| {
            let level = match p.relation {
                Relation::Same => level(&compare_regions(
                    words(p.i),
                    p.a.clone(),
                    words(p.j),
                    p.b.clone(),
                )),
                Relation::Misattributed => None,
            };
            Edge {
                x: p.i,
                y: p.j,
                rx: p.a,
                ry: p.b,
                relation: p.relation,
                level,
            }
        })
        .collect()
}

/// The other end of an edge, and the regions of (that end, `v`).
fn other<L>(e: &Edge<L>, v: usize) -> (usize, Range<usize>, Range<usize>) {
    if e.x == v {
        (e.y, e.ry.clone(), e.rx.clone())
    } else {
        (e.x, e.rx.clone(), e.ry.clone())
    }
}

/// The outliers of the remarks that `edges` link: per remark (a set of
/// versions linked by edges of the same words), the version most others
/// disagree with, set aside with its allies, again until no two versions
/// left disagree; remarks in the order of their first version.
fn judge_wording<L: Ord + Copy>(
    versions: &[Version],
    reps: &[&Candidate],
    edges: &[Edge<L>],
    level: &impl Fn(&QuoteDiff) -> Option<L>,
) -> Vec<Outlier<L>> {
    let (adjacent, components) = same_words(versions.len(), edges);
    let mut w = Wording {
        versions,
        reps,
        edges,
        adjacent,
        active: vec![true; versions.len()],
    };
    let mut out = Vec::new();
    for members in components.values().filter(|m| m.len() > 1) {
        while let Some(v) = w.most_disagreed(members) {
            w.active[v] = false;
            let (references, others) = w.disagreeing(v);
            let diff = joined(reps, v, &references);
            let Some(l) = level(&diff) else {
                continue;
            };
            let allies = w.allies(v, &references, &others, &diff);
            for a in &allies {
                w.active[a.version] = false;
            }
            out.push(Outlier {
                version: v,
                references,
                others,
                allies,
                diff,
                level: l,
            });
        }
    }
    out
}

/// Per version, its edges of the same words (indices into `edges`); and
/// the sets of the `n` versions those edges link, keyed by their smallest
/// member, members in order.
fn same_words<L>(n: usize, edges: &[Edge<L>]) -> (Vec<Vec<usize>>, BTreeMap<usize, Vec<usize>>) {
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut parent: Vec<usize> = (0..n).collect();
    for (k, e) in edges.iter().enumerate() {
        if e.relation == Relation::Same {
            adjacent[e.x].push(k);
            adjacent[e.y].push(k);
            let (a, b) = (find(&mut parent, e.x), find(&mut parent, e.y));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for v in 0..n {
        let root = find(&mut parent, v);
        components.entry(root).or_default().push(v);
    }
    (adjacent, components)
}

/// The versions of an event as their wording is judged: which are still
/// active (not yet set aside as an outlier or its ally).
struct Wording<'a, L> {
    versions: &'a [Version],
    reps: &'a [&'a Candidate],
    edges: &'a [Edge<L>],
    /// Per version, its edges of the same words.
    adjacent: Vec<Vec<usize>>,
    active: Vec<bool>,
}

impl<L: Ord + Copy> Wording<'_, L> {
    /// How many stories give version `v`.
    fn weight(&self, v: usize) -> usize {
        self.versions[v].stories.len()
    }

    /// The active version among `members` that the most stories disagree
    /// with, beyond those that give it or agree with it; ties go to more
    /// stories against, a worse difference, then a later rank. `None`
    /// when no active version disagrees with another.
    fn most_disagreed(&self, members: &[usize]) -> Option<usize> {
        // (how much more against than for, against, the worst, rank), version
        type Pick<L> = ((i64, usize, Option<L>, usize), usize);
        let mut best: Option<Pick<L>> = None;
        for &v in members.iter().filter(|&&v| self.active[v]) {
            let (mut against, mut agree, mut worst) = (0, self.weight(v) - 1, None);
            for &k in &self.adjacent[v] {
                let e = &self.edges[k];
                let (u, _, _) = other(e, v);
                if !self.active[u] {
                    continue;
                }
                if e.level.is_some() {
                    against += self.weight(u);
                    worst = worst.max(e.level);
                } else {
                    agree += self.weight(u);
                }
            }
            if against == 0 {
                continue;
            }
            let key = (
                against as i64 - agree as i64,
                against,
                worst,
                self.versions[v].rank,
            );
            if best.as_ref().is_none_or(|(b, _)| key > *b) {
                best = Some((key, v));
            }
        }
        best.map(|(_, v)| v)
    }

    /// How many stories give active version `u` or agree with it.
    fn support(&self, u: usize) -> usize {
        self.weight(u)
            + self.adjacent[u]
                .iter()
                .map(|&k| &self.edges[k])
                .filter(|e| e.level.is_none())
                .map(|e| other(e, u).0)
                .filter(|&w| self.active[w])
                .map(|w| self.weight(w))
                .sum::<usize>()
    }

    /// The active versions that disagree with outlier `v`, those most
    /// others agree with first: the references (the majority's words over
    /// the outlier's, without overlaps, in the order of the outlier's
    /// words) and the others.
    fn disagreeing(&self, v: usize) -> (Vec<Cited>, Vec<Cited>) {
        let mut against: Vec<(usize, Cited)> = self.adjacent[v]
            .iter()
            .map(|&k| &self.edges[k])
            .filter(|e| e.level.is_some())
            .map(|e| other(e, v))
            .filter(|(u, _, _)| self.active[*u])
            .map(|(u, region, outlier_region)| {
                (
                    self.support(u),
                    Cited {
                        version: u,
                        region,
                        outlier_region,
                    },
                )
            })
            .collect();
        against.sort_by(|(sa, a), (sb, b)| {
            sb.cmp(sa)
                .then(b.outlier_region.len().cmp(&a.outlier_region.len()))
                .then(
                    self.versions[a.version]
                        .rank
                        .cmp(&self.versions[b.version].rank),
                )
        });
        let mut references: Vec<Cited> = Vec::new();
        let mut others: Vec<Cited> = Vec::new();
        for (_, c) in against {
            if references
                .iter()
                .any(|r| overlaps(&r.outlier_region, &c.outlier_region))
            {
                others.push(c);
            } else {
                references.push(c);
            }
        }
        references.sort_by_key(|r| r.outlier_region.start);
        (references, others)
    }

    /// The active versions that agree with outlier `v` and differ from the
    /// versions it disagrees with only as it does (`diff`): the same
    /// reading, in other words elsewhere.
    fn allies(
        &self,
        v: usize,
        references: &[Cited],
        others: &[Cited],
        diff: &QuoteDiff,
    ) -> Vec<Cited> {
        let reps = self.reps;
        let cited: Vec<usize> = references.iter().chain(others).map(|c| c.version).collect();
        let mut allies = Vec::new();
        for &k in &self.adjacent[v] {
            let e = &self.edges[k];
            let (u, region, outlier_region) = other(e, v);
            if e.level.is_some() || !self.active[u] {
                continue;
            }
            let explained = self.adjacent[u].iter().map(|&k| &self.edges[k]).all(|f| {
                let (w, rw, ru) = other(f, u);
                f.level.is_none()
                    || !self.active[w]
                    || (cited.contains(&w)
                        && compare_regions(&reps[w].words, rw, &reps[u].words, ru)
                            .changes
                            .iter()
                            .all(|c| diff.changes.contains(c)))
            });
            if explained {
                allies.push(Cited {
                    version: u,
                    region,
                    outlier_region,
                });
            }
        }
        allies
    }
}

/// The diffs from each reference to the outlier, one after the other.
fn joined(reps: &[&Candidate], v: usize, references: &[Cited]) -> QuoteDiff {
    let mut all = QuoteDiff {
        parts: Vec::new(),
        classes: Vec::new(),
        changes: Vec::new(),
        partial: false,
        similarity: 1.0,
    };
    for (k, r) in references.iter().enumerate() {
        let d = compare_regions(
            &reps[r.version].words,
            r.region.clone(),
            &reps[v].words,
            r.outlier_region.clone(),
        );
        // a seam between references that leaves out words of the outlier
        if k > 0 && references[k - 1].outlier_region.end < r.outlier_region.start {
            all.parts.push((Op::Equal, "\u{2026}".to_string()));
        }
        all.parts.extend(d.parts);
        all.classes.extend(d.classes);
        all.changes.extend(d.changes);
        all.partial |= d.partial;
        all.similarity = all.similarity.min(d.similarity);
    }
    all.classes.sort_unstable();
    all.classes.dedup();
    all
}

fn judge_speakers<L>(
    versions: &[Version],
    reps: &[&Candidate],
    edges: &[Edge<L>],
) -> Vec<Misattribution> {
    let n = versions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let wrong: Vec<&Edge<L>> = edges
        .iter()
        .filter(|e| e.relation == Relation::Misattributed)
        .collect();
    for e in &wrong {
        let (a, b) = (find(&mut parent, e.x), find(&mut parent, e.y));
        parent[a.max(b)] = a.min(b);
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for e in &wrong {
        for v in [e.x, e.y] {
            let root = find(&mut parent, v);
            let c = components.entry(root).or_default();
            if !c.contains(&v) {
                c.push(v);
            }
        }
    }
    let person = |v: usize| -> &[String] { reps[v].speaker.as_ref().map_or(&[], |s| &s.names) };
    let mut out = Vec::new();
    for mut members in components.into_values() {
        members.sort_unstable();
        // the people named: versions whose speakers share a name are one
        let mut people: Vec<Vec<usize>> = Vec::new();
        for &v in &members {
            match people.iter_mut().find(|p| {
                p.iter()
                    .any(|&u| person(u).iter().any(|w| person(v).contains(w)))
            }) {
                Some(p) => p.push(v),
                None => people.push(vec![v]),
            }
        }
        if people.len() < 2 {
            continue;
        }
        let stories = |p: &[usize]| p.iter().map(|&v| versions[v].stories.len()).sum::<usize>();
        let first = |p: &[usize]| {
            p.iter()
                .map(|&v| versions[v].rank)
                .min()
                .unwrap_or(usize::MAX)
        };
        people.sort_by(|a, b| stories(b).cmp(&stories(a)).then(first(a).cmp(&first(b))));
        for p in &people[1..] {
            let Some(&v) = p.iter().max_by_key(|&&v| versions[v].rank) else {
                continue;
            };
            let mut others: Vec<Cited> = wrong
                .iter()
                .filter(|e| e.x == v || e.y == v)
                .map(|e| other(e, v))
                .filter(|(u, _, _)| !p.contains(u))
                .map(|(u, region, outlier_region)| Cited {
                    version: u,
                    region,
                    outlier_region,
                })
                .collect();
            others.sort_by_key(|c| versions[c.version].rank);
            let Some(c) = others.first() else {
                continue;
            };
            let diff = compare_regions(
                &reps[c.version].words,
                c.region.clone(),
                &reps[v].words,
                c.outlier_region.clone(),
            );
            out.push(Misattribution {
                version: v,
                others,
                diff,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::align::Speaker;
    use crate::quote::diff::{Class, normalize};

    fn c(story: usize, text: &str, speaker: Option<&str>) -> Candidate {
        Candidate {
            story,
            words: normalize(text),
            speaker: speaker.map(|s| Speaker::new(s, true)),
        }
    }

    fn level(d: &QuoteDiff) -> Option<u8> {
        d.classes
            .iter()
            .map(|c| match c {
                Class::Negation | Class::Number => 3,
                Class::Word | Class::Rewording => 2,
                _ => 1,
            })
            .max()
    }

    #[test]
    fn one_outlet_drops_a_not_and_three_keep_it() {
        let cands = vec![
            c(
                0,
                "It is not over yet, we are still pumping",
                Some("Hanna Berg"),
            ),
            c(1, "It is not over yet, we are still pumping", Some("Berg")),
            c(2, "It is over, we are still pumping", Some("Hanna Berg")),
            c(3, "It is not over yet", Some("Berg")),
        ];
        let r = remarks(&cands, |s| s, Thresholds::default(), level);
        assert_eq!(r.outliers.len(), 1, "{:?}", r.outliers);
        let o = &r.outliers[0];
        assert_eq!(r.versions[o.version].stories, vec![2]);
        assert_eq!(o.level, 3);
        assert!(
            o.diff.parts.contains(&(Op::Delete, "not".to_string())),
            "{:?}",
            o.diff.parts
        );
        let cited: usize = o
            .references
            .iter()
            .chain(&o.others)
            .map(|c| r.versions[c.version].stories.len())
            .sum();
        assert_eq!(cited, 3, "the others are related evidence");
    }

    /// Quotes of one story are never one remark, whatever their words and
    /// speakers: the quote rule skips an event with quotes in one story.
    #[test]
    fn the_quotes_of_one_story_make_no_finding() {
        let cands = vec![
            c(
                0,
                "It is not over yet, we are still pumping",
                Some("Hanna Berg"),
            ),
            c(0, "It is over, we are still pumping", Some("Hanna Berg")),
            c(
                0,
                "It is not over yet, we are still pumping",
                Some("Tomas Lind"),
            ),
            c(0, "It is not over yet", None),
        ];
        let r = remarks(&cands, |s| s, Thresholds::default(), level);
        assert!(r.outliers.is_empty() && r.misattributions.is_empty());
        // the same quotes in two stories do make findings
        let mut two = cands.clone();
        two[1].story = 1;
        two[2].story = 1;
        let r = remarks(&two, |s| s, Thresholds::default(), level);
        assert!(!r.outliers.is_empty() || !r.misattributions.is_empty());
    }

    #[test]
    fn two_against_two_is_one_finding() {
        let cands = vec![
            c(
                0,
                "By rolling back this rule we protect the river before the match",
                Some("Hanna Berg"),
            ),
            c(
                1,
                "By rolling back this rule, we protect the river before the match",
                Some("Hanna Berg"),
            ),
            c(
                2,
                "By rolling back this rule we protect the river after the match, she said",
                Some("Hanna Berg"),
            ),
            c(
                3,
                "rolling back this rule we protect the river after the match",
                Some("Hanna Berg"),
            ),
        ];
        let r = remarks(&cands, |s| s, Thresholds::default(), level);
        assert_eq!(r.outliers.len(), 1, "{:?}", r.outliers);
        let o = &r.outliers[0];
        assert_eq!(o.allies.len(), 1);
        assert!(
            o.diff.parts.contains(&(Op::Insert, "after".to_string())),
            "{:?}",
            o.diff.parts
        );
    }

    #[test]
    fn a_story_with_two_remarks_of_one_frame() {
        let cands = vec![
            c(
                0,
                "You don't want Bike Week to be like this",
                Some("Hanna Berg"),
            ),
            c(0, "You want Bike Week to be peaceful", Some("Hanna Berg")),
            c(
                1,
                "You don't want Bike Week to be like this",
                Some("Hanna Berg"),
            ),
            c(1, "You want Bike Week to be peaceful", Some("Hanna Berg")),
            c(2, "You want Bike Week to be peaceful", Some("Hanna Berg")),
        ];
        let r = remarks(&cands, |s| s, Thresholds::default(), level);
        assert!(r.outliers.is_empty(), "{:?}", r.outliers);
    }

    #[test]
    fn two_versions_the_later_is_the_odd_one_and_speakers() {
        let cands = vec![
            c(
                0,
                "No, you do not close schools and clinics... You close the depots, f**k, believe me!",
                Some("the mother"),
            ),
            c(
                1,
                "No, you are not closing schools and clinics! Believe me. You are closing warehouses, dammit.",
                Some("The mother"),
            ),
            c(
                2,
                "Nobody in this town will be left behind after the flood",
                Some("Hanna Berg"),
            ),
            c(
                3,
                "Nobody in this town will be left behind after the flood",
                Some("Tomas Lind"),
            ),
            c(
                4,
                "Nobody in this town will be left behind after the flood",
                Some("Tomas Lind"),
            ),
        ];
        let r = remarks(&cands, |s| s, Thresholds::default(), level);
        assert_eq!(r.outliers.len(), 1);
        assert_eq!(r.versions[r.outliers[0].version].stories, vec![1]);
        assert_eq!(r.outliers[0].level, 2, "{:?}", r.outliers[0].diff);
        assert_eq!(r.misattributions.len(), 1);
        let m = &r.misattributions[0];
        assert_eq!(
            r.versions[m.version].stories,
            vec![2],
            "Berg is named by one story, Lind by two"
        );
    }
}
