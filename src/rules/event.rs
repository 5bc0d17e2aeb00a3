//! What comparing an event gives besides findings: per measure, what each
//! outlet says ([`Measure`]), and the event's people; the per-event
//! tables of the reports are made of these.

use super::person::PersonRow;
use crate::ThinVec;

/// What each outlet says about one measure of one event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measure {
    pub(crate) rule: String,
    pub(crate) title: String,
    /// (story, claims) for every story with a claim of this measure.
    pub(crate) cells: Vec<(usize, Vec<usize>)>,
    /// Claims that disagree with another (story, claim).
    pub(crate) conflicting: Vec<(usize, usize)>,
}

/// An event: its stories and measures. The tables are thin lists and the
/// names boxed strings: a checked batch keeps every event to the end (56
/// bytes each), and without `--tables` the tables are empty.
#[derive(Debug, Clone, PartialEq)]
pub struct EventGroup {
    pub(crate) event: Box<str>,
    pub(crate) stories: ThinVec<usize>,
    pub(crate) measures: ThinVec<Measure>,
    /// The named people of the event with their ages, per story.
    pub(crate) people: ThinVec<PersonRow>,
    /// Why the stories are one event, when that was found from content.
    pub(crate) reason: Option<Box<str>>,
}
