//! Charter texts are Markdown (CommonMark, `pulldown-cmark`), rendered two ways: safe HTML for
//! pages and plain blocks for PDF templates (data, never Typst markup). Raw HTML never passes:
//! HTML blocks and inline tags are dropped, links keep only safe schemes, images become their
//! text, and heading levels move down one so the page keeps a single `<h1>`. Pure functions.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// Link targets allowed besides relative ones (`/lieux`, `#engagements`, `page.html`).
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// Whether a link target may be followed: a relative address or one of [`SAFE_SCHEMES`].
/// White space and control characters are ignored, as browsers ignore them.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") || cleaned.starts_with("/\\") {
        // Protocol-relative: another site, with whatever scheme the page has. Allowed only
        // as plain http(s) links, which these are not written as.
        return false;
    }
    match cleaned.find([':', '/', '?', '#']) {
        Some(position) if cleaned[position..].starts_with(':') => {
            SAFE_SCHEMES.contains(&&cleaned[..position])
        }
        _ => true,
    }
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The events that may reach HTML: raw HTML dropped, unsafe links unwrapped (their text
/// stays), images replaced by their alternative text, headings one level down.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut is_link_dropped = false;
    parser(markdown).filter_map(move |event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if is_safe_url(&dest_url) {
                is_link_dropped = false;
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                is_link_dropped = true;
                None
            }
        }
        Event::End(TagEnd::Link) if is_link_dropped => {
            is_link_dropped = false;
            None
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: shift(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        other => Some(other),
    })
}

/// Markdown as HTML that is safe to put in a page as is.
pub fn to_safe_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, safe_events(markdown));
    html
}

/// A block of text for a PDF template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// `heading`, `paragraph` or `item`.
    pub kind: &'static str,
    /// Heading level (1 = largest in the charter), or list depth (1 = top list).
    pub level: u8,
    /// "3." for an item of a numbered list, "•" otherwise; empty for other blocks.
    pub marker: String,
    pub spans: Vec<Span>,
}

/// A run of text, bold or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

/// Markdown as plain blocks: headings, paragraphs and list items with bold runs. Links keep
/// their text, images their alternative text; raw HTML is dropped.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    // For each open list, the next number (None for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut strong = 0usize;
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(block) = current.take()
            && block.spans.iter().any(|span| !span.text.trim().is_empty())
        {
            blocks.push(block);
        }
    };
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks);
                current = Some(Block {
                    kind: "heading",
                    level: level as u8,
                    marker: String::new(),
                    spans: Vec::new(),
                });
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_)) => {
                if current.is_none() {
                    current = Some(Block {
                        kind: "paragraph",
                        level: 0,
                        marker: String::new(),
                        spans: Vec::new(),
                    });
                } else if let Some(block) = current.as_mut() {
                    push_text(block, " ", false);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Heading(_))
                if current.as_ref().is_some_and(|block| block.kind != "item") =>
            {
                flush(&mut current, &mut blocks);
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut current, &mut blocks);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut blocks);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks);
                let marker = match lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}.");
                        *number += 1;
                        marker
                    }
                    _ => "•".to_owned(),
                };
                current = Some(Block {
                    kind: "item",
                    level: lists.len().clamp(1, 6) as u8,
                    marker,
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::Item) => flush(&mut current, &mut blocks),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => {
                let block = current.get_or_insert_with(|| Block {
                    kind: "paragraph",
                    level: 0,
                    marker: String::new(),
                    spans: Vec::new(),
                });
                push_text(block, &text, strong > 0);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = current.as_mut() {
                    push_text(block, " ", strong > 0);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn push_text(block: &mut Block, text: &str, strong: bool) {
    let text = text.replace('\n', " ");
    match block.spans.last_mut() {
        Some(last) if last.strong == strong => last.text.push_str(&text),
        _ => block.spans.push(Span { text, strong }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Attempts to get markup or script through, from the usual XSS cheat sheets.
    const XSS_CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<details open ontoggle=alert(1)>",
        "[clic](javascript:alert(1))",
        "[clic](JAVASCRIPT:alert(1))",
        "[clic](  javascript:alert(1) )",
        "[clic](<java script:alert(1)>)",
        "[clic](&#106;avascript:alert(1))",
        "[clic](&#x6A;avascript&#58;alert(1))",
        "[clic](java&#x09;script:alert(1))",
        "[clic](vbscript:msgbox(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[clic](//evil.example/)",
        "[clic]: javascript:alert(1)\n\n[clic]",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](x.png)",
        "[x](https://ok.example/\"onmouseover=\"alert(1))",
        "[x](https://ok.example/ \"t\\\" onmouseover=alert(1) x=\\\"\")",
        "`<script>alert(1)</script>`",
        "    <script>alert(1)</script>",
        "# <script>alert(1)</script>",
        "<!-- <script>alert(1)</script> -->",
        "<style>body{display:none}</style>",
        "<form action=/deconnexion method=post><button>x</button></form>",
        "**<b onclick=alert(1)>gras</b>**",
        "<<script>script>alert(1)<</script>/script>",
    ];

    /// What must never appear in rendered HTML: a live tag other than those Markdown makes, an
    /// event handler attribute inside a tag, or a dangerous URL in an attribute.
    fn assert_harmless(html: &str, source: &str) {
        let allowed = [
            "p",
            "/p",
            "a",
            "/a",
            "h2",
            "/h2",
            "h3",
            "/h3",
            "strong",
            "/strong",
            "em",
            "/em",
            "code",
            "/code",
            "pre",
            "/pre",
            "ul",
            "/ul",
            "ol",
            "/ol",
            "li",
            "/li",
            "br",
            "hr",
            "blockquote",
            "/blockquote",
            "del",
            "/del",
        ];
        for piece in html.split('<').skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                allowed.contains(&name.as_str()),
                "tag <{name}> from {source:?}: {html}"
            );
            let tag = piece
                .split('>')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            if let Some(href) = tag.split("href=\"").nth(1) {
                let href = href.split('"').next().unwrap_or_default();
                let decoded = href.replace("&amp;", "&");
                assert!(is_safe_url(&decoded), "href {href} from {source:?}");
            }
            // Attribute names only: values are quoted, and quotes inside them are escaped.
            let names: String = tag.split('"').step_by(2).collect();
            assert!(!names.contains(" on"), "handler in <{tag}> from {source:?}");
            for attribute in ["style=", "src=", "srcdoc="] {
                assert!(
                    !names.contains(attribute),
                    "{attribute} in <{tag}> from {source:?}"
                );
            }
        }
    }

    #[test]
    fn no_entry_of_the_xss_corpus_reaches_the_page_as_markup() {
        for source in XSS_CORPUS {
            let html = to_safe_html(source);
            assert_harmless(&html, source);
            // Also inside a larger text, where parsing contexts differ.
            let embedded =
                format!("Début du texte.\n\n- un point {source} suite\n\n{source}\n\nFin.");
            assert_harmless(&to_safe_html(&embedded), &embedded);
        }
    }

    #[test]
    fn unsafe_links_keep_their_text_and_safe_links_stay() {
        assert_eq!(
            to_safe_html("[le site](javascript:alert(1))"),
            "<p>le site</p>\n"
        );
        assert_eq!(
            to_safe_html("[la carte](/lieux) et [écrire](mailto:a@exemple.fr)"),
            "<p><a href=\"/lieux\">la carte</a> et <a href=\"mailto:a@exemple.fr\">écrire</a></p>\n"
        );
        assert_eq!(
            to_safe_html("![photo du lieu](x.png)"),
            "<p>photo du lieu</p>\n"
        );
    }

    #[test]
    fn urls_are_judged_by_their_scheme() {
        for safe in [
            "https://exemple.fr",
            "/lieux?q=a:b",
            "#haut",
            "page",
            "tel:0102030405",
            "HTTP://X.FR",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for bad in [
            "javascript:x",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "data:x",
            "vbscript:x",
            "file:///etc",
            "//evil.example",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn headings_move_down_one_level_and_text_is_escaped() {
        assert_eq!(to_safe_html("# Titre"), "<h2>Titre</h2>\n");
        assert_eq!(
            to_safe_html("Tom & Jerry < 3"),
            "<p>Tom &amp; Jerry &lt; 3</p>\n"
        );
    }

    #[test]
    fn blocks_for_pdf_keep_words_bold_and_lists_without_markup() {
        let blocks = to_blocks(
            "# Titre\n\nUn **texte** avec [lien](https://x.fr) et <b>html</b>.\n\n1. premier\n2. second\n   - dedans\n\n<div>bloc</div>\n",
        );
        let kinds: Vec<(&str, u8, &str)> = blocks
            .iter()
            .map(|b| (b.kind, b.level, b.marker.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("heading", 1, ""),
                ("paragraph", 0, ""),
                ("item", 1, "1."),
                ("item", 1, "2."),
                ("item", 2, "•"),
            ]
        );
        let paragraph = &blocks[1].spans;
        assert_eq!(paragraph[0].text, "Un ");
        assert!(paragraph[1].strong);
        assert_eq!(paragraph[2].text, " avec lien et html.");
        assert!(to_blocks("").is_empty());
    }
}
