//! The what-happened reader: the event word nearest a figure within its
//! clause (`killed`, `injured`, `killed or injured`, `detained`, ...), for
//! figures no clause pattern binds (see `bind`, which binds the rest).

use super::tokens::Tok;
use crate::extract::scan::Mention;

/// Event words and their canonical name. Multi-word phrases first.
pub(crate) const EVENTS: &[(&[&str], &str)] = &[
    (&["killed", "or", "injured"], "killed or injured"),
    (&["killed", "or", "wounded"], "killed or injured"),
    (&["killed", "and", "injured"], "killed or injured"),
    (&["killed", "and", "wounded"], "killed or injured"),
    (&["dead", "or", "injured"], "killed or injured"),
    (&["dead", "or", "wounded"], "killed or injured"),
    (&["dead", "and", "injured"], "killed or injured"),
    (&["dead", "and", "wounded"], "killed or injured"),
    (&["death", "toll"], "killed"),
    (&["lost", "their", "lives"], "killed"),
    (&["taken", "prisoner"], "detained"),
    (&["took", "part"], "attended"),
    (&["voted", "for"], "support"),
    (&["voted", "against"], "oppose"),
    (&["casualties"], "killed or injured"),
    (&["killed"], "killed"),
    (&["kills"], "killed"),
    (&["killing"], "killed"),
    (&["dead"], "killed"),
    (&["died"], "killed"),
    (&["die"], "killed"),
    (&["deaths"], "killed"),
    (&["death"], "killed"),
    (&["fatalities"], "killed"),
    (&["fatality"], "killed"),
    (&["perished"], "killed"),
    (&["murdered"], "killed"),
    (&["slain"], "killed"),
    (&["executed"], "killed"),
    (&["injured"], "injured"),
    (&["wounded"], "injured"),
    (&["hurt"], "injured"),
    (&["injuries"], "injured"),
    (&["missing"], "missing"),
    (&["unaccounted"], "missing"),
    (&["displaced"], "displaced"),
    (&["fled"], "displaced"),
    (&["evacuated"], "evacuated"),
    (&["homeless"], "displaced"),
    (&["detained"], "detained"),
    (&["arrested"], "detained"),
    (&["arrests"], "detained"),
    (&["jailed"], "detained"),
    (&["imprisoned"], "detained"),
    (&["captured"], "detained"),
    (&["discovered"], "discovered"),
    (&["found"], "discovered"),
    (&["recovered"], "discovered"),
    (&["exhumed"], "discovered"),
    (&["rescued"], "rescued"),
    (&["support"], "support"),
    (&["supports"], "support"),
    (&["supported"], "support"),
    (&["backing"], "support"),
    (&["backed"], "support"),
    (&["joined"], "attended"),
    (&["approval"], "support"),
    (&["approve"], "support"),
    (&["approved"], "support"),
    (&["turnout"], "turnout"),
    (&["received"], "received"),
    (&["invaded"], "invaded"),
    (&["invasion"], "invaded"),
    (&["launched"], "launched"),
    (&["attended"], "attended"),
    (&["gathered"], "attended"),
    (&["marched"], "attended"),
    (&["protested"], "attended"),
    (&["sentenced"], "sentenced"),
    (&["fined"], "fined"),
    (&["raised"], "raised"),
    (&["pledged"], "pledged"),
    (&["promised"], "pledged"),
    (&["aid"], "pledged"),
    (&["costs"], "cost"),
    (&["costing"], "cost"),
    (&["cost"], "cost"),
    (&["jobs"], "jobs"),
    (&["hired"], "jobs"),
    (&["laid"], "jobs"),
    (&["forced", "from"], "displaced"),
    (&["went", "down"], "occurred"),
    (&["capsized"], "occurred"),
    (&["sank"], "occurred"),
    (&["damage"], "cost"),
    (&["flooded"], "damaged"),
    (&["damaged"], "damaged"),
    (&["destroyed"], "damaged"),
    (&["under", "water"], "damaged"),
    (&["took", "place"], "occurred"),
    (&["struck"], "occurred"),
    (&["hit"], "occurred"),
    (&["collapsed"], "occurred"),
    (&["burst"], "occurred"),
    (&["broke"], "occurred"),
    (&["overflowed"], "occurred"),
    (&["swept"], "occurred"),
    (&["erupted"], "occurred"),
    (&["occurred"], "occurred"),
    (&["happened"], "occurred"),
    (&["began"], "began"),
    (&["started"], "began"),
    (&["ended"], "ended"),
];

/// The canonical events the frame names; rules may only use these.
pub const EVENT_NAMES: &[&str] = &[
    "killed",
    "injured",
    "killed or injured",
    "missing",
    "displaced",
    "evacuated",
    "detained",
    "discovered",
    "rescued",
    "support",
    "oppose",
    "turnout",
    "received",
    "invaded",
    "launched",
    "attended",
    "sentenced",
    "fined",
    "raised",
    "pledged",
    "cost",
    "jobs",
    "occurred",
    "began",
    "ended",
    "damaged",
];

/// Event phrases indexed by their first word.
pub(crate) type EventIndex =
    rustc_hash::FxHashMap<&'static str, Vec<(&'static [&'static str], &'static str)>>;

pub(crate) fn events_by_first_word() -> &'static EventIndex {
    use std::sync::LazyLock;
    static INDEX: LazyLock<EventIndex> = LazyLock::new(|| {
        let mut m = EventIndex::default();
        for (phrase, canon) in EVENTS {
            m.entry(phrase[0]).or_default().push((*phrase, *canon));
        }
        m
    });
    &INDEX
}

pub(crate) fn event_at(toks: &[Tok<'_>], k: usize) -> Option<(&'static str, usize)> {
    let first = toks.get(k).filter(|t| t.word)?;
    let candidates = events_by_first_word().get(first.low)?;
    'e: for (phrase, canon) in candidates {
        if k + phrase.len() > toks.len() {
            continue;
        }
        for (j, p) in phrase.iter().enumerate() {
            let t = toks[k + j];
            if !t.word || t.low != *p {
                continue 'e;
            }
        }
        return Some((canon, phrase.len()));
    }
    None
}

/// Words that end a clause for the event search.
pub(crate) fn clause_break(t: &Tok<'_>) -> bool {
    if !t.word {
        return matches!(t.text, ";" | ":" | "—" | "(" | ")" | "\"" | "“" | "”");
    }
    crate::word_set!(&[
        "while", "whereas", "but", "although", "though", "after", "before", "which", "because",
    ])
    .contains(t.text)
}

/// The event nearest the figure: forward to the clause end (stepping over
/// an `including ...` aside), then backward.
pub(crate) fn event_for(
    toks: &[Tok<'_>],
    first: usize,
    after: usize,
    ms: &[(usize, Mention)],
    idx: usize,
) -> Option<String> {
    let mut next = idx + 1;
    let mut k = after;
    let mut steps = 0;
    while k < toks.len() && steps < 14 {
        let t = toks[k];
        if clause_break(&t) {
            break;
        }
        if ms.get(next).is_some_and(|(_, n)| t.start >= n.span.start) {
            // another figure: go on only if it is an aside ("including 95 children")
            let prev = k.checked_sub(1).map(|p| toks[p].low);
            if !matches!(prev, Some("including" | "among")) {
                break;
            }
            next += 1;
        }
        if let Some((e, _)) = event_at(toks, k) {
            return Some(e.to_string());
        }
        k += 1;
        steps += 1;
    }
    // backward, to the previous figure or a clause break
    let prev_fig_end = idx.checked_sub(1).map(|p| ms[p].1.span.end);
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 12 {
        k -= 1;
        steps += 1;
        let t = toks[k];
        if prev_fig_end.is_some_and(|e| t.end <= e) || clause_break(&t) && t.text != "(" {
            break;
        }
        if let Some((e, _)) = event_at(toks, k) {
            // "killed or injured" read backwards starts at "killed"
            return Some(e.to_string());
        }
        if k >= 2 {
            if let Some((e, n)) = event_at(toks, k - 2) {
                if n == 3 {
                    return Some(e.to_string());
                }
            }
        }
    }
    None
}
