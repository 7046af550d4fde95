//! Detectors for numbers: phones, social-security numbers, payment cards and IBANs. Digits are
//! read as "runs" of groups ("06 12 34 56 78" is one run of five groups), and a number is looked
//! for in windows of whole groups, so "le 3 06 12 34 56 78" still finds the phone and a number
//! glued to a word ("Windows11", "14h30") is never read.

use super::checksums::{iban_valid, luhn_valid, nir_key_valid};
use super::{Concern, Finding};

/// Characters that may separate the groups of one number (at most three in a row).
fn is_separator(ch: char) -> bool {
    matches!(ch, ' ' | '.' | '-' | '\u{a0}' | '\u{202f}')
}

struct Group {
    start: usize,
    end: usize,
    /// Digits, with an upper-case `A` or `B` after a `2` (Corsica in a social-security number).
    chars: String,
}

impl Group {
    fn is_digits(&self) -> bool {
        self.chars.bytes().all(|b| b.is_ascii_digit())
    }
}

struct Run {
    groups: Vec<Group>,
    /// `separators[i]` stands between `groups[i]` and `groups[i + 1]`.
    separators: Vec<String>,
    /// The run is glued to a following letter ("14h", "2000ans").
    is_followed_by_letter: bool,
    /// A `+` stands right before the run: an international number, read elsewhere.
    is_after_plus: bool,
}

impl Run {
    /// The characters of groups `first..=last`, concatenated.
    fn window(&self, first: usize, last: usize) -> String {
        self.groups[first..=last]
            .iter()
            .map(|g| g.chars.as_str())
            .collect()
    }

    fn finding(&self, concern: Concern, first: usize, last: usize) -> Finding {
        Finding {
            concern,
            start: self.groups[first].start,
            end: self.groups[last].end,
        }
    }
}

/// Every run of digit groups that does not start inside a word.
fn runs(text: &str) -> Vec<Run> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(at, _)| *at);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_run =
            chars[i].1.is_ascii_digit() && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        if !starts_run {
            i += 1;
            continue;
        }
        let is_after_plus = i > 0 && chars[i - 1].1 == '+';
        let mut groups = Vec::new();
        let mut separators = Vec::new();
        loop {
            let group_start = i;
            let mut group = String::new();
            while let Some(&(_, ch)) = chars.get(i) {
                let is_corsica = matches!(ch, 'A' | 'B' | 'a' | 'b')
                    && group.ends_with('2')
                    && !group.contains(['A', 'B']);
                if ch.is_ascii_digit() || is_corsica {
                    group.push(ch.to_ascii_uppercase());
                    i += 1;
                } else {
                    break;
                }
            }
            groups.push(Group {
                start: byte_at(group_start),
                end: byte_at(i),
                chars: group,
            });
            let mut j = i;
            let mut separator = String::new();
            while j < chars.len() && j - i < 3 && is_separator(chars[j].1) {
                separator.push(chars[j].1);
                j += 1;
            }
            if !separator.is_empty() && chars.get(j).is_some_and(|(_, ch)| ch.is_ascii_digit()) {
                separators.push(separator);
                i = j;
            } else {
                break;
            }
        }
        let is_followed_by_letter = chars.get(i).is_some_and(|(_, ch)| ch.is_alphabetic());
        runs.push(Run {
            groups,
            separators,
            is_followed_by_letter,
            is_after_plus,
        });
        // Skip the rest of a word the run is glued to, so its digits start no new run.
        while chars.get(i).is_some_and(|(_, ch)| ch.is_alphanumeric()) {
            i += 1;
        }
    }
    runs
}

/// Cards have at most 19 digits; phones and social-security numbers fewer.
const LONGEST_NUMBER: usize = 19;

/// For each run, the windows of whole groups `first..=last` accepted by `accept`, the longest
/// first from each starting group, never overlapping.
fn scan_windows(
    text: &str,
    concern: Concern,
    accept: impl Fn(&str, &Run, usize, usize) -> bool,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for run in runs(text) {
        let mut first = 0;
        while first < run.groups.len() {
            // Windows longer than any number we look for are never built: a run of thousands
            // of groups stays linear.
            let mut length = 0;
            let reachable = run.groups[first..]
                .iter()
                .take_while(|group| {
                    length += group.chars.len();
                    length <= LONGEST_NUMBER
                })
                .count();
            let hit = (first..first + reachable)
                .rev()
                .find(|&last| accept(text, &run, first, last));
            match hit {
                Some(last) => {
                    found.push(run.finding(concern, first, last));
                    first = last + 1;
                }
                None => first += 1,
            }
        }
    }
    found
}

/// French national numbers: ten digits starting `01`–`07` or `09` (never `08`: those are
/// service numbers, free or charged, not a person's line), written whole or in groups of an
/// even size with one kind of separator ("06 12 34 56 78", "06.12.34.56.78", "0612345678",
/// "0692 12 34 56"); plus international numbers (`+33`, `0033`, overseas codes, any `+`).
pub fn phones(text: &str) -> Vec<Finding> {
    let mut found = scan_windows(text, Concern::Phone, |_, run, first, last| {
        let digits = run.window(first, last);
        let groups = &run.groups[first..=last];
        let separators = &run.separators[first..last];
        digits.len() == 10
            && !(first == 0 && run.is_after_plus)
            && !(last + 1 == run.groups.len() && run.is_followed_by_letter)
            && digits.starts_with('0')
            && matches!(digits.as_bytes()[1], b'1'..=b'7' | b'9')
            && groups
                .iter()
                .all(|g| g.is_digits() && g.chars.len() % 2 == 0)
            && separators.windows(2).all(|pair| pair[0] == pair[1])
    });
    found.extend(international_phones(text));
    found
}

/// National digits expected after a French or overseas country code (`None`: not one of ours).
fn national_length(country: &str) -> Option<usize> {
    match country {
        "33" | "262" | "269" | "590" | "594" | "596" => Some(9),
        "689" => Some(8),
        "508" | "681" | "687" => Some(6),
        _ => None,
    }
}

/// `+33 6 12 34 56 78`, `+33 (0)6 12 34 56 78`, `0033 6 12 34 56 78`, `+262 692 12 34 56`,
/// `+687 12 34 56`, and any other `+` followed by 8 to 15 digits.
fn international_phones(text: &str) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let is_word_start = i == 0 || !chars[i - 1].1.is_alphanumeric();
        let (is_plus, digits_from) = match chars[i].1 {
            '+' if is_word_start => (true, i + 1),
            '0' if is_word_start && chars.get(i + 1).is_some_and(|(_, ch)| *ch == '0') => {
                (false, i + 2)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let digits = collect_phone_digits(text, &chars, digits_from);
        let end = international_end(&digits, is_plus);
        match end {
            Some(end) => {
                found.push(Finding {
                    concern: Concern::Phone,
                    start: chars[i].0,
                    end,
                });
                i = chars.partition_point(|(at, _)| *at < end);
            }
            None => i += 1,
        }
    }
    found
}

/// Where an international number ends (a byte offset), given its digits and their ends.
fn international_end(digits: &[(char, usize)], is_plus: bool) -> Option<usize> {
    let text: String = digits.iter().map(|(d, _)| *d).collect();
    for country_length in 2..=3 {
        let Some(country) = text.get(..country_length) else {
            continue;
        };
        let Some(national) = national_length(country) else {
            continue;
        };
        // "+33 06 …": a trunk zero written by habit is not part of the number.
        let mut from = country_length;
        if text.as_bytes().get(from) == Some(&b'0') {
            from += 1;
        }
        let last = from + national - 1;
        let is_service = country == "33" && text.as_bytes().get(from) == Some(&b'8');
        return (last < digits.len() && !is_service).then(|| digits[last].1);
    }
    (is_plus && (8..=15).contains(&digits.len())).then(|| digits[digits.len() - 1].1)
}

/// The digits from `from` on, each with the byte offset just after it, across separators and
/// one "(0)"; at most 15, and nothing if a letter is glued to the first group.
fn collect_phone_digits(text: &str, chars: &[(usize, char)], from: usize) -> Vec<(char, usize)> {
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(at, _)| *at);
    let mut digits = Vec::new();
    let mut i = from;
    // "+ 33": one space after the plus is common.
    if chars.get(i).is_some_and(|(_, ch)| *ch == ' ') {
        i += 1;
    }
    let mut has_trunk = false;
    while digits.len() < 15 {
        match chars.get(i).map(|(_, ch)| *ch) {
            Some(ch) if ch.is_ascii_digit() => {
                digits.push((ch, byte_at(i + 1)));
                i += 1;
            }
            Some('(') if !has_trunk && !digits.is_empty() => {
                let rest = text.get(byte_at(i)..).unwrap_or("");
                if rest.starts_with("(0)") {
                    has_trunk = true;
                    i += 3;
                } else {
                    break;
                }
            }
            Some(ch) if is_separator(ch) && !digits.is_empty() => {
                let mut j = i;
                while j < chars.len() && j - i < 3 && is_separator(chars[j].1) {
                    j += 1;
                }
                match chars.get(j).map(|(_, ch)| *ch) {
                    Some(next) if next.is_ascii_digit() || next == '(' => i = j,
                    _ => break,
                }
            }
            _ => break,
        }
    }
    if chars.get(i).is_some_and(|(_, ch)| ch.is_alphabetic()) {
        // Glued to a word ("+33km"): whatever it is, not written as a phone number.
        while digits.last().is_some_and(|(_, end)| *end > byte_at(i)) {
            digits.pop();
        }
    }
    digits
}

/// Social-security numbers (NIR): 15 characters in whole groups, sex `1`, `2`, `7` or `8`, a
/// month `01`–`12`, `20`–`42` or `50`–`99`, a department (`2A`/`2B` for Corsica), and the key.
pub fn social_security_numbers(text: &str) -> Vec<Finding> {
    scan_windows(
        text,
        Concern::SocialSecurityNumber,
        |_, run, first, last| {
            let nir = run.window(first, last);
            is_plausible_nir(&nir) && nir_key_valid(&nir)
        },
    )
}

fn is_plausible_nir(nir: &str) -> bool {
    let bytes = nir.as_bytes();
    if bytes.len() != 15 || !matches!(bytes[0], b'1' | b'2' | b'7' | b'8') {
        return false;
    }
    let letters_ok = bytes.iter().enumerate().all(|(i, b)| {
        b.is_ascii_digit() || (i == 6 && bytes[5] == b'2' && matches!(b, b'A' | b'B'))
    });
    let month = nir.get(3..5).and_then(|m| m.parse::<u8>().ok());
    let month_ok = matches!(month, Some(1..=12 | 20..=42 | 50..=99));
    let department_ok = nir.get(5..7).is_some_and(|d| d != "00");
    letters_ok && month_ok && department_ok
}

/// Payment cards: 13 to 19 digits in whole groups, a plausible network prefix, Luhn valid.
/// A 14-digit number is read as a SIRET (also Luhn valid) unless card words stand before it.
pub fn payment_cards(text: &str) -> Vec<Finding> {
    scan_windows(text, Concern::PaymentCard, |text, run, first, last| {
        let digits = run.window(first, last);
        if !(13..=19).contains(&digits.len())
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !has_card_prefix(&digits)
            || !luhn_valid(&digits)
        {
            return false;
        }
        digits.len() != 14 || has_card_words_before(text, run.groups[first].start)
    })
}

/// Visa (4), Mastercard (51–55, 2221–2720), Maestro and Discover (5, 6), American Express
/// (34, 37; 15 digits), JCB (35; 16 or more), Diners (30, 36, 38, 39).
fn has_card_prefix(digits: &str) -> bool {
    let two: u32 = digits.get(..2).and_then(|d| d.parse().ok()).unwrap_or(0);
    let four: u32 = digits.get(..4).and_then(|d| d.parse().ok()).unwrap_or(0);
    match two {
        40..=69 => true,
        22..=27 => (2221..=2720).contains(&four) && digits.len() == 16,
        34 | 37 => digits.len() == 15,
        35 => digits.len() >= 16,
        30 | 36 | 38 | 39 => digits.len() >= 14,
        _ => false,
    }
}

fn has_card_words_before(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = crate::text::fold(&text[from..start]);
    [
        "carte",
        "cb",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "cvv",
        "cvc",
        "cryptogramme",
        "expir",
        "paiement",
    ]
    .iter()
    .any(|word| before.contains(word))
}

/// IBAN lengths by country (the IBAN registry, plus the francophone African countries whose
/// banks print IBANs). A country not listed is not read as an IBAN: two letters and a mod-97
/// hit on an arbitrary length would refuse 1 ordinary number in 97.
fn iban_length(country: &str) -> Option<usize> {
    Some(match country {
        "NO" => 15,
        "BE" => 16,
        "DK" | "FI" | "FO" | "GL" | "NL" | "SD" => 18,
        "MK" | "SI" => 19,
        "AT" | "BA" | "EE" | "KZ" | "LT" | "LU" | "XK" => 20,
        "CH" | "HR" | "LI" | "LV" => 21,
        "BG" | "BH" | "CR" | "DE" | "GB" | "GE" | "IE" | "ME" | "RS" | "VA" => 22,
        "AE" | "GI" | "IL" | "IQ" | "SO" | "TL" => 23,
        "AD" | "CZ" | "ES" | "MD" | "PK" | "RO" | "SA" | "SE" | "SK" | "TN" | "VG" => 24,
        "AO" | "CV" | "LY" | "MZ" | "PT" | "ST" => 25,
        "DZ" | "IR" | "IS" | "TR" => 26,
        "BI" | "CF" | "CG" | "CM" | "DJ" | "FR" | "GA" | "GQ" | "GR" | "IT" | "KM" | "MC"
        | "MG" | "MR" | "SM" | "TD" => 27,
        "AL" | "AZ" | "BF" | "BJ" | "BY" | "CI" | "CY" | "DO" | "GT" | "GW" | "HU" | "LB"
        | "MA" | "ML" | "NE" | "PL" | "SN" | "SV" | "TG" => 28,
        "BR" | "EG" | "PS" | "QA" | "UA" => 29,
        "JO" | "KW" | "MU" => 30,
        "MT" | "SC" => 31,
        "LC" => 32,
        _ => return None,
    })
}

/// IBANs (mod-97 checked, of their country's length), upper or lower case, grouped by spaces
/// or dashes or not at all.
pub fn ibans(text: &str) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let is_start =
            chars[i].1.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        match is_start.then(|| iban_at(text, &chars, i)).flatten() {
            Some(end) => {
                found.push(Finding {
                    concern: Concern::Iban,
                    start: chars[i].0,
                    end,
                });
                i = chars.partition_point(|(at, _)| *at < end);
            }
            None => i += 1,
        }
    }
    found
}

/// The end (byte offset) of a valid IBAN starting at char `from`.
fn iban_at(text: &str, chars: &[(usize, char)], from: usize) -> Option<usize> {
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(at, _)| *at);
    // (upper-case character, byte end, a separator follows)
    let mut read: Vec<(char, usize, bool)> = Vec::new();
    let mut i = from;
    while read.len() < 34 {
        match chars.get(i) {
            Some(&(_, ch)) if ch.is_ascii_alphanumeric() => {
                read.push((ch.to_ascii_uppercase(), byte_at(i + 1), false));
                i += 1;
            }
            Some(&(_, ' ' | '-' | '\u{a0}' | '\u{202f}')) => match chars.get(i + 1) {
                Some((_, next)) if next.is_ascii_alphanumeric() && !read.is_empty() => {
                    if let Some(last) = read.last_mut() {
                        last.2 = true;
                    }
                    i += 1;
                }
                _ => break,
            },
            _ => break,
        }
    }
    if read.len() < 15 || read.iter().take(2).any(|c| !c.0.is_ascii_alphabetic()) {
        return None;
    }
    if read.iter().skip(2).take(2).any(|c| !c.0.is_ascii_digit()) {
        return None;
    }
    // "FR76" is always written in one piece.
    if read.iter().take(3).any(|c| c.2) {
        return None;
    }
    let upper: String = read.iter().map(|c| c.0).collect();
    let length = iban_length(&upper[..2])?;
    (length <= read.len() && iban_valid(&upper[..length])).then(|| read[length - 1].1)
}
