//! What extraction produces: a [`Claim`], a figure in context, and a
//! [`Dangling`] quantifier, one with no number after it. The frame
//! ([`super::frame`]) makes both.

use super::frame::Incident;
use super::quantity::{Qualifier, Quantity};
use crate::text::Block;
use jiff::civil::Date;
use std::ops::Range;

/// A figure in context.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The figure with its qualifier (`at least 2,000`).
    pub span: Range<usize>,
    /// The number as written (`2,000`).
    pub value_span: Range<usize>,
    pub quantity: Quantity,
    /// The value as the text states it, before qualifiers widen it.
    pub stated: (f64, f64),
    /// What is counted, singular (`civilian`).
    pub counted: Option<String>,
    /// The span of the counted noun, when it stands after the figure; the
    /// claim's surface text runs to its end (`at least 2,000 civilians`).
    pub counted_span: Option<Range<usize>>,
    /// What happened, canonical (`killed`).
    pub event: Option<String>,
    /// Where (`in Bucha`).
    pub scope: Option<String>,
    /// Who says so (`OHCHR`).
    pub source: Option<String>,
    /// The date the figure is given as of.
    pub as_of: Option<Date>,
    /// `2,862 more`: a figure on top of another, not a total.
    pub additional: bool,
    /// `up from 35`, `revised down from 7`: an earlier figure the story
    /// itself replaces; never compared.
    pub superseded: bool,
    /// Index of the sentence in the story's sentence list.
    pub sentence: usize,
    /// The sentence is the headline or a list item (KEY POINTS).
    pub block: Block,
    /// The clause pattern that bound the figure to what it counts and what
    /// happened (`figure-event`: `35 people were killed`); `None` when the
    /// frame only inferred them from the nearest words. Only bound claims
    /// make warnings or errors.
    pub bound: Option<&'static str>,
    /// Part of a group the sentence names (`three of the officers`,
    /// `including two children`): never compared with a total.
    pub subgroup: bool,
    /// The sentence marks the figure as another incident, a period total or
    /// background (`since the war began`, `last year`, another year): never
    /// compared with the event's own figures.
    pub background: bool,
    /// The sentence counts the attacker with the victims (`5 dead,
    /// including the gunman`): another measure than the victims' toll.
    pub perpetrator: bool,
    /// The sentence says the figure corrects an earlier one (`not five as
    /// first reported`).
    pub revision: bool,
    /// Which incident of the event the figure belongs to: its kind and
    /// time (its place is `scope`). See [`super::frame::incident`].
    pub incident: Incident,
}

impl Claim {
    /// The claim's surface: the figure and, when it follows, the counted noun.
    pub fn surface(&self) -> Range<usize> {
        match &self.counted_span {
            Some(c) if c.start >= self.span.end => self.span.start..c.end,
            _ => self.span.clone(),
        }
    }
}

/// A quantifier with no number after it: `at least people were killed`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dangling {
    pub span: Range<usize>,
    pub qualifier: Qualifier,
    pub counted: Option<String>,
    pub event: Option<String>,
    pub sentence: usize,
}
