//! The privacy guard: every free-text field a person submits goes through `check` before it is
//! kept. It finds personal data (e-mail addresses, phone numbers, social-security numbers, dates
//! of birth) and what the charter says never to keep (IBANs, card numbers, passwords, codes).
//! Pure: no database, no I/O. It must never log, store or echo a refused text: logs carry at
//! most the kinds of concern and their count, and messages mask the sensitive part.
//! Detection rules and what deliberately passes: `docs/adr/0008-privacy-guard.md`.

mod checksums;
mod explain;
mod numbers;
mod secrets;
mod words;

#[cfg(test)]
mod tests;

use crate::i18n::Tr;

pub use explain::explain;

/// Why a passage is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concern {
    Email,
    Phone,
    SocialSecurityNumber,
    Iban,
    PaymentCard,
    /// A password, identifier, PIN or access code, or a long random-looking token.
    Secret,
    BirthDate,
}

impl Concern {
    /// The key of the French sentence saying why this is refused (the charter's rule).
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Email => "privacy-concern-email",
            Self::Phone => "privacy-concern-phone",
            Self::SocialSecurityNumber => "privacy-concern-social-security",
            Self::Iban => "privacy-concern-iban",
            Self::PaymentCard => "privacy-concern-card",
            Self::Secret => "privacy-concern-secret",
            Self::BirthDate => "privacy-concern-birth-date",
        }
    }

    /// A short stable name for logs and metrics (never the content).
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::SocialSecurityNumber => "social_security_number",
            Self::Iban => "iban",
            Self::PaymentCard => "payment_card",
            Self::Secret => "secret",
            Self::BirthDate => "birth_date",
        }
    }

    /// When two findings overlap, the stronger evidence wins: a passed checksum first, then
    /// the shapes, then the keyword rules.
    fn rank(self) -> u8 {
        match self {
            Self::Iban => 0,
            Self::SocialSecurityNumber => 1,
            Self::PaymentCard => 2,
            Self::Phone => 3,
            Self::Email => 4,
            Self::BirthDate => 5,
            Self::Secret => 6,
        }
    }
}

/// One refused passage: `text[start..end]` (byte offsets, on char boundaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub concern: Concern,
    pub start: usize,
    pub end: usize,
}

/// Every refused passage of `text`, sorted by position and never overlapping.
pub fn inspect(text: &str) -> Vec<Finding> {
    let mut candidates = Vec::new();
    candidates.extend(numbers::ibans(text));
    candidates.extend(numbers::social_security_numbers(text));
    candidates.extend(numbers::payment_cards(text));
    candidates.extend(numbers::phones(text));
    candidates.extend(words::emails(text));
    candidates.extend(words::birth_dates(text));
    candidates.extend(secrets::after_keywords(text));
    candidates.extend(secrets::random_tokens(text));
    resolve_overlaps(candidates)
}

/// Keeps the strongest of overlapping findings (then the earliest, then the longest), sorted.
fn resolve_overlaps(mut candidates: Vec<Finding>) -> Vec<Finding> {
    candidates.sort_by_key(|f| (f.concern.rank(), f.start, usize::MAX - (f.end - f.start)));
    let mut kept: Vec<Finding> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if candidate.start >= candidate.end {
            continue;
        }
        if kept
            .iter()
            .all(|k| candidate.end <= k.start || candidate.start >= k.end)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

/// `Ok` when `text` may be kept; otherwise the passages to remove. Logs only the kinds and the
/// count of what was refused, never the text.
pub fn check(text: &str) -> Result<(), Vec<Finding>> {
    let findings = inspect(text);
    if findings.is_empty() {
        return Ok(());
    }
    let mut kinds: Vec<&str> = findings.iter().map(|f| f.concern.code()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    tracing::info!(
        privacy.count = findings.len(),
        privacy.kinds = %kinds.join(","),
        "Refused a text holding personal data or a secret"
    );
    Err(findings)
}

/// For a submitted form (`pairs`, as decoded by `web::Form`), one `(field name, French message)`
/// per listed field whose value fails `check`. The caller shows the form again with these
/// messages and the submitted values, and keeps nothing.
pub fn check_fields(tr: &Tr, pairs: &[(String, String)], fields: &[&str]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for field in fields {
        let refused = pairs
            .iter()
            .filter(|(name, _)| name == field)
            .find_map(|(_, value)| check(value).err().map(|findings| (value, findings)));
        if let Some((value, findings)) = refused {
            problems.push(((*field).to_owned(), explain(tr, value, &findings)));
        }
    }
    problems
}
