//! The HTML report: self-contained, and inert whatever the stories contain.

use assert_cmd::Command;

#[test]
fn hostile_stories_come_out_inert() {
    let dir = std::env::temp_dir().join(format!("crosscheck-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let evil = |name: &str, n: &str, url: &str| {
        format!(
            "---\nid: {name}\noutlet: \"<img src=x onerror=alert(1)>{name}\"\ntitle: \"<script>alert('t')</script> {n} dead\"\nurl: \"{url}\"\nevent: hostile\npublished: 2024-01-02\n---\n<script>alert(document.cookie)</script> Police said {n} people were killed \" onmouseover=\"alert(1)\" <a href=\"javascript:alert(2)\">here</a>. At least people were hurt.\n"
        )
    };
    std::fs::write(dir.join("a.md"), evil("a", "12", "javascript:alert(3)")).unwrap();
    std::fs::write(
        dir.join("b.md"),
        evil("b", "21", "https://example.com/b?x=<y>"),
    )
    .unwrap();
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "html"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("Death toll"), "the report has its content");
    assert!(html.contains("&lt;script&gt;"), "story text is escaped");
    // every real tag of the page: none runs code, loads anything or handles events
    let mut rest = html.as_str();
    let mut tags = 0;
    while let Some(k) = rest.find('<') {
        let end = rest[k..].find('>').map_or(rest.len(), |e| k + e + 1);
        let tag = rest[k..end].to_lowercase();
        tags += 1;
        assert!(
            !tag.starts_with("<script") && !tag.starts_with("<img") && !tag.starts_with("<iframe"),
            "{tag}"
        );
        assert!(!tag.contains("javascript:"), "{tag}");
        let handler = tag
            .split_whitespace()
            .any(|a| a.starts_with("on") && a.contains('='));
        assert!(!handler, "{tag}");
        rest = &rest[end..];
    }
    assert!(tags > 50);
    // the only link is the http(s) one, escaped
    assert!(
        html.contains("href=\"https://example.com/b?x=&lt;y&gt;\""),
        "{}",
        &html[..html.len().min(400)]
    );
    // self-contained: nothing fetched from anywhere
    for external in ["src=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn the_diff_page_shows_both_stories() {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "diff",
            "--format",
            "html",
            "examples/batch/flood/harbour-herald.md",
            "examples/batch/flood/valley-post.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<h1>Harbour Herald ↔ Valley Post</h1>"),
        "{}",
        &html[..600]
    );
    assert!(html.contains("✗ differs"));
    assert!(html.contains(
        "<del><span class=\"visually\">[removed: </span>not<span class=\"visually\">]</span></del>"
    ));
    assert!(!html.contains("<script"));
}
