//! The French message that tells a person where a refused passage is and why, with the words
//! around it and the sensitive part masked ("… appeler le 06 •• •• •• 78 …"). Every finding is
//! masked before any excerpt is cut, so no excerpt shows another finding in clear.

use super::{Concern, Finding};
use crate::i18n::Tr;

/// Words of context shown on each side, and at most this many characters.
const CONTEXT_WORDS: usize = 3;
const CONTEXT_CHARS: usize = 40;
/// Excerpts shown per kind of concern; the others are counted.
const EXCERPTS_PER_CONCERN: usize = 2;
const BULLET: char = '•';

/// One French message for `findings` in `text`: for each kind of concern, why it is refused
/// and where (masked excerpts), then how to fix it. Empty when there is nothing to say.
/// Never contains a finding in clear: at most the first two and last two characters of a
/// number, the first letter of an e-mail address, nothing of a secret.
pub fn explain(tr: &Tr, text: &str, findings: &[Finding]) -> String {
    let findings = usable(text, findings);
    if findings.is_empty() {
        return String::new();
    }
    let (masked, spans) = mask_all(text, &findings);
    let mut concerns: Vec<Concern> = Vec::new();
    for finding in &findings {
        if !concerns.contains(&finding.concern) {
            concerns.push(finding.concern);
        }
    }
    let mut sentences = Vec::new();
    let mut omitted = 0;
    for concern in concerns {
        let excerpts: Vec<String> = findings
            .iter()
            .zip(&spans)
            .filter(|(finding, _)| finding.concern == concern)
            .map(|(_, span)| format!("« {} »", excerpt(&masked, *span)))
            .collect();
        let shown = excerpts.len().min(EXCERPTS_PER_CONCERN);
        omitted += excerpts.len() - shown;
        sentences.push(tr.t_args(
            "privacy-where",
            &[
                ("why", tr.t(concern.message_key())),
                ("excerpts", excerpts[..shown].join(" ; ")),
                ("count", shown.to_string()),
            ],
        ));
    }
    if omitted > 0 {
        sentences.push(tr.t1("privacy-more", "count", omitted));
    }
    sentences.push(tr.t("privacy-fix"));
    sentences.join(" ")
}

/// Findings that can be masked: in range, on char boundaries, sorted, not overlapping.
fn usable(text: &str, findings: &[Finding]) -> Vec<Finding> {
    let mut sorted: Vec<Finding> = findings
        .iter()
        .copied()
        .filter(|f| {
            f.start < f.end
                && f.end <= text.len()
                && text.is_char_boundary(f.start)
                && text.is_char_boundary(f.end)
        })
        .collect();
    sorted.sort_by_key(|f| (f.start, f.end));
    let mut kept: Vec<Finding> = Vec::with_capacity(sorted.len());
    for finding in sorted {
        match kept.last_mut() {
            // Overlapping spans are masked as one, so nothing of either shows.
            Some(last) if finding.start < last.end => last.end = last.end.max(finding.end),
            _ => kept.push(finding),
        }
    }
    kept
}

/// `text` with every finding masked, and where each finding now stands in it.
fn mask_all(text: &str, findings: &[Finding]) -> (String, Vec<(usize, usize)>) {
    let mut masked = String::with_capacity(text.len() + 16);
    let mut spans = Vec::with_capacity(findings.len());
    let mut cursor = 0;
    for finding in findings {
        masked.push_str(&text[cursor..finding.start]);
        let start = masked.len();
        let value = &text[finding.start..finding.end];
        let is_number = matches!(
            finding.concern,
            Concern::Phone | Concern::SocialSecurityNumber | Concern::Iban | Concern::PaymentCard
        );
        let shown = if is_number && joins_digits(&text[..finding.start], &text[finding.end..]) {
            // Digits kept at an edge would complete the digits next to it ("…34." + "56"
            // showed a whole phone number): nothing of this number is shown.
            value
                .chars()
                .map(|c| if c.is_alphanumeric() { BULLET } else { c })
                .collect()
        } else {
            mask(finding.concern, value)
        };
        masked.push_str(&shown);
        spans.push((start, masked.len()));
        cursor = finding.end;
    }
    masked.push_str(&text[cursor..]);
    (masked, spans)
}

/// Whether the digits of a number would run into digits of the text around it (directly or
/// across one separator), so that the ends a mask keeps would read as part of another number.
fn joins_digits(before: &str, after: &str) -> bool {
    let separators = |c: char| matches!(c, ' ' | '.' | '-' | '/');
    let before = before.strip_suffix(separators).unwrap_or(before);
    let after = after.strip_prefix(separators).unwrap_or(after);
    before.ends_with(|c: char| c.is_ascii_digit())
        || after.starts_with(|c: char| c.is_ascii_digit())
}

/// The masked form of one sensitive passage.
pub(super) fn mask(concern: Concern, value: &str) -> String {
    match concern {
        // Even the length of a password says too much.
        Concern::Secret => BULLET.to_string().repeat(6),
        Concern::Email => {
            let mut is_first = true;
            value
                .chars()
                .map(|c| match c {
                    '@' | '.' => c,
                    _ if c.is_alphanumeric() && is_first => {
                        is_first = false;
                        c
                    }
                    _ if c.is_whitespace() => c,
                    _ => BULLET,
                })
                .collect()
        }
        Concern::BirthDate => value
            .chars()
            .map(|c| if c.is_ascii_digit() { BULLET } else { c })
            .collect(),
        Concern::Phone | Concern::SocialSecurityNumber | Concern::Iban | Concern::PaymentCard => {
            let total = value.chars().filter(|c| c.is_alphanumeric()).count();
            let keep = if total >= 8 { 2 } else { 0 };
            let mut seen = 0;
            value
                .chars()
                .map(|c| {
                    if !c.is_alphanumeric() {
                        return c;
                    }
                    seen += 1;
                    if seen <= keep || seen > total - keep {
                        c
                    } else {
                        BULLET
                    }
                })
                .collect()
        }
    }
}

/// The masked passage with up to three words on each side, "…" where the text goes on.
fn excerpt(masked: &str, (start, end): (usize, usize)) -> String {
    let before = &masked[..start];
    let after = &masked[end..];
    let before_words: Vec<&str> = before.split_whitespace().collect();
    let after_words: Vec<&str> = after.split_whitespace().collect();
    let before_kept = fitting(before_words.iter().rev().copied());
    let after_kept = fitting(after_words.iter().copied());
    let mut out = String::new();
    if before_kept < before_words.len() {
        out.push_str("… ");
    }
    out.push_str(&before_words[before_words.len() - before_kept..].join(" "));
    if before_kept > 0 && before.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(
        &masked[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if after_kept > 0 && after.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&after_words[..after_kept].join(" "));
    if after_kept < after_words.len() {
        out.push_str(" …");
    }
    out
}

/// How many of `words` (nearest first) fit in the context.
fn fitting<'a>(words: impl Iterator<Item = &'a str>) -> usize {
    let mut chars = 0;
    let mut kept = 0;
    for word in words.take(CONTEXT_WORDS) {
        chars += word.chars().count() + 1;
        if chars > CONTEXT_CHARS && kept > 0 {
            break;
        }
        kept += 1;
    }
    kept
}
