//! Markdown to HTML for the pages: notes and the prep page. Raw HTML in
//! the markdown is shown as text, images as their description, and only
//! `http`, `https` and `mailto` links (and the page's own `#` anchors)
//! stay links: whatever a note holds, it is words on the page.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
}

/// `text` rendered as HTML, safe to put in a page as it is.
pub(crate) fn to_html(text: &str) -> String {
    let parser = Parser::new_ext(
        text,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS,
    );
    let mut in_image = 0usize;
    let mut unsafe_links: Vec<bool> = Vec::new();
    let events = parser.filter_map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = safe_url(&dest_url);
            unsafe_links.push(ok);
            ok.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let ok = unsafe_links.pop().unwrap_or(false);
            ok.then_some(Event::End(TagEnd::Link))
        }
        Event::InlineMath(s) | Event::DisplayMath(s) => Some(Event::Text(s)),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_notes_is_text() {
        let out = to_html(
            "- <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n[a](javascript:alert(3)) ![i](http://x/y.png) [b](https://example.org)",
        );
        assert!(!out.contains("<img") && !out.contains("<script"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(
            out.contains("<a href=\"https://example.org\">b</a>"),
            "{out}"
        );
        assert!(out.contains("<li>"), "{out}");
    }
}
