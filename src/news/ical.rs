//! The iCalendar feed (RFC 5545) of published events, in UTC like the permanences' feeds
//! (`permanences::ical`), one event per item with a stable UID.

use super::NewsItem;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// A feed named `name`; items without times (not events) are skipped. `public_url` makes each
/// event link to its public page.
pub fn feed(
    name: &str,
    items: &[NewsItem],
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.append_property(("X-WR-TIMEZONE", "Europe/Paris"));
    for item in items {
        let (Some(starts), Some(ends)) = (item.data.starts_at, item.data.ends_at) else {
            continue;
        };
        let mut event = Event::new();
        event
            .uid(&format!("actualite-{}@relais", item.id.0))
            .timestamp(now)
            .summary(&item.data.title)
            .description(&item.data.body)
            .location(&item.data.location)
            .starts(starts)
            .ends(ends)
            .status(EventStatus::Confirmed);
        if let Some(base) = public_url
            && item.data.is_public
        {
            event.url(&format!(
                "{}/actualites/{}",
                base.trim_end_matches('/'),
                item.id.0
            ));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
