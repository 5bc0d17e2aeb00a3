//! Person rules: the same person with different ages or spellings across
//! the outlets of one event.
//!
//! People come from `extract::people` (a name with the age beside it).
//! Within an event, mentions are one person when their surnames are the
//! same (case and accents folded) and their first names close: equal, an
//! initial of the other, a nickname (`Rob`/`Robert`), or one or two letters
//! apart at ages a year apart at most (`Kendal`/`Kendall`, which is then a
//! spelling finding). Never
//! across surnames; and where one story names two people of one surname
//! with different first names (family), only equal first names match.
//!
//! Findings: different ages (an error when both ages stand right beside the
//! name and both stories are dated, a warning otherwise; stories more than
//! 180 days apart are not compared, a birthday may have passed); two people's ages swapped between
//! outlets (one error for the pair); a first name spelled differently
//! (a warning); a person of a role outside the range of ages a story gives
//! that role's group (`the victims, aged 19 to 34` and a victim of 35: a
//! warning). The odd one out is the primary evidence: the age or spelling
//! fewest stories give, ties the later story; the person's age against a
//! range.

use super::Rule;
use super::finding::{Evidence, Finding, story_order};
use super::model::{Kind, Severity};
use crate::Analysis;
use crate::extract::people::{Person, age_ranges, people};
use std::collections::BTreeMap;

/// Stories further apart than this may straddle a birthday.
const MAX_DAYS_APART: i32 = 180;

/// Levenshtein distance of two short words.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// How two first names of one surname relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstNames {
    Same,
    /// Close enough to be one person spelled two ways.
    Spelling,
    Different,
}

fn first_names(a: &str, b: &str) -> FirstNames {
    if a == b {
        return FirstNames::Same;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let initial = short.chars().count() == 1 && long.starts_with(short);
    let nickname = crate::extract::people::lexicon()
        .nicknames
        .iter()
        .any(|(n, f)| (n == short && f == long) || (n == long && f == short));
    if initial || nickname || short.is_empty() {
        return FirstNames::Same;
    }
    let close = short.chars().count() >= 4 && distance(a, b) <= 2 && a[..1] == b[..1];
    if close {
        FirstNames::Spelling
    } else {
        FirstNames::Different
    }
}

/// One person as one story gives them.
#[derive(Debug, Clone)]
struct Seen {
    story: usize,
    person: Person,
}

/// The mentions of one person across the stories of an event.
#[derive(Debug, Default)]
pub(super) struct Entity {
    seen: Vec<Seen>,
}

impl Entity {
    fn surname(&self) -> &str {
        &self.seen[0].person.surname
    }

    fn name(&self) -> &str {
        // the name most stories give, then the longest
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &self.seen {
            *count.entry(s.person.name.as_str()).or_default() += 1;
        }
        count
            .into_iter()
            .max_by_key(|&(n, c)| (c, n.len(), std::cmp::Reverse(n)))
            .map_or("", |(n, _)| n)
    }

    /// One age per story, the stories that give it.
    fn ages(&self) -> BTreeMap<u32, Vec<usize>> {
        let mut out: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for s in &self.seen {
            let v = out.entry(s.person.age).or_default();
            if !v.contains(&s.story) {
                v.push(s.story);
            }
        }
        out
    }
}

/// Each story's people, with anyone given two ages in one story dropped
/// (two people of one name, or a story that corrects itself).
fn story_people(analyses: &[Analysis], s: usize) -> Vec<Person> {
    let a = &analyses[s];
    let all = people(&a.story.text, &a.sentences, &a.claims);
    let mut ages: BTreeMap<(String, String), Vec<u32>> = BTreeMap::new();
    for p in &all {
        ages.entry((p.surname.clone(), p.first.clone()))
            .or_default()
            .push(p.age);
    }
    let mut seen = std::collections::BTreeSet::new();
    all.into_iter()
        .filter(|p| {
            let key = (p.surname.clone(), p.first.clone());
            let one_age = ages[&key].iter().all(|&x| x == p.age);
            one_age && seen.insert(key)
        })
        .collect()
}

/// Whether a story's mention is the entity's person: no first name of the
/// entity is a different one, and one is written alike (with `strict`, all
/// are), or else every other spelling of it is of one age (`Jerry Ortiz,
/// 35` and `Jeremy Ortiz, 17` are father and son).
fn joins(e: &Entity, p: &Person, strict: bool) -> bool {
    let rel: Vec<(FirstNames, &Person)> = e
        .seen
        .iter()
        .map(|x| (first_names(&x.person.first, &p.first), &x.person))
        .collect();
    if rel.iter().any(|(r, _)| *r == FirstNames::Different) {
        return false;
    }
    if strict {
        return rel.iter().all(|(_, x)| x.first == p.first);
    }
    // a first name written the same way in another story ties them; else
    // every spelling of it must be of one age (a surname alone ties nothing)
    let written_alike = !p.first.is_empty() && rel.iter().any(|(_, x)| x.first == p.first);
    written_alike
        || rel
            .iter()
            .all(|(r, x)| *r != FirstNames::Spelling || x.age.abs_diff(p.age) <= 1)
}

/// People of an event as entities: read once per event, for the person
/// rules and the people table alike.
pub(super) fn entities(analyses: &[Analysis], stories: &[usize]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    for &s in stories {
        let ps = story_people(analyses, s);
        // a surname two first names share in one story: family, only equal
        // first names match
        let family = |p: &Person| {
            ps.iter()
                .any(|q| q.surname == p.surname && q.first != p.first && !q.first.is_empty())
        };
        for p in ps.iter().cloned() {
            let strict = family(&p);
            let found = out.iter_mut().find(|e| {
                e.surname() == p.surname
                    && !e.seen.iter().any(|x| x.story == s)
                    && joins(e, &p, strict)
            });
            match found {
                Some(e) => e.seen.push(Seen {
                    story: s,
                    person: p,
                }),
                None => out.push(Entity {
                    seen: vec![Seen {
                        story: s,
                        person: p,
                    }],
                }),
            }
        }
    }
    out
}

fn days_apart(analyses: &[Analysis], a: usize, b: usize) -> Option<i32> {
    let (x, y) = (analyses[a].story.published?, analyses[b].story.published?);
    x.since(y).ok().map(|s| s.get_days().abs())
}

/// Whether the stories of an entity's different ages can be compared: of
/// different outlets, close enough in time.
fn comparable(analyses: &[Analysis], xs: &[usize], ys: &[usize]) -> bool {
    xs.iter().any(|&x| {
        ys.iter()
            .any(|&y| days_apart(analyses, x, y).is_none_or(|d| d <= MAX_DAYS_APART))
    })
}

fn outlet(analyses: &[Analysis], s: usize) -> &str {
    &analyses[s].story.outlet
}

/// The odd one out among groups of stories: the group fewest stories
/// give, ties the group with the later story.
fn odd_one_out<K: Clone>(analyses: &[Analysis], groups: &[(K, Vec<usize>)]) -> usize {
    let later = |v: &Vec<usize>| {
        v.iter()
            .copied()
            .max_by(|&a, &b| {
                let pa = analyses[a].story.published;
                let pb = analyses[b].story.published;
                pa.cmp(&pb).then(story_order(analyses, a, b))
            })
            .unwrap_or(0)
    };
    (0..groups.len())
        .min_by(|&i, &j| {
            let (a, b) = (&groups[i].1, &groups[j].1);
            a.len().cmp(&b.len()).then_with(|| {
                let (la, lb) = (later(a), later(b));
                let pa = analyses[la].story.published;
                let pb = analyses[lb].story.published;
                pb.cmp(&pa).then(story_order(analyses, lb, la))
            })
        })
        .unwrap_or(0)
}

/// The evidence of an entity's mentions in `stories`: the age claim for
/// an age finding (`age`), the name alone for a spelling finding.
fn evidence(e: &Entity, stories: &[usize], primary: &[usize], age: bool) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = e
        .seen
        .iter()
        .filter(|s| stories.contains(&s.story))
        .map(|s| Evidence {
            story: s.story,
            claim: age.then_some(s.person.claim),
            span: if age {
                s.person.whole.clone()
            } else {
                s.person.span.clone()
            },
            primary: primary.contains(&s.story),
        })
        .collect();
    out.sort_by_key(|ev| (!ev.primary, ev.story));
    let mut first = true;
    for ev in &mut out {
        ev.primary = ev.primary && std::mem::take(&mut first);
    }
    out
}

/// One person of an event as each story gives them: a row of the people
/// table in the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    /// The name most stories give.
    pub name: String,
    pub role: Option<&'static str>,
    /// Per story, in event order: the name as written and the age.
    pub cells: Vec<(usize, String, u32)>,
    /// The stories give different ages or spellings.
    pub differs: bool,
}

/// The people of an event (its [`entities`]), one row per person, in
/// order of first mention.
pub(super) fn people_table(stories: &[usize], ents: &[Entity]) -> Vec<PersonRow> {
    ents.iter()
        .map(|e| {
            let ages = e.ages().len();
            let spellings: std::collections::BTreeSet<&str> =
                e.seen.iter().map(|s| s.person.first.as_str()).collect();
            let mut cells: Vec<(usize, String, u32)> = e
                .seen
                .iter()
                .map(|s| (s.story, s.person.name.clone(), s.person.age))
                .collect();
            let rank = |s: usize| stories.iter().position(|&x| x == s).unwrap_or(usize::MAX);
            cells.sort_by_key(|c| rank(c.0));
            PersonRow {
                name: e.name().to_string(),
                role: e.seen.iter().find_map(|s| s.person.role),
                cells,
                differs: ages > 1 || spellings.len() > 1,
            }
        })
        .collect()
}

/// Compare the people of one event (its [`entities`]): swapped ages,
/// then per person a differing age and a first name spelled two ways,
/// then ages outside a range a story gives.
pub(super) fn compare_people(
    analyses: &[Analysis],
    stories: &[usize],
    ents: &[Entity],
    rule: &Rule,
    event: &str,
) -> Vec<Finding> {
    let finding = |severity: Severity, message: String, evidence: Vec<Evidence>| Finding {
        rule: rule.id.clone(),
        kind: Kind::Person,
        severity: severity.min(rule.severity),
        event: event.to_string(),
        title: rule.title.clone(),
        message,
        evidence,
        diff: None,
    };
    let (mut out, swapped) = swapped_ages(analyses, stories, ents, &finding);
    for (i, e) in ents.iter().enumerate() {
        if !swapped[i] {
            out.extend(differing_age(analyses, e, &finding));
        }
        out.extend(spelled_two_ways(analyses, e, &finding));
    }
    out.extend(outside_ranges(analyses, stories, ents, &finding));
    out
}

/// Two people whose ages two stories of different outlets swap: the
/// stories and the ages the first (`x`) gives them.
struct AgeSwap {
    x: usize,
    y: usize,
    /// The first person's age in `x`.
    ax: u32,
    /// The second person's age in `x`.
    bx: u32,
}

/// Two people's ages swapped between two stories: an error per pair
/// (each person in one pair at most, pairs in order of first mention),
/// and per person whether a pair holds them.
fn swapped_ages(
    analyses: &[Analysis],
    stories: &[usize],
    ents: &[Entity],
    finding: &dyn Fn(Severity, String, Vec<Evidence>) -> Finding,
) -> (Vec<Finding>, Vec<bool>) {
    let mut out = Vec::new();
    let mut swapped = vec![false; ents.len()];
    for i in 0..ents.len() {
        for j in i + 1..ents.len() {
            if swapped[i] || swapped[j] {
                continue;
            }
            let (a, b) = (&ents[i], &ents[j]);
            if let Some(swap) = age_swap(analyses, stories, a, b) {
                swapped[i] = true;
                swapped[j] = true;
                out.push(swap_finding(analyses, a, b, &swap, finding));
            }
        }
    }
    (out, swapped)
}

/// The first two stories (in event order) that swap the bound ages of
/// `a` and `b`, are of different outlets and close enough in time.
fn age_swap(analyses: &[Analysis], stories: &[usize], a: &Entity, b: &Entity) -> Option<AgeSwap> {
    let age = |e: &Entity, s: usize| {
        e.seen
            .iter()
            .find(|x| x.story == s)
            .map(|x| (x.person.age, x.person.bound))
    };
    stories.iter().find_map(|&x| {
        stories.iter().find_map(|&y| {
            let (ax, bx, ay, by) = (age(a, x)?, age(b, x)?, age(a, y)?, age(b, y)?);
            let swap = x != y
                && ax.0 != bx.0
                && ax.0 == by.0
                && bx.0 == ay.0
                && outlet(analyses, x) != outlet(analyses, y)
                && comparable(analyses, &[x], &[y]);
            let bound = ax.1 && bx.1 && ay.1 && by.1;
            (swap && bound).then_some(AgeSwap {
                x,
                y,
                ax: ax.0,
                bx: bx.0,
            })
        })
    })
}

/// The error for `swap` of the ages of `a` and `b`; `a` in the later
/// story is primary.
fn swap_finding(
    analyses: &[Analysis],
    a: &Entity,
    b: &Entity,
    swap: &AgeSwap,
    finding: &dyn Fn(Severity, String, Vec<Evidence>) -> Finding,
) -> Finding {
    let AgeSwap { x, y, ax, bx } = *swap;
    let later = if story_order(analyses, x, y).is_lt() {
        y
    } else {
        x
    };
    let mut ev = evidence(a, &[x, y], &[later], true);
    ev.extend(evidence(b, &[x, y], &[], true));
    let message = format!(
        "The ages of {} and {} are swapped between outlets: {}: {} is {ax}, {} is {bx}; {}: {} is {bx}, {} is {ax}",
        a.name(),
        b.name(),
        outlet(analyses, x),
        a.name(),
        b.name(),
        outlet(analyses, y),
        a.name(),
        b.name(),
    );
    finding(Severity::Error, message, ev)
}

/// The ages stories of different outlets give person `e`, when they
/// differ and the stories are close enough in time: an error when every
/// age is bound and every story dated, else a warning; the age fewest
/// stories give is the odd one out.
fn differing_age(
    analyses: &[Analysis],
    e: &Entity,
    finding: &dyn Fn(Severity, String, Vec<Evidence>) -> Finding,
) -> Option<Finding> {
    let ages: Vec<(u32, Vec<usize>)> = e.ages().into_iter().collect();
    if ages.len() < 2 {
        return None;
    }
    let odd = odd_one_out(analyses, &ages);
    let others: Vec<usize> = ages
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != odd)
        .flat_map(|(_, (_, v))| v.iter().copied())
        .collect();
    let outlets_differ = ages[odd].1.iter().any(|&x| {
        others
            .iter()
            .any(|&y| outlet(analyses, x) != outlet(analyses, y))
    });
    if !(comparable(analyses, &ages[odd].1, &others) && outlets_differ) {
        return None;
    }
    let all_bound = e.seen.iter().all(|s| s.person.bound);
    // an undated story may be months later (a trial, a birthday): an
    // error needs the dates
    let dated = e
        .seen
        .iter()
        .all(|s| analyses[s.story].story.published.is_some());
    let severity = if all_bound && dated {
        Severity::Error
    } else {
        Severity::Warning
    };
    let said: Vec<String> = ages
        .iter()
        .map(|(age, ss)| {
            let names: Vec<&str> = ss.iter().map(|&s| outlet(analyses, s)).collect();
            format!("{}: {age}", names.join(", "))
        })
        .collect();
    let message = format!(
        "The age of {} differs between outlets: {}",
        e.name(),
        said.join("; ")
    );
    let all: Vec<usize> = ages.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    Some(finding(
        severity,
        message,
        evidence(e, &all, &ages[odd].1, true),
    ))
}

/// A warning when the stories give person `e` exactly two first names
/// (of more than one letter) that are spellings of one name; the
/// spelling fewest stories give is the odd one out.
fn spelled_two_ways(
    analyses: &[Analysis],
    e: &Entity,
    finding: &dyn Fn(Severity, String, Vec<Evidence>) -> Finding,
) -> Option<Finding> {
    let mut spellings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for s in &e.seen {
        if s.person.first.chars().count() > 1 {
            spellings
                .entry(s.person.first.clone())
                .or_default()
                .push(s.story);
        }
    }
    let spellings: Vec<(String, Vec<usize>)> = spellings.into_iter().collect();
    let spelled = spellings.len() == 2
        && first_names(&spellings[0].0, &spellings[1].0) == FirstNames::Spelling;
    if !spelled {
        return None;
    }
    let odd = odd_one_out(analyses, &spellings);
    let shown = |stories: &[usize]| {
        e.seen
            .iter()
            .find(|s| stories.contains(&s.story))
            .map(|s| s.person.name.clone())
            .unwrap_or_default()
    };
    let said: Vec<String> = spellings
        .iter()
        .map(|(_, ss)| {
            let names: Vec<&str> = ss.iter().map(|&s| outlet(analyses, s)).collect();
            format!("{}: {}", names.join(", "), shown(ss))
        })
        .collect();
    let message = format!(
        "A name is spelled differently between outlets: {}",
        said.join("; ")
    );
    let all: Vec<usize> = spellings
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    Some(finding(
        Severity::Warning,
        message,
        evidence(e, &all, &spellings[odd].1, false),
    ))
}

/// A person of a role whose age lies outside the range a story gives the
/// group of that role (`the victims, aged 19 to 34` and a victim of 35): a
/// warning, one per range and person; the person's age is the odd one out.
fn outside_ranges(
    analyses: &[Analysis],
    stories: &[usize],
    ents: &[Entity],
    finding: &dyn Fn(Severity, String, Vec<Evidence>) -> Finding,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for &x in stories {
        let a = &analyses[x];
        for r in age_ranges(&a.story.text, &a.sentences, &a.claims) {
            for e in ents {
                let Some(seen) = e.seen.iter().find(|s| {
                    s.person.role == Some(r.role)
                        && !(r.low..=r.high).contains(&s.person.age)
                        && comparable(analyses, &[x], &[s.story])
                }) else {
                    continue;
                };
                let message = format!(
                    "{} is {} in {}, outside the ages {} gives the {}s: {} to {}",
                    e.name(),
                    seen.person.age,
                    outlet(analyses, seen.story),
                    outlet(analyses, x),
                    r.role,
                    r.low,
                    r.high,
                );
                let evidence = vec![
                    Evidence {
                        story: seen.story,
                        claim: Some(seen.person.claim),
                        span: seen.person.whole.clone(),
                        primary: true,
                    },
                    Evidence {
                        story: x,
                        claim: Some(r.claim),
                        span: r.span.clone(),
                        primary: false,
                    },
                ];
                out.push(finding(Severity::Warning, message, evidence));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_that_are_one_person() {
        assert_eq!(first_names("kendal", "kendall"), FirstNames::Spelling);
        assert_eq!(first_names("rob", "robert"), FirstNames::Same);
        assert_eq!(first_names("j", "jamal"), FirstNames::Same);
        assert_eq!(first_names("", "jamal"), FirstNames::Same);
        assert_eq!(first_names("maria", "mario"), FirstNames::Spelling);
        assert_eq!(
            first_names("ana", "ava"),
            FirstNames::Different,
            "too short to tell"
        );
        assert_eq!(first_names("james", "john"), FirstNames::Different);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kendal", "kendall"), 1);
        assert_eq!(distance("rios", "rios"), 0);
        assert_eq!(distance("abc", "xyz"), 3);
    }
}
