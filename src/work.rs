//! A count of the steps taken by the loops that hostile input once made
//! quadratic, so that tests can prove the work grows linearly.
//!
//! Why count, and what: seconds are no measure on a shared, loaded machine,
//! and counting allocations would need a counting global allocator, which
//! `unsafe_code = "forbid"` rules out. So each loop that walks text, claims,
//! sentences, quotation marks or an element stack on behalf of one item
//! calls [`step`] with the number of elements it visited: the number
//! grammar's tokens and its recursion, the phone-number guard's digit groups,
//! the claim frame's look-back, the search for closing quotation marks, the
//! characters counted for a column, the pieces a sentence is tested
//! against when a story is compacted, the characters of a report's source
//! line, the HTML ingest's open elements and attribute pre-scan. Each such
//! loop was quadratic once (issue 16): before the fixes these counts grew
//! fourfold per doubling of the inputs in [`tests`]; now they grow twofold.
//!
//! Outside `cfg(test)` [`step`] is empty and compiles to nothing. The
//! counter is per thread: tests run in parallel, and the code under test
//! runs on the calling thread (no rayon in what these tests call).

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Count `n` steps of an inner loop.
#[inline]
pub(crate) fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// Run `f` and count the steps it takes on this thread.
#[cfg(test)]
pub(crate) fn counted<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = STEPS.with(std::cell::Cell::get);
    let out = f();
    (out, STEPS.with(std::cell::Cell::get) - before)
}

#[cfg(test)]
mod tests {
    //! Each pathological input of issue 16 at four sizes, doubling: the
    //! steps counted must grow no faster than the input (a factor of at
    //! most 2.5 per doubling leaves room for constant terms; quadratic work
    //! shows a factor near 4).

    use super::counted;

    /// The steps `run` takes at sizes `n`, `2n`, `4n`, `8n`; asserts that
    /// they grow linearly.
    fn linear(what: &str, n: usize, run: impl Fn(usize) -> u64) {
        let steps: Vec<u64> = (0..4).map(|k| run(n << k)).collect();
        assert!(steps[0] > 0, "{what}: nothing counted");
        for w in steps.windows(2) {
            assert!(
                w[1] as f64 <= 2.5 * w[0] as f64,
                "{what}: steps {steps:?} grow faster than the input"
            );
        }
    }

    fn mentions(text: &str) -> u64 {
        counted(|| crate::extract::scan::mentions(text, None)).1
    }

    #[test]
    fn and_chains_in_the_number_grammar() {
        for link in ["1 and ", "one hundred and ", "1 in ", "two out of "] {
            linear(link, 250, |n| {
                mentions(&format!("{}1 people died.", link.repeat(n)))
            });
        }
    }

    fn analysed(body: &str) -> u64 {
        let s = crate::story::inline("s", "Outlet", None, None, None, body).unwrap();
        counted(|| crate::analyse(s)).1
    }

    #[test]
    fn counts_without_a_counted_noun() {
        linear("12 dead. paragraphs", 100, |n| {
            analysed(&"12 dead.\n\n".repeat(n))
        });
        linear("score lines", 100, |n| {
            analysed(&"Rovers 2 United 1\n\n".repeat(n))
        });
    }

    #[test]
    fn runs_of_numbers_and_the_phone_guard() {
        for unit in ["1 ", "1,", "12/35/53/100/", "1-", "1.", "1/", "+1 ", "1, "] {
            linear(unit, 200, |n| mentions(&unit.repeat(n)));
        }
        linear("1, paragraph", 200, |n| analysed(&"1,".repeat(n)));
        linear("1 paragraph", 200, |n| analysed(&"1 ".repeat(n)));
    }

    /// The steps of comparing one event's figures (`rules::figure`).
    fn compared(stories: &[(String, String)]) -> u64 {
        let rules = crate::rules::defaults().unwrap();
        let analyses: Vec<crate::Analysis> = stories
            .iter()
            .enumerate()
            .map(|(i, (outlet, body))| {
                let s =
                    crate::story::inline(&format!("s{i}"), outlet, None, None, None, body).unwrap();
                crate::analyse(s)
            })
            .collect();
        counted(|| {
            let planned = crate::group::Planned {
                event: "e".to_string(),
                stories: (0..analyses.len()).collect(),
                reason: None,
            };
            crate::rules::engine::check_event(&analyses, planned, &rules)
        })
        .1
    }

    #[test]
    fn figures_of_one_measure_in_one_event() {
        // two stories with n tolls each (issue 16, item 6)
        linear("two stories, n tolls each", 100, |n| {
            let tolls = |from: usize| -> String {
                (0..n)
                    .map(|k| format!("{} people were killed.", from + 2 * k))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            compared(&[
                ("Alpha".to_string(), tolls(10)),
                ("Beta".to_string(), tolls(11)),
            ])
        });
        // n stories of one event, each with its own toll
        linear("n stories, n tolls", 600, |n| {
            let stories: Vec<(String, String)> = (0..n)
                .map(|k| {
                    (
                        format!("Outlet {k}"),
                        format!("{} people were killed.", 10 + 3 * k),
                    )
                })
                .collect();
            compared(&stories)
        });
    }

    /// Stories checked, compacted and reported in the default (human)
    /// format, as `check` does.
    fn reported(files: &[(&str, String)]) -> u64 {
        let rules = crate::rules::defaults().unwrap();
        let stories: Vec<crate::story::Story> = files
            .iter()
            .flat_map(|(name, body)| crate::story::from_bytes(name, body.as_bytes()).stories)
            .collect();
        assert_eq!(stories.len(), files.len());
        counted(|| {
            let analyses: Vec<crate::Analysis> = stories.into_iter().map(crate::analyse).collect();
            let planned = crate::group::Planned {
                event: "e".to_string(),
                stories: (0..analyses.len()).collect(),
                reason: None,
            };
            let (group, findings) = crate::rules::engine::check_event(&analyses, planned, &rules);
            assert!(findings.len() >= 25, "{} findings", findings.len());
            let mut spans = vec![Vec::new(); analyses.len()];
            for f in &findings {
                for e in &f.evidence {
                    spans[e.story].push(e.span.clone());
                }
            }
            let analyses: Vec<crate::Analysis> = analyses
                .into_iter()
                .zip(&spans)
                .map(|(a, s)| crate::batch::compact(a, &[], s).0)
                .collect();
            let report = crate::report::CheckReport {
                analyses: &analyses,
                rejected: &[],
                events: std::slice::from_ref(&group),
                findings: &findings,
                min_level: crate::rules::Severity::Info,
                rules: &rules,
                fail_on: None,
                verbose: false,
                tables: None,
                run_at: None,
            };
            let mut out = Vec::new();
            crate::report::emitter(crate::report::CheckFormat::Human)
                .emit(&mut out, &report, false)
                .unwrap();
            out.len()
        })
        .1
    }

    #[test]
    fn a_story_on_one_line_with_many_findings() {
        let sentence = "In the town at least people were killed, officials said. ";
        // (from 100 sentences, 5.7 KB: shorter lines are handed to
        // annotate-snippets whole, which is linear up to a constant)
        linear("one line", 100, |n| {
            reported(&[("a.txt", sentence.repeat(n))])
        });
        // a page on one line: every column is far from its text's
        linear("one-line page", 100, |n| {
            let p = format!("<p class=\"x\">{sentence}</p>");
            reported(&[("a.html", format!("<article>{}</article>", p.repeat(n)))])
        });
        // many findings, one a paragraph: compaction keeps the sentences
        // of each
        linear("paragraphs with findings", 100, |n| {
            reported(&[("a.txt", format!("{sentence}\n\n").repeat(n))])
        });
        // the claims report: a position for each claim
        linear("claims on one line", 1000, |n| {
            let s = crate::story::inline("s", "O", None, None, None, &"1,".repeat(n)).unwrap();
            counted(|| {
                let a = crate::analyse(s);
                let mut out = Vec::new();
                crate::report::claims::write(
                    &mut out,
                    crate::report::claims::ClaimsFormat::Json,
                    &[a],
                    &[],
                    false,
                )
                .unwrap();
            })
            .1
        });
    }

    #[test]
    fn unmatched_opening_quotation_marks() {
        for mark in ["“", "«", "‘", "\"", "'"] {
            linear(mark, 200, |n| analysed(&format!("{mark}word ").repeat(n)));
            // a run of paragraphs, each opening a quote that never closes
            linear(mark, 50, |n| {
                analysed(&format!("{mark}We stay {mark}here and there\n\n").repeat(n))
            });
        }
    }

    fn html(page: &str) -> u64 {
        counted(|| crate::story::from_bytes("p.html", page.as_bytes())).1
    }

    #[test]
    fn html_with_unclosed_inline_tags_and_stray_end_tags() {
        linear("unclosed inline tags", 200, |n| {
            html(&format!("<p>{}</p>", "<b>12 dead ".repeat(n)))
        });
        linear("stray end tags", 200, |n| {
            html(&format!("<p>{}{}</p>", "<b>x".repeat(n), "</i>".repeat(n)))
        });
        linear("captions", 100, |n| {
            let page =
                "<p>Boats sank. Two men swam.</p><figure><figcaption>3 boats</figcaption></figure>";
            let s = crate::story::from_bytes("p.html", page.repeat(n).as_bytes()).stories;
            counted(|| crate::analyse(s.into_iter().next().unwrap())).1
        });
    }

    /// Found by fuzzing the HTML ingest: sentence splitting walked a run
    /// of letters and full stops back whole at each stop.
    #[test]
    fn dotted_runs_in_sentence_splitting() {
        for unit in ["ta.m.", "a.", "U.S.", "it's."] {
            linear(unit, 200, |n| {
                counted(|| crate::text::sentences(&unit.repeat(n), 0)).1
            });
        }
    }
}
