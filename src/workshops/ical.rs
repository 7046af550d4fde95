//! The iCalendar feed of workshops (`/ateliers.ics`): one event per session, in UTC, a stable
//! UID per session, cancelled workshops kept with `STATUS:CANCELLED` so calendars remove them.

use super::AgendaItem;
use crate::i18n::Tr;
use crate::permanences::model::local_to_utc;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

pub fn feed(tr: &Tr, items: &[AgendaItem], base: &str, now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&tr.t("workshops-feed-name"));
    calendar.append_property(("X-WR-TIMEZONE", "Europe/Paris"));
    for item in items {
        let workshop = &item.workshop;
        let session = &item.session;
        let mut summary = workshop.title.clone();
        if item.of > 1 {
            summary = format!(
                "{summary} ({})",
                tr.t_args(
                    "workshops-session-of",
                    &[
                        ("rank", item.rank.to_string()),
                        ("count", item.of.to_string())
                    ]
                )
            );
        }
        let mut description = vec![
            tr.t1(
                "workshops-feed-level",
                "level",
                crate::activities::vocab::label(
                    crate::activities::vocab::WORKSHOP_LEVELS,
                    &workshop.level,
                ),
            ),
            tr.t("workshops-free"),
        ];
        if workshop.cancelled {
            summary = tr.t1("workshops-feed-cancelled", "title", &summary);
            description.insert(0, workshop.cancel_reason.clone());
        }
        if !workshop.description.is_empty() {
            description.push(workshop.description.clone());
        }
        let mut event = Event::new();
        event
            .uid(&format!("atelier-{}-{}@relais", workshop.id.0, session.id))
            .timestamp(now)
            .summary(&summary)
            .description(&description.join("\n"))
            .location(&format!(
                "{}, {}",
                workshop.place_name, workshop.place_address
            ))
            .starts(local_to_utc(session.on_date.and_time(session.start)))
            .ends(local_to_utc(session.on_date.and_time(session.end)))
            .url(&format!(
                "{}/ateliers/{}",
                base.trim_end_matches('/'),
                workshop.id.0
            ))
            .status(if workshop.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
