//! Detectors that read words: e-mail addresses and dates of birth. A date is refused only
//! after words that say it is a birth date; an address only when it is not a service's
//! shared mailbox.

use super::{Concern, Finding};
use crate::text::fold;
use regex::Regex;
use std::sync::LazyLock;

/// A constant pattern: a typo fails every test at once, never a person's submission.
pub(super) fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("the privacy patterns are valid")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)[\p{L}\p{N}._%+\-]+(?:@|\s?[(\[]at[)\]]\s?)[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}",
    )
});

/// Local parts of shared mailboxes of services: writing "accueil@mairie-angouleme.fr" in a
/// note about where to send a form is no personal data.
const ROLE_MAILBOXES: &[&str] = &[
    "accueil",
    "contact",
    "info",
    "infos",
    "information",
    "support",
    "assistance",
    "secretariat",
    "mairie",
    "noreply",
    "no-reply",
    "ne-pas-repondre",
    "nepasrepondre",
    "bonjour",
    "hello",
    "service-client",
    "serviceclient",
    "communication",
    "direction",
    "webmaster",
    "courrier",
    "standard",
    "reservation",
    "inscription",
    "inscriptions",
];

/// E-mail addresses (also "jean(at)exemple.fr"), except shared mailboxes of services.
pub fn emails(text: &str) -> Vec<Finding> {
    EMAIL
        .find_iter(text)
        .filter(|m| {
            let local = m.as_str().split(['@', '(', '[', ' ']).next().unwrap_or("");
            !ROLE_MAILBOXES.contains(&fold(local).trim_matches('.'))
        })
        .map(|m| Finding {
            concern: Concern::Email,
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

static BIRTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:janv(?:ier|\.)?|f[ée]v(?:rier|r?\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?)";
    pattern(&format!(
        r"(?i)\b(?:n[ée]e?s?(?:\s*\(e\))?(?:\s+à\s+[\p{{L}}\-' ]{{1,40}}?)?\s+le|date\s+de\s+naissance|ddn|naissance\s*:)\s*[:=]?\s*(?:le\s+)?(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}(?:\s*[/.\-]\s*\d{{2,4}})?|(?:\d{{1,2}}|1er|premier)\s+{month}(?:\s+\d{{4}})?)"
    ))
});

/// Dates of birth: a date after "né le", "née le", "né(e) à Cognac le", "date de naissance",
/// "DDN". A date alone ("rdv le 12/03") or a birth year alone passes.
pub fn birth_dates(text: &str) -> Vec<Finding> {
    BIRTH_DATE
        .captures_iter(text)
        .filter_map(|captures| captures.name("date"))
        .filter(|date| is_plausible_date(date.as_str()))
        .map(|date| Finding {
            concern: Concern::BirthDate,
            start: date.start(),
            end: date.end(),
        })
        .collect()
}

/// A numeric date's day and month are in range; dates with month names always are.
fn is_plausible_date(date: &str) -> bool {
    let numbers: Vec<u32> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    match numbers.as_slice() {
        [year, month, day] if *year > 31 => (1..=12).contains(month) && (1..=31).contains(day),
        [day, month, ..] if date.bytes().filter(u8::is_ascii_alphabetic).count() == 0 => {
            (1..=31).contains(day) && (1..=12).contains(month)
        }
        _ => true,
    }
}
