//! crosscheck: checks news stories from different outlets against each other.
//!
//! The library is the product; the binary is a thin shell over it. Data
//! flows one way, and each stage is a module usable on its own:
//!
//! ```text
//! paths/stdin ─► story ─► text ─► extract ─► Claim/Quote ─► group ─► rules ─► Finding ─► report
//!               (ingest) (segment) (grammar,  (quote)        (events)  (compare)           (formats)
//!                                  frame)
//! ```
//!
//! What the library offers, and the CLI uses:
//!
//! - [`analyse`]: one story through segmentation and extraction, an
//!   [`Analysis`] (its claims, quantifiers and quotations);
//! - [`check_batch`]: the stories of a batch read, grouped into events and
//!   compared under [`Settings`], then ([`Checked::accept`]) what a
//!   baseline or a story's `crosscheck-ignore` accepts taken out: an
//!   [`Outcome`], whose [`Outcome::status`] the exit code is derived from;
//! - [`diff`]: two stories side by side;
//! - and for each of them, [`report`]: every output format.
//!
//! Dependency direction, each module using only those before it: `story`
//! (ingest) and `text` (segmentation) know nothing of the rest; `extract`
//! uses `text`; `quote` uses both and `extract`; `group` uses `story` and
//! what extraction gives; `rules` uses all of these; checking a batch
//! (`batch`) uses `story`, `group` and `rules`; `config` knows the rules'
//! names; `report` uses everything before it and is the only module besides
//! the CLI that formats output. `notation` (how a figure is written for
//! people) sits below `group` and `report`, which both name figures;
//! `work` counts inner-loop steps for tests. Within a stage, its `mod.rs`
//! holds what its files share (the report model, the compiled rule, event
//! planning) and picks among them; no file imports a sibling that imports
//! it back.

pub mod config;
pub mod extract;
pub mod group;
pub mod quote;
pub mod report;
pub mod rules;
pub mod story;
pub mod text;

mod batch;
mod notation;
mod work;

pub use batch::{Checked, FailOn, Outcome, Progress, Settings, Status, check_batch};

use extract::{Claim, Dangling};
use quote::Quote;
use story::Story;
use text::Sentence;
pub use thin_vec::ThinVec;

/// One story with everything extracted from it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Boxed: a big batch keeps one compacted analysis per story, and
    /// moving them around should not copy the story's fields.
    pub story: Box<Story>,
    pub sentences: ThinVec<Sentence>,
    pub claims: ThinVec<Claim>,
    pub dangling: ThinVec<Dangling>,
    pub quotes: ThinVec<Quote>,
}

/// Segment a story and extract its claims and quotes.
pub fn analyse(story: Story) -> Analysis {
    let mut sentences = text::sentences(&story.text, story.headline_end());
    // a sentence is a caption's when it starts in one: among the captions
    // that start before it, the furthest end tells (a page of many
    // captions tested each against every sentence)
    let mut captions: Vec<&std::ops::Range<usize>> = story.captions().iter().collect();
    captions.sort_by_key(|c| c.start);
    let ends: Vec<usize> = captions
        .iter()
        .scan(0, |end, c| {
            *end = c.end.max(*end);
            Some(*end)
        })
        .collect();
    for s in &mut sentences {
        work::step(1);
        let k = captions.partition_point(|c| c.start <= s.span.start);
        if k > 0 && ends[k - 1] > s.span.start {
            s.block = text::Block::Caption;
        }
    }
    let mentions = extract::scan::mentions(&story.text, story.published);
    let (claims, dangling) =
        extract::frame::claims(&story.text, &sentences, mentions, story.published);
    let quotes = quote::quotes(&story.text, &sentences);
    Analysis {
        story: Box::new(story),
        sentences: sentences.into(),
        claims: claims.into(),
        dangling: dangling.into(),
        quotes: quotes.into(),
    }
}

/// Two stories side by side, as `crosscheck diff A B` shows them: the
/// figures of each measure, the people, the quotations both give, and the
/// findings `rules` make of the pair.
pub fn diff(pair: &[Analysis; 2], rules: &[rules::Rule]) -> rules::pair::PairReport {
    rules::pair::compare_pair(pair, rules)
}
