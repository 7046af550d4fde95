//! A small Atom 1.0 writer (RFC 4287) for the public news feed. Every text and attribute is
//! escaped here, once; entry contents are HTML already made inert by the Markdown renderer and
//! travel escaped (`type="html"`). No crate: the format needs a dozen elements.

use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write;

/// A feed and its entries, newest first.
#[derive(Clone, Debug)]
pub struct Feed {
    /// A permanent IRI (the public page's address, or a `tag:` IRI).
    pub id: String,
    pub title: String,
    /// The feed's own address and the page it mirrors.
    pub self_url: String,
    pub page_url: String,
    pub author: String,
    /// The newest entry's update, or the feed's creation when empty.
    pub updated: DateTime<Utc>,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub url: String,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// A category label (the item's kind).
    pub category: String,
    /// Safe HTML.
    pub content_html: String,
}

/// Text as XML character data or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: dropped rather than making the feed unreadable.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The feed as an XML document.
pub fn render(feed: &Feed) -> String {
    let mut xml = String::with_capacity(1024 + feed.entries.len() * 1024);
    // `write!` into a String cannot fail.
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n\
         <id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <author><name>{}</name></author>\n<generator>Relais</generator>\n",
        escape(&feed.id),
        escape(&feed.title),
        instant(feed.updated),
        escape(&feed.self_url),
        escape(&feed.page_url),
        escape(&feed.author),
    );
    for entry in &feed.entries {
        let _ = write!(
            xml,
            "<entry>\n<id>{}</id>\n<title type=\"text\">{}</title>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n\
             <category term=\"{}\"/>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&entry.id),
            escape(&entry.title),
            escape(&entry.url),
            instant(entry.published),
            instant(entry.updated),
            escape(&entry.category),
            escape(&entry.content_html),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>\u{1}\n"),
            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;\n"
        );
    }

    #[test]
    fn a_feed_holds_its_entries_with_escaped_text() {
        let feed = Feed {
            id: "https://relais.example.fr/actualites".into(),
            title: "Actualités & agenda".into(),
            self_url: "https://relais.example.fr/actualites.atom".into(),
            page_url: "https://relais.example.fr/actualites".into(),
            author: "Réseau de Val-Fleuri".into(),
            updated: at("2026-03-02T09:00:00Z"),
            entries: vec![Entry {
                id: "https://relais.example.fr/actualites/7".into(),
                title: "Café <numérique>".into(),
                url: "https://relais.example.fr/actualites/7?a=1&b=2".into(),
                published: at("2026-03-01T08:00:00Z"),
                updated: at("2026-03-02T08:00:00Z"),
                category: "Événement".into(),
                content_html: "<p>Venez &amp; voyez</p>".into(),
            }],
        };
        let xml = render(&feed);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        assert!(xml.contains("<title>Actualités &amp; agenda</title>"));
        assert!(xml.contains("<title type=\"text\">Café &lt;numérique&gt;</title>"));
        assert!(xml.contains("href=\"https://relais.example.fr/actualites/7?a=1&amp;b=2\""));
        assert!(
            xml.contains(
                "<content type=\"html\">&lt;p&gt;Venez &amp;amp; voyez&lt;/p&gt;</content>"
            )
        );
        assert!(xml.contains("<updated>2026-03-02T09:00:00Z</updated>"));
        assert_eq!(xml.matches("<entry>").count(), 1);
        assert!(xml.ends_with("</feed>\n"));
    }
}
