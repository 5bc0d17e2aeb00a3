//! Stories as HTML news pages, as saved from a browser or a CMS.
//!
//! The page is tokenised by `html5gum` (a WHATWG tokenizer that gives byte
//! spans); this module decides what is the article:
//!
//! - Text inside `script`, `style`, `nav`, `aside`, `footer`, `form`,
//!   `button`, `iframe`, `svg`, `noscript`, `template`, anything `hidden`,
//!   navigation roles, and elements whose class or id names a share widget,
//!   an advert, a newsletter box, related links, comments or a byline is
//!   dropped. A `header` is dropped unless it sits inside the article.
//! - When the page has `<article>` elements (or `itemprop="articleBody"`),
//!   the one with the most text is the story; else `<main>`; else the body.
//! - Block elements (`p`, `div`, `li`, headings, `figcaption`, `br`, ...)
//!   end a paragraph; inline ones (`a`, `em`, `span`, ...) do not. List items
//!   stay list items, and `figcaption` text is kept as a caption
//!   ([`Story::captions`](super::Story::captions)).
//! - The first `h1` is the headline; else the page title.
//! - Metadata: `og:site_name` (outlet), `article:published_time`,
//!   `og:title`, `<link rel="canonical">` / `og:url`, JSON-LD `NewsArticle`
//!   (`headline`, `datePublished`, `publisher.name`, `url`), `<title>`, and
//!   `<meta name="crosscheck:id|crosscheck:event|crosscheck:ignore">` for
//!   what a page cannot otherwise say. Dates that do not parse are ignored
//!   (a page's metadata is not the story).
//!
//! Character references are decoded and runs of white space collapse to
//! one space, yet every character of the story keeps its place in the file:
//! the text is built from pieces, each anchored at the line and column of
//! the HTML where it starts.
//!
//! Hostile pages: html5gum's tokenizer calls itself from state to state
//! while it reads the attributes of one tag written `name="value"`, once
//! per attribute, so a tag with tens of thousands of them overflowed the
//! stack. A page with a run of more than [`MAX_ATTRIBUTES`] such
//! attributes is rejected, with the place of the tag, before it is
//! tokenised ([`attribute_run`]). Nesting and the number of elements are
//! not bounded: the open elements are a stack that each tag touches at its
//! top (its own kind and an index by name are kept in it), so thousands of
//! unclosed inline tags or stray end tags cost what they weigh.

use super::{Anchor, Meta, Rejected, Story, build, parse_published, reject};
use html5gum::{DefaultEmitter, EndTag, HtmlString, Spanned, StartTag, Token, Tokenizer};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// Elements whose whole content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "iframe", "svg", "select", "canvas", "object", "embed", "audio", "video", "dialog", "menu",
    "textarea",
];

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "pre",
    "address",
    "details",
    "summary",
    "body",
];

/// Elements that never have content (no end tag follows).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Words in a class or id that mark page furniture, not the story.
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "promo",
    "newsletter",
    "related",
    "recommended",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "subscribe",
    "subscription",
    "sponsored",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "paywall",
    "popup",
    "modal",
    "sidebar",
    "toolbar",
    "tags",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Headline,
    ListItem,
    Caption,
}

/// One paragraph of page text: its characters and where runs of them sit
/// in the file.
#[derive(Debug)]
struct Para {
    kind: Kind,
    article: Option<usize>,
    main: bool,
    text: String,
    /// (offset in `text`, offset in the HTML) where contiguous runs start.
    pieces: Vec<(usize, usize)>,
    /// The HTML offset just after the last character taken.
    next_src: usize,
    space: bool,
}

impl Para {
    fn push(&mut self, c: char, src: usize, next: usize) {
        if c.is_whitespace() {
            // one plain space in the file is the space in the story: the
            // run goes on; any other white space starts a new run after it
            if c == ' ' && !self.space && src == self.next_src {
                self.next_src = next;
            }
            self.space = !self.text.is_empty();
            return;
        }
        if std::mem::take(&mut self.space) {
            self.text.push(' ');
        }
        if self.pieces.is_empty() || src != self.next_src {
            self.pieces.push((self.text.len(), src));
        }
        self.text.push(c);
        self.next_src = next;
    }
}

#[derive(Debug)]
struct Open {
    name: String,
    /// What its text is: that of the nearest element that says (see
    /// [`kind_of`]), kept here so that text never walks the stack.
    kind: Kind,
    skip: bool,
    article: Option<usize>,
    main: bool,
    raw: Raw,
}

/// Element text kept for metadata rather than the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    None,
    Title,
    JsonLd,
}

/// A metadata value and where it is in the file.
#[derive(Debug, Default)]
struct Found {
    /// Higher wins: crosscheck meta 3, page meta 2, JSON-LD 1, fallbacks 0.
    rank: u8,
    value: String,
    /// The value as page text with its places in the file (titles from
    /// `<title>` and `og:title`, which can be the headline).
    para: Option<Para>,
}

#[derive(Debug, Default)]
struct Page {
    id: Option<Found>,
    outlet: Option<Found>,
    title: Option<Found>,
    published: Option<Found>,
    url: Option<Found>,
    event: Option<Found>,
    ignore: Vec<String>,
}

fn offer(slot: &mut Option<Found>, rank: u8, value: &str) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() || slot.as_ref().is_some_and(|f| f.rank >= rank) {
        return;
    }
    *slot = Some(Found {
        rank,
        value,
        para: None,
    });
}

fn offer_para(slot: &mut Option<Found>, rank: u8, p: Para) {
    if p.text.is_empty() || slot.as_ref().is_some_and(|f| f.rank >= rank) {
        return;
    }
    *slot = Some(Found {
        rank,
        value: p.text.clone(),
        para: Some(p),
    });
}

fn offer_date(slot: &mut Option<Found>, rank: u8, value: &str) {
    if parse_published(value.trim()).is_some() {
        offer(slot, rank, value.trim());
    }
}

/// The most attributes written `name="value"` one after another that a
/// tag may have. Real tags have a few dozen at most; each costs the
/// tokenizer a few stack frames (about 6 KB in a debug build, whose
/// worker threads have 2 MB).
pub(crate) const MAX_ATTRIBUTES: usize = 100;

/// The longest run of attributes the tokenizer would read in one chain of
/// calls, and where it starts. A run is values in double quotes (without
/// a character reference, which ends the chain), each closing quote
/// followed by white space, the next name, `=`, maybe white space and the
/// next opening quote: `a="1" b="2"`. Between two double quotes of the
/// page is either a value or such a gap, so the run is found from the
/// quotes alone (memchr's search), in one pass over the page; it is
/// sought everywhere, as an upper bound of what the tokenizer meets inside
/// tags (it may count one value more than it chains).
fn attribute_run(html: &str) -> (usize, usize) {
    let white = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    // white space, a name, `=`, white space: from a value to the next
    let gap = |s: &[u8]| {
        let lead = s.iter().take_while(|&&b| white(b)).count();
        let name = s[lead..]
            .iter()
            .take_while(|&&b| !white(b) && !matches!(b, b'/' | b'>' | b'='))
            .count();
        let at = lead + name;
        lead > 0 && name > 0 && s.get(at) == Some(&b'=') && s[at + 1..].iter().all(|&b| white(b))
    };
    let b = html.as_bytes();
    crate::work::step(b.len());
    let mut best = (0, 0);
    // the run that ends with the last value, and the one before (values
    // and gaps alternate between quotes); each as (values, start)
    let mut runs: [(usize, usize); 2] = [(0, 0); 2];
    let mut gap_before = false;
    let mut quotes = memchr::memchr_iter(b'"', b);
    let Some(mut open) = quotes.next() else {
        return best;
    };
    for close in quotes {
        let segment = &b[open + 1..close];
        // as a value: one more than the run two segments back, if the
        // segment between was a gap
        let value = if memchr::memchr(b'&', segment).is_none() {
            let (n, start) = runs[1];
            if gap_before && n > 0 {
                (n + 1, start)
            } else {
                (1, open)
            }
        } else {
            (0, close)
        };
        if value.0 > best.0 {
            best = value;
        }
        gap_before = gap(segment);
        runs = [value, runs[0]];
        open = close;
    }
    best
}

/// Build a story from an HTML page.
pub(super) fn story(shown: &str, path: &Path, html: &str) -> Result<Story, Rejected> {
    refuse_attribute_flood(shown, html)?;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut walk = Walk::new(html);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => walk.start_tag(&tag),
            Token::EndTag(tag) => walk.end_tag(&tag),
            Token::String(s) => walk.text(&s),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    walk.finish(shown, path)
}

/// `Err` with the page's rejection when a tag has more than
/// [`MAX_ATTRIBUTES`] attributes in a row, placed at the name of the run's
/// first attribute; `Ok` otherwise.
fn refuse_attribute_flood(shown: &str, html: &str) -> Result<(), Rejected> {
    let (attributes, quote) = attribute_run(html);
    if attributes <= MAX_ATTRIBUTES {
        return Ok(());
    }
    // at the name of the run's first attribute
    let name = html[..quote].trim_end();
    let name = name.strip_suffix('=').unwrap_or(name).trim_end();
    let at = name
        .rfind(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
        .map_or(0, |k| k + 1);
    let before = &html[..at];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    Err(reject(
        shown,
        Some(line),
        Some(column),
        format!(
            "an HTML tag has more than {MAX_ATTRIBUTES} attributes ({attributes} in a row): \
             the page is not read"
        ),
    ))
}

/// The walk over a page's tokens: the elements open, the paragraphs
/// closed and the one being filled, and what the page says about itself.
struct Walk<'h> {
    html: &'h str,
    stack: Vec<Open>,
    /// Where each element name is open in the stack: an end tag finds its
    /// element at once, not by walking the stack (stray end tags did).
    open_at: rustc_hash::FxHashMap<String, Vec<usize>>,
    paras: Vec<Para>,
    cur: Option<Para>,
    page: Page,
    articles: usize,
    /// The text of the current `<title>` or JSON-LD script.
    raw: String,
    /// The text of `<title>`.
    title: Option<Para>,
}

impl<'h> Walk<'h> {
    fn new(html: &'h str) -> Walk<'h> {
        Walk {
            html,
            stack: Vec::new(),
            open_at: rustc_hash::FxHashMap::default(),
            paras: Vec::new(),
            cur: None,
            page: Page::default(),
            articles: 0,
            raw: String::new(),
            title: None,
        }
    }

    /// Take in a start tag: close the paragraph at a block, read the
    /// metadata of `<meta>`, `<link>` and `<time>`, and open the element
    /// unless it is void or self-closing.
    fn start_tag(&mut self, tag: &StartTag<usize>) {
        let html = self.html;
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attr = |k: &str| {
            tag.attributes.get(k.as_bytes()).map(|v| {
                (
                    String::from_utf8_lossy(&v.value).into_owned(),
                    value_span(html, v.span.start..v.span.end),
                )
            })
        };
        if BLOCK.contains(&name.as_str()) {
            close(&mut self.cur, &mut self.paras);
        }
        self.head_tag(&name, &attr);
        if VOID.contains(&name.as_str()) || tag.self_closing {
            return;
        }
        self.open(name, &attr);
    }

    /// Write what a `<meta>`, a canonical `<link>` or a `<time>` says into
    /// the page's metadata; other tags write nothing.
    fn head_tag(&mut self, name: &str, attr: Attr<'_>) {
        match name {
            "meta" => meta(&mut self.page, self.html, attr),
            "link" => {
                if let (Some((rel, _)), Some((href, _))) = (attr("rel"), attr("href")) {
                    if rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                    {
                        offer(&mut self.page.url, 2, &href);
                    }
                }
            }
            "time" => {
                if let Some((dt, _)) = attr("datetime") {
                    offer_date(&mut self.page.published, 0, &dt);
                }
            }
            _ => {}
        }
    }

    /// Push the element `name` on the stack with what it inherits from its
    /// parent (skipped, in which article, in `<main>`, its text's kind) and
    /// what its raw text is kept for.
    fn open(&mut self, name: String, attr: Attr<'_>) {
        let parent = self.stack.last();
        let in_story = parent.is_some_and(|p| p.article.is_some() || p.main);
        let itemprop = attr("itemprop").is_some_and(|(v, _)| v == "articleBody");
        let skip = parent.is_some_and(|p| p.skip)
            || SKIP.contains(&name.as_str())
            || (name == "header" && !in_story)
            || furniture(attr);
        let article = if (name == "article" || itemprop) && !skip {
            self.articles += 1;
            Some(self.articles)
        } else {
            parent.and_then(|p| p.article)
        };
        let main = name == "main" || parent.is_some_and(|p| p.main);
        let raw_kind = match name.as_str() {
            "title" if !parent.is_some_and(|p| p.skip) => Raw::Title,
            "script"
                if attr("type")
                    .is_some_and(|(t, _)| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                Raw::JsonLd
            }
            _ => Raw::None,
        };
        self.raw.clear();
        self.title = None;
        let kind = kind_of(&name).unwrap_or(parent.map_or(Kind::Paragraph, |p| p.kind));
        self.open_at
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        crate::work::step(1);
        self.stack.push(Open {
            name,
            kind,
            skip,
            article,
            main,
            raw: raw_kind,
        });
    }

    /// Take in an end tag: close the paragraph at a block, and close the
    /// innermost open element of that name with all those inside it,
    /// offering its title or JSON-LD to the page's metadata.
    fn end_tag(&mut self, tag: &EndTag<usize>) {
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        if BLOCK.contains(&name.as_str()) {
            close(&mut self.cur, &mut self.paras);
        }
        let Some(k) = self.open_at.get(&name).and_then(|at| at.last().copied()) else {
            return;
        };
        match self.stack[k].raw {
            Raw::Title => {
                if let Some(p) = self.title.take() {
                    offer_para(&mut self.page.title, 0, p);
                }
            }
            Raw::JsonLd => json_ld(&mut self.page, &self.raw),
            Raw::None => {}
        }
        for closed in self.stack.drain(k..) {
            crate::work::step(1);
            if let Some(at) = self.open_at.get_mut(&closed.name) {
                at.pop();
            }
        }
    }

    /// Take in text: into the title or the JSON-LD being read, else into
    /// the current paragraph unless its element is skipped.
    fn text(&mut self, s: &Spanned<HtmlString, usize>) {
        let html = self.html;
        let Some(top) = self.stack.last() else {
            // text before any element still counts (a bare fragment)
            let p = self
                .cur
                .get_or_insert_with(|| new_para(Kind::Paragraph, None, false));
            take(p, html, &s.value, s.span.start..s.span.end);
            return;
        };
        match top.raw {
            Raw::Title => {
                let p = self
                    .title
                    .get_or_insert_with(|| new_para(Kind::Headline, None, false));
                take(p, html, &s.value, s.span.start..s.span.end);
                return;
            }
            Raw::JsonLd => {
                self.raw.push_str(&String::from_utf8_lossy(&s.value));
                return;
            }
            Raw::None => {}
        }
        if top.skip || top.name == "title" {
            return;
        }
        let kind = top.kind;
        let p = self
            .cur
            .get_or_insert_with(|| new_para(kind, top.article, top.main));
        take(p, html, &s.value, s.span.start..s.span.end);
    }

    /// Close the last paragraph and build the story from the page.
    fn finish(mut self, shown: &str, path: &Path) -> Result<Story, Rejected> {
        close(&mut self.cur, &mut self.paras);
        assemble_page(shown, path, self.html, self.page, self.paras)
    }
}

fn new_para(kind: Kind, article: Option<usize>, main: bool) -> Para {
    Para {
        kind,
        article,
        main,
        text: String::new(),
        pieces: Vec::new(),
        next_src: usize::MAX,
        space: false,
    }
}

fn close(cur: &mut Option<Para>, paras: &mut Vec<Para>) {
    if let Some(p) = cur.take() {
        if !p.text.is_empty() {
            paras.push(p);
        }
    }
}

/// What the text of an element is, if its name says: the nearest such
/// element around a text decides.
fn kind_of(name: &str) -> Option<Kind> {
    match name {
        "h1" => Some(Kind::Headline),
        "figcaption" => Some(Kind::Caption),
        "li" => Some(Kind::ListItem),
        "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "td" | "th" => {
            Some(Kind::Paragraph)
        }
        _ => None,
    }
}

/// An element's attribute by name: its decoded value and the value's bytes
/// in the file.
type Attr<'a> = &'a dyn Fn(&str) -> Option<(String, Range<usize>)>;

fn furniture(attr: Attr<'_>) -> bool {
    if attr("hidden").is_some()
        || attr("aria-hidden").is_some_and(|(v, _)| v == "true")
        || attr("role").is_some_and(|(v, _)| {
            matches!(
                v.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "search"
            )
        })
    {
        return true;
    }
    ["class", "id"].iter().any(|k| {
        attr(k).is_some_and(|(v, _)| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| FURNITURE.iter().any(|f| w.eq_ignore_ascii_case(f)))
        })
    })
}

fn meta(page: &mut Page, html: &str, attr: Attr<'_>) {
    let Some((content, span)) = attr("content") else {
        return;
    };
    let key = attr("property")
        .or_else(|| attr("name"))
        .or_else(|| attr("itemprop"))
        .map(|(k, _)| k.to_ascii_lowercase())
        .unwrap_or_default();
    match key.as_str() {
        "crosscheck:id" => offer(&mut page.id, 3, &content),
        "crosscheck:event" => offer(&mut page.event, 3, &content),
        "crosscheck:outlet" => offer(&mut page.outlet, 3, &content),
        "crosscheck:published" => offer_date(&mut page.published, 3, &content),
        "crosscheck:ignore" => page.ignore.extend(
            content
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        ),
        "og:site_name" | "application-name" | "publisher" => {
            offer(&mut page.outlet, 2, &content);
        }
        "article:published_time"
        | "og:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "date"
        | "dc.date"
        | "dcterms.created"
        | "parsely-pub-date" => {
            offer_date(&mut page.published, 2, &content);
        }
        "og:title" | "twitter:title" | "headline" => {
            let mut p = new_para(Kind::Headline, None, false);
            take(&mut p, html, content.as_bytes(), span);
            offer_para(&mut page.title, 2, p);
        }
        "og:url" => offer(&mut page.url, 1, &content),
        _ => {}
    }
}

fn is_article(v: &serde_json::Value) -> bool {
    let t = &v["@type"];
    let names: Vec<&str> = match t {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    };
    names
        .iter()
        .any(|n| n.ends_with("Article") || *n == "BlogPosting")
}
fn find(v: &serde_json::Value, depth: usize) -> Option<&serde_json::Value> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().find_map(|x| find(x, depth + 1)),
        serde_json::Value::Object(o) if is_article(v) => Some(v).filter(|_| !o.is_empty()),
        serde_json::Value::Object(o) => o.get("@graph").and_then(|g| find(g, depth + 1)),
        _ => None,
    }
}

/// Metadata from JSON-LD (`<script type="application/ld+json">`): the first
/// object typed as an article.
fn json_ld(page: &mut Page, raw: &str) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
        return;
    };
    let Some(a) = find(&v, 0) else {
        return;
    };
    let s = |k: &str| a[k].as_str();
    if let Some(h) = s("headline") {
        offer(&mut page.title, 1, h);
    }
    if let Some(d) = s("datePublished") {
        offer_date(&mut page.published, 1, d);
    }
    if let Some(u) = s("url") {
        offer(&mut page.url, 1, u);
    }
    if let Some(n) = a["publisher"]["name"].as_str() {
        offer(&mut page.outlet, 1, n);
    }
}

/// Take the characters of one text token. `decoded` is what the tokenizer
/// made of `html[span]` (character references resolved, CR LF folded);
/// walk both so each character knows its offset in the file.
fn take(p: &mut Para, html: &str, decoded: &[u8], span: Range<usize>) {
    let decoded = String::from_utf8_lossy(decoded);
    let src = html.get(span.clone()).unwrap_or("");
    let mut d = decoded.char_indices().peekable();
    let mut i = 0;
    while let Some(&(_, dc)) = d.peek() {
        let Some(sc) = src[i..].chars().next() else {
            // the source ran out before the decoded text: anchor the rest
            // at the end of the token
            d.next();
            p.push(dc, span.end, span.end);
            continue;
        };
        if sc == dc && sc != '&' {
            d.next();
            let at = span.start + i;
            i += sc.len_utf8();
            p.push(dc, at, span.start + i);
        } else if sc == '\r' {
            // the tokenizer turns CR LF and a lone CR into LF
            let at = span.start + i;
            i += 1;
            if dc == '\n' {
                d.next();
                if src[i..].starts_with('\n') {
                    i += 1;
                }
                p.push(dc, at, span.start + i);
            }
        } else if sc == '&' {
            // the reference's length in the file: the longest reading after
            // which the file and the decoded text go on alike (`&copy`
            // without its semicolon, a literal `&`, a two-character entity)
            let (j, _) = *d.peek().unwrap_or(&(decoded.len(), ' '));
            let longest = reference_len(&src[i..]);
            let readings = || {
                [1, 2]
                    .into_iter()
                    .flat_map(|n| (1..=longest).rev().map(move |l| (l, n)))
            };
            // the best agreement; among equals, the first reading
            let mut best = ((0u8, 0usize), (longest, 1));
            for (l, n) in readings() {
                let score = in_step(&src[i + l..], &decoded[j..], n);
                if score > best.0 {
                    best = (score, (l, n));
                }
            }
            let (len, chars) = best.1;
            let at = span.start + i;
            i += len;
            // what follows a reference starts a new run (a decoded
            // character is narrower than its reference)
            for _ in 0..chars {
                if let Some((_, c)) = d.next() {
                    p.push(c, at, usize::MAX);
                }
            }
        } else {
            // out of step: markup the tokenizer dropped (`</>`) sits in the
            // span; find where the decoded text goes on in the file
            let (j, _) = *d.peek().unwrap_or(&(decoded.len(), ' '));
            let want: String = decoded[j..].chars().take(8).collect();
            if let Some(skip) = src[i..]
                .char_indices()
                .take(64)
                .map(|(o, _)| o)
                .find(|&o| o > 0 && src[i + o..].starts_with(&want))
            {
                i += skip;
                continue;
            }
            // else (a NUL turned into U+FFFD, say): take the decoded
            // character at the source position and move both on
            d.next();
            let at = span.start + i;
            i += sc.len_utf8();
            p.push(dc, at, span.start + i);
        }
    }
}

/// The value's part of an attribute's span (`name = "value"` gives the
/// bytes inside the quotes).
fn value_span(html: &str, span: Range<usize>) -> Range<usize> {
    let Some(a) = html.get(span.clone()) else {
        return span.end..span.end;
    };
    let Some(eq) = a.find('=') else {
        return span.end..span.end;
    };
    let rest = &a[eq + 1..];
    let lead = rest.len() - rest.trim_start().len();
    let v = &rest[lead..];
    let start = span.start + eq + 1 + lead;
    match v.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &v[1..];
            let len = inner.find(q).unwrap_or(inner.len());
            start + 1..start + 1 + len
        }
        _ => start..start + v.trim_end().len(),
    }
}

/// How well the file's text `src` and the decoded text `dec`, less its
/// first `n` characters, agree up to the next reference: a rank (3 when
/// both reach the same next reference or the end; 2 when the file reaches a
/// reference, or its span ends, after agreeing text; 1 when that happens at
/// once; 0 when they differ) and how many characters agreed first.
fn in_step(src: &str, dec: &str, n: usize) -> (u8, usize) {
    let mut dec = dec.chars();
    for _ in 0..n {
        if dec.next().is_none() {
            return (0, 0);
        }
    }
    // the tokenizer reads CR LF and a lone CR as LF
    let mut chars = src.chars().peekable();
    let mut src = std::iter::from_fn(move || {
        let c = chars.next()?;
        if c == '\r' {
            chars.next_if_eq(&'\n');
            return Some('\n');
        }
        Some(c)
    });
    // up to the next reference: the gaps between references add up to the
    // text, so reading a page stays linear
    let mut k = 0;
    loop {
        match (src.next(), dec.next()) {
            (None, None) | (Some('&'), Some('&')) => return (3, k),
            // the tokenizer's spans can stop short (at the end of a script)
            (Some('&') | None, _) => return (if k > 0 { 2 } else { 1 }, k),
            (Some(a), Some(b)) if a == b => k += 1,
            // markup the tokenizer dropped (`</>`): the longer agreement wins
            _ => return (0, k),
        }
    }
}

/// Length of the character reference at the start of `s` (which starts
/// with `&`); 1 when the ampersand is a literal one.
fn reference_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut k = 1;
    if b.get(1) == Some(&b'#') {
        k = 2;
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        if hex {
            k = 3;
        }
        let digits = b[k..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return 1;
        }
        k += digits;
        return k + usize::from(b.get(k) == Some(&b';'));
    }
    let name = b[1..]
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name == 0 {
        return 1;
    }
    k += name;
    if b.get(k) == Some(&b';') {
        k + 1
    } else {
        // legacy references without a semicolon (`&amp`, `&copy`)
        k
    }
}

/// Line and column of byte offsets of the file, asked in rising order.
struct Lines<'a> {
    src: &'a str,
    off: usize,
    line: usize,
    column: usize,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        Lines {
            src,
            off: 0,
            line: 1,
            column: 1,
        }
    }

    fn at(&mut self, off: usize) -> Anchor {
        let off = off.min(self.src.len());
        if off < self.off {
            (self.off, self.line, self.column) = (0, 1, 1);
        }
        for c in self.src.get(self.off..off).unwrap_or("").chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.off = off;
        Anchor::verbatim(self.line, self.column)
    }
}

fn assemble_page(
    shown: &str,
    path: &Path,
    html: &str,
    page: Page,
    paras: Vec<Para>,
) -> Result<Story, Rejected> {
    // the article with the most text, else <main>, else everything
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    for p in &paras {
        if let Some(a) = p.article {
            *size.entry(a).or_default() += p.text.len();
        }
    }
    let best = size
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(a, _)| *a);
    let any_main = paras.iter().any(|p| p.main);
    let keep = |p: &Para| match best {
        Some(a) => p.article == Some(a),
        None => !any_main || p.main,
    };
    let mut kept: Vec<Para> = paras.into_iter().filter(keep).collect();
    if kept.is_empty() {
        return Err(reject(
            shown,
            None,
            None,
            "no article text found in the HTML page".to_string(),
        ));
    }
    let mut lines = Lines::new(html);
    let headline = kept
        .iter()
        .position(|p| p.kind == Kind::Headline)
        .map(|k| kept.remove(k));
    let mut text = String::new();
    let mut pieces: Vec<(usize, Anchor)> = Vec::new();
    let mut captions = Vec::new();
    for p in &kept {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        if p.kind == Kind::ListItem {
            text.push_str("- ");
        }
        let start = text.len();
        for &(at, src) in &p.pieces {
            pieces.push((start + at, lines.at(src)));
        }
        text.push_str(&p.text);
        if p.kind == Kind::Caption {
            captions.push(start..text.len());
        }
    }
    // the h1, else the page title; a title from JSON-LD has no place in
    // the page's text, so it is metadata only
    let head = headline
        .as_ref()
        .or_else(|| page.title.as_ref().and_then(|t| t.para.as_ref()))
        .map(|h| {
            let mut at = Lines::new(html);
            let pieces = h.pieces.iter().map(|&(k, src)| (k, at.at(src))).collect();
            (h.text.clone(), pieces)
        });
    let title = page
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .or_else(|| head.as_ref().map(|h| h.0.clone()));
    let meta = Meta {
        id: page.id.map(|f| f.value),
        outlet: page.outlet.map(|f| f.value),
        title,
        published: page.published.map(|f| f.value),
        url: page.url.map(|f| f.value),
        event: page.event.map(|f| f.value),
        ignore: page.ignore,
    };
    build(shown, Some(path), meta, head, &text, pieces, captions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Story {
        story("p.html", Path::new("site/p.html"), html).unwrap()
    }

    #[test]
    fn article_text_without_furniture() {
        let s = page(concat!(
            "<html><head><title>Site</title>",
            "<meta property=\"og:site_name\" content=\"Harbour Post\">",
            "<meta property=\"article:published_time\" content=\"2024-05-02T08:00:00Z\">",
            "<link rel=\"canonical\" href=\"https://example.org/flood\">",
            "<script>var x = '12 dead';</script></head><body>",
            "<nav><a href=/>Home</a> 7 sections</nav>",
            "<article><h1>Flood kills 12</h1>",
            "<div class=\"share-bar\">Share 40 times</div>",
            "<p>At least 12 people <em>died</em> in the flood &amp; 300 fled.</p>",
            "<figure><img src=x.jpg><figcaption>Water rose 2 metres</figcaption></figure>",
            "<ul><li>14 bridges shut</li></ul></article>",
            "<aside>Read more: 99 facts</aside><footer>© 2024</footer></body></html>"
        ));
        assert_eq!(&*s.outlet, "Harbour Post");
        assert_eq!(
            s.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(s.url(), Some("https://example.org/flood"));
        assert!(s.text.starts_with("Flood kills 12\n\n"), "{:?}", s.text);
        assert!(
            s.text
                .contains("At least 12 people died in the flood & 300 fled.")
        );
        assert!(s.text.contains("\n\n- 14 bridges shut"));
        for noise in ["Home", "Share", "99 facts", "12 dead", "2024\n", "Site"] {
            assert!(!s.text.contains(noise), "{noise:?} in {:?}", s.text);
        }
        let cap = &s.captions()[0];
        assert_eq!(&s.text[cap.clone()], "Water rose 2 metres");
    }

    #[test]
    fn positions_point_into_the_html() {
        let html = "<html><body>\n<article>\n  <h1>Title 5</h1>\n  <p>First &amp; second\n     line has 35 dead.</p>\n</article></body></html>\n";
        let s = page(html);
        let at = s.text.find("35").unwrap();
        let p = s.position(at);
        let line = html.lines().nth(p.line - 1).unwrap();
        let col: String = line.chars().skip(p.column - 1).take(7).collect();
        assert_eq!(col, "35 dead", "{p:?}");
        let at = s.text.find("second").unwrap();
        let p = s.position(at);
        assert_eq!((p.line, p.column), (4, 18));
        let p = s.position(s.text.find('5').unwrap());
        assert_eq!((p.line, p.column), (3, 13));
        // source newlines inside a paragraph are spaces in the story
        assert!(s.text.contains("second line has"), "{:?}", s.text);
    }

    #[test]
    fn the_biggest_article_wins_and_metadata_falls_back() {
        let s = page(concat!(
            "<head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",",
            "\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":\"NewsArticle\",\"headline\":\"Quay fire\",",
            "\"datePublished\":\"2023-09-14\",\"publisher\":{\"name\":\"Coast Daily\"}}]}</script>",
            "<meta name=\"crosscheck:event\" content=\"quay-fire\"></head>",
            "<article><p>Teaser: 3 links</p></article>",
            "<article><p>Firefighters fought the blaze for 9 hours.</p><p>Two crews came.</p></article>"
        ));
        assert_eq!(&*s.outlet, "Coast Daily");
        assert_eq!(s.event.as_deref(), Some("quay-fire"));
        assert_eq!(s.title(), Some("Quay fire"));
        assert!(!s.text.contains("Teaser"));
        // a JSON-LD headline is metadata, not text with a place in the page
        assert!(s.text.starts_with("Firefighters"), "{:?}", s.text);
    }

    #[test]
    fn a_page_without_text_is_rejected() {
        let r = story("e.html", Path::new("e.html"), "<html><nav>x</nav></html>").unwrap_err();
        assert!(r.reason.contains("no article text"), "{r}");
    }

    /// Issue 16: a tag whose attributes would take the tokenizer deeper
    /// than its stack is rejected with its place, before it is read.
    #[test]
    fn a_tag_with_too_many_attributes_is_rejected() {
        let page = |n: usize, attr: &str| {
            format!(
                "<html><body>\n  <article><p {}>12 people died.</p></article></body></html>",
                attr.repeat(n)
            )
        };
        let r = story("a.html", Path::new("a.html"), &page(25_000, "a=\"\" ")).unwrap_err();
        assert!(r.reason.contains("more than 100 attributes"), "{r}");
        // at the first attribute of the run
        assert_eq!((r.line, r.column), (Some(2), Some(15)), "{r}");
        // a run of `name="value"` is counted wherever it stands
        assert_eq!(attribute_run("<p a=\"1\" bb= \"x y\"\tc=\"\">").0, 3);
        // white space after a name ends the tokenizer's chain of calls,
        // which starts again at the value
        assert_eq!(attribute_run("<p a=\"1\" bb = \"x y\"\tc=\"\">").0, 2);
        assert_eq!(attribute_run("<p a=\"1\"b=\"2\" c=\"3\">").0, 2);
        assert_eq!(attribute_run("<p a=\"&amp;\" b=\"2\">").0, 1);
        assert_eq!(attribute_run("<p a='1' b='2' c=3 d>").0, 0);
        // what the tokenizer does not chain is read, however long
        for attr in ["a='' ", "a=x ", "a ", "a=\"&amp;\" "] {
            let s = page(25_000, attr);
            assert!(story("a.html", Path::new("a.html"), &s).is_ok(), "{attr}");
        }
        // up to the bound, on a worker thread's stack
        let most = page(MAX_ATTRIBUTES, "data-x=\"1\" ");
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let s = story("a.html", Path::new("a.html"), &most).unwrap();
                assert!(s.text.contains("12 people died"));
            })
            .unwrap()
            .join()
            .unwrap();
    }

    /// Issue 16: unclosed inline tags, stray end tags and deep nesting
    /// keep what each text is, as the nearest element says.
    #[test]
    fn unclosed_and_stray_tags() {
        let s = page(&format!(
            "<article>{}<li>{}12 dead</li>{}<p>{}7 hurt</p><figure><figcaption>{}3 boats</figcaption></figure></article>",
            "<b>".repeat(3000),
            "<i><span>".repeat(2000),
            "</em></u></nav>".repeat(3000),
            "<div>".repeat(2000),
            "</p></li>".repeat(100),
        ));
        assert!(
            s.text.contains("- 12 dead"),
            "{:?}",
            &s.text[..80.min(s.text.len())]
        );
        assert!(s.text.contains("7 hurt"));
        let cap = s.captions().first().expect("a caption");
        assert_eq!(&s.text[cap.clone()], "3 boats");
    }

    #[test]
    fn references() {
        assert_eq!(reference_len("&amp; x"), 5);
        assert_eq!(reference_len("&#8217;s"), 7);
        assert_eq!(reference_len("&#x2019;s"), 8);
        assert_eq!(reference_len("& x"), 1);
        assert_eq!(reference_len("&copy 2024"), 5);
    }

    #[test]
    fn references_out_of_the_ordinary_keep_their_place() {
        for html in [
            "<p>x &copAt least 12 &cl>7 of 9 dead</p>",
            "<p>R&amp;D cost &euro;30m &copy 2024, 12&nbsp;dead; &#x1F600;&NotEqualTilde; 9 hurt</p>",
            "<p>a &#0; 5 &#xD800; 6 & 7 &; 8 dead\r\n 9 hurt</p>",
            "<<title>M\n2 dead</title>",
            "\r3\r3 dead\r\n4",
            "&cr&1 dead, &amp;&amp;2 hurt",
            "&qqqqqqqqqqqqqqqqqqq 5 dead",
            "&8\r9 dead &8\r\n7 hurt",
            "&333&9 dead, &amp;x&lt;4 hurt",
            "<script/>&mid 0<",
            "&middd</> 1 dead",
            "<p>12 <b>35ie>35</>bo peple\ne\n 7 died</b> on &#30;arch 3.</p>",
            "<meta property=og:title content=\"Toll\n  at 7\"><p>x</p>",
        ] {
            let s = page(html);
            for (i, c) in s.text.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
                let p = s.position(i);
                let at = html
                    .lines()
                    .nth(p.line - 1)
                    .unwrap()
                    .chars()
                    .nth(p.column - 1);
                assert_eq!(at, Some(c), "{html:?} {:?} at {i}", s.text);
            }
        }
    }
}
