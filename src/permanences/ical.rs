//! iCalendar feeds (RFC 5545) of permanences: one event per occurrence, in UTC (the
//! `icalendar` crate writes no VTIMEZONE), cancelled occurrences kept with
//! `STATUS:CANCELLED` so that calendars remove them, and a stable UID per occurrence.

use super::{AgendaItem, OccurrenceStatus};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// A feed named `name` with one event per item. `public_url` (the server's address, when
/// configured) makes each event link to its place page.
pub fn feed(
    name: &str,
    items: &[AgendaItem],
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.append_property(("X-WR-TIMEZONE", "Europe/Paris"));
    for item in items {
        calendar.push(event(item, public_url, now));
    }
    calendar.done().to_string()
}

fn event(item: &AgendaItem, public_url: Option<&str>, now: DateTime<Utc>) -> Event {
    let permanence = &item.permanence;
    let occurrence = &item.occurrence;
    let mut description = vec!["Gratuit, ouvert à toutes et à tous.".to_owned()];
    if !permanence.data.services.is_empty() {
        description.push(format!(
            "Aide proposée : {}.",
            permanence.data.services.join(", ")
        ));
    }
    if !permanence.data.public_note.is_empty() {
        description.push(permanence.data.public_note.clone());
    }
    let mut summary = format!("{} – {}", permanence.data.title, permanence.place_name);
    let cancelled_because = match &occurrence.status {
        OccurrenceStatus::Cancelled(reason) => Some(reason.clone()),
        OccurrenceStatus::Holiday => Some("jour férié".to_owned()),
        OccurrenceStatus::Planned | OccurrenceStatus::Extra => None,
    };
    if let Some(reason) = &cancelled_because {
        summary = format!("Annulé : {summary}");
        description.insert(0, format!("Cette permanence n'a pas lieu ({reason})."));
    }
    let mut event = Event::new();
    event
        .uid(&format!(
            "permanence-{}-{}@relais",
            permanence.id.0,
            occurrence.date.format("%Y%m%d")
        ))
        .timestamp(now)
        .summary(&summary)
        .description(&description.join("\n"))
        .location(&format!(
            "{}, {}, {} {}",
            permanence.place_name, permanence.address, permanence.postcode, permanence.commune
        ))
        .starts(occurrence.starts_at())
        .ends(occurrence.ends_at());
    if let Some(base) = public_url {
        event.url(&format!(
            "{}/lieux/{}",
            base.trim_end_matches('/'),
            permanence.place_id.0
        ));
    }
    event.status(if cancelled_because.is_some() {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    });
    event.done()
}
