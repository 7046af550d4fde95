//! Credentials: a value after a keyword ("mot de passe : …", "mdp=…", "identifiant …",
//! "code PIN 1234") and long random-looking tokens. A keyword alone is never refused ("mot de
//! passe oublié", "code de la route", "le code postal 16000"): only the value that follows
//! it, and only when it looks like one.

use super::words::pattern;
use super::{Concern, Finding};
use crate::text::fold;
use regex::Regex;
use std::sync::LazyLock;

static SECRET_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:(?P<password>mots?[\s\-]+de[\s\-]+passe|mdp|passwords?|passwd|pwd)|(?P<login>identifiants?|login|nom\s+d'utilisateur|nom\s+d’utilisateur)|(?P<code>codes?|digicode|pin|puk))\b",
    )
});

#[derive(Clone, Copy, PartialEq)]
enum Keyword {
    /// "mot de passe", "mdp", "password".
    Password,
    /// "identifiant", "login".
    Login,
    /// "code", "code PIN", "digicode": only values with digits.
    Code,
}

/// Values after a keyword that say something about the credential, not the credential:
/// "mot de passe : oublié", "identifiant : voir avec sa fille".
const NOT_A_VALUE: &[&str] = &[
    "a",
    "au",
    "aux",
    "avec",
    "ancien",
    "ancienne",
    "aucun",
    "aucune",
    "bon",
    "ca",
    "car",
    "ce",
    "cela",
    "celui",
    "cet",
    "cette",
    "changer",
    "chez",
    "choisir",
    "conserver",
    "creer",
    "d",
    "dans",
    "de",
    "demander",
    "des",
    "donc",
    "dont",
    "du",
    "en",
    "entrer",
    "envoyer",
    "est",
    "et",
    "faible",
    "faire",
    "fait",
    "fort",
    "garder",
    "gerer",
    "habituel",
    "habituelle",
    "idem",
    "identique",
    "inconnu",
    "inconnue",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "ma",
    "mais",
    "me",
    "meme",
    "mes",
    "mettre",
    "modifier",
    "mon",
    "ne",
    "noter",
    "notre",
    "nouveau",
    "nouvel",
    "nouvelle",
    "non",
    "ok",
    "ou",
    "oui",
    "par",
    "pareil",
    "pas",
    "perdu",
    "perdue",
    "personnel",
    "pour",
    "provisoire",
    "que",
    "qui",
    "quoi",
    "recuperer",
    "reinitialiser",
    "retenir",
    "retrouver",
    "rien",
    "sa",
    "saisir",
    "sans",
    "se",
    "ses",
    "son",
    "sont",
    "sur",
    "taper",
    "temporaire",
    "trop",
    "trouver",
    "un",
    "une",
    "utiliser",
    "valider",
    "via",
    "voir",
    "votre",
    "vos",
];

/// Services named after a keyword, "identifiant : France Connect": a place, not a value.
const SERVICE_NAMES: &[&str] = &[
    "ameli",
    "apple",
    "caf",
    "fiscal",
    "france",
    "franceconnect",
    "free",
    "gmail",
    "google",
    "impots",
    "laposte",
    "microsoft",
    "numero",
    "orange",
    "sfr",
];

/// Words between "code" and its value: "code PIN 1234", "code reçu par SMS : 482913".
const CODE_QUALIFIERS: &[&str] = &[
    "a",
    "acces",
    "activation",
    "bancaire",
    "c'est",
    "carte",
    "cb",
    "client",
    "confidentiel",
    "confirmation",
    "connexion",
    "courriel",
    "d'acces",
    "d'activation",
    "de",
    "deverrouillage",
    "du",
    "e-mail",
    "email",
    "envoye",
    "est",
    "immeuble",
    "l'immeuble",
    "la",
    "le",
    "mail",
    "n",
    "n°",
    "no",
    "numero",
    "par",
    "personnel",
    "pin",
    "porte",
    "portable",
    "provisoire",
    "puk",
    "recu",
    "secret",
    "securite",
    "sms",
    "tel",
    "telephone",
    "temporaire",
    "unique",
    "usage",
    "validation",
    "verification",
    "wi-fi",
    "wifi",
];

/// Credentials after a keyword: "mot de passe : Soleil12", "mdp=xxx", "password Azerty!1",
/// "identifiant : jean.dupont", "code 4827", "code PIN 1234", "digicode 4521B".
pub fn after_keywords(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for captures in SECRET_KEYWORD.captures_iter(text) {
        let (keyword, end) = if let Some(m) = captures.name("password") {
            (Keyword::Password, m.end())
        } else if let Some(m) = captures.name("login") {
            (Keyword::Login, m.end())
        } else if let Some(m) = captures.name("code") {
            (Keyword::Code, m.end())
        } else {
            continue;
        };
        if let Some((start, end)) = value_after(text, end, keyword) {
            found.push(Finding {
                concern: Concern::Secret,
                start,
                end,
            });
        }
    }
    found
}

/// One whitespace-separated token from `from`: (start, end) of the token itself, then of its
/// core (quotes and trailing punctuation removed).
fn next_token(text: &str, from: usize) -> Option<((usize, usize), (usize, usize))> {
    let rest = text.get(from..)?;
    let offset = rest.len() - rest.trim_start().len();
    let start = from + offset;
    let length = text[start..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - start);
    if length == 0 {
        return None;
    }
    let token = &text[start..start + length];
    let core = token.trim_start_matches(['«', '"', '\'', '“', '‘', '(', '[']);
    let core_start = start + (token.len() - core.len());
    let core = core.trim_end_matches([
        '»', '"', '\'', '”', '’', ')', ']', '.', ',', ';', '!', '?', ':',
    ]);
    Some((
        (start, start + length),
        (core_start, core_start + core.len()),
    ))
}

/// The credential after a keyword ending at `from`, if there is one. After an explicit ":"
/// or "=" (possibly a few plain words later: "mot de passe du compte Ameli : …"), any value
/// but a word from `NOT_A_VALUE` or a past participle; otherwise only a value that looks like
/// one (digits or symbols) right after the keyword and its qualifiers.
fn value_after(text: &str, from: usize, keyword: Keyword) -> Option<(usize, usize)> {
    let mut position = from;
    for _ in 0..6 {
        let rest = text.get(position..)?;
        if let Some(after) = rest.trim_start().strip_prefix([':', '=']) {
            return explicit_value(text, text.len() - after.len(), keyword);
        }
        let (token, core) = next_token(text, position)?;
        let word = &text[token.0..token.1];
        // "PIN:1234", "compte:": a word glued to its separator.
        if let Some(index) = word.find([':', '=']) {
            let head = fold(&word[..index]);
            return if is_between_word(&head, keyword)
                || (is_plain(&head) && keyword != Keyword::Code)
            {
                explicit_value(text, token.0 + index + 1, keyword)
            } else {
                looks_like_credential(&word[..index], keyword).then_some((token.0, token.0 + index))
            };
        }
        let value = &text[core.0..core.1];
        let folded = fold(value);
        // A lone quote mark or dash: "mdp « Soleil2024 »".
        if value.is_empty() || is_between_word(&folded, keyword) {
            position = token.1;
            continue;
        }
        if !is_plain(&folded) {
            return looks_like_credential(value, keyword).then_some(core);
        }
        // A plain word: "Ameli" in "mot de passe Ameli : …" may lead to a separator; a state
        // ("oublié"), the end of a clause or any word after "code" ends the search.
        let ends_clause = word.ends_with(['.', ',', ';', '!', '?', ')']);
        if keyword == Keyword::Code
            || ends_clause
            || ends_like_participle(value)
            || NOT_A_VALUE.contains(&folded.as_str())
        {
            return None;
        }
        position = token.1;
    }
    None
}

/// Letters only (apostrophes and hyphens allowed): a word, not a value.
fn is_plain(folded: &str) -> bool {
    !folded.is_empty()
        && folded
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
}

/// Little words that may stand between a keyword and its value.
fn is_between_word(folded: &str, keyword: Keyword) -> bool {
    match keyword {
        Keyword::Code => CODE_QUALIFIERS.contains(&folded),
        Keyword::Password | Keyword::Login => matches!(
            folded,
            "de" | "du"
                | "des"
                | "la"
                | "le"
                | "les"
                | "l"
                | "d"
                | "sa"
                | "son"
                | "ses"
                | "a"
                | "au"
                | "est"
                | "c'est"
                | "pour"
                | "en"
                | "n°"
                | "n"
                | "no"
                | "numero"
                | "pin"
                | "puk"
                | "provisoire"
                | "temporaire"
                | "wifi"
                | "wi-fi"
                | "secret"
        ),
    }
}

/// After an explicit separator: the next token, unless it plainly says something else.
fn explicit_value(text: &str, from: usize, keyword: Keyword) -> Option<(usize, usize)> {
    let ((_, _), (mut start, mut end)) = next_token(text, from)?;
    if start == end {
        // "« Soleil12 »" with spaces inside the quotes.
        let ((_, _), core) = next_token(text, end.max(from) + 1)?;
        (start, end) = core;
    }
    let value = &text[start..end];
    let folded = fold(value);
    if value.is_empty()
        || NOT_A_VALUE.contains(&folded.as_str())
        || SERVICE_NAMES.contains(&folded.as_str())
        || ends_like_participle(value)
    {
        return None;
    }
    let alphanumeric = value.chars().filter(|c| c.is_alphanumeric()).count();
    let is_long_enough = match keyword {
        // "code : 4827"; a department or a count ("code : 16") is no access code.
        Keyword::Code => alphanumeric >= 4 && value.chars().any(|c| c.is_ascii_digit()),
        // "mdp=xxx"; "mots de passe : 8 participants" is a count.
        Keyword::Password | Keyword::Login => alphanumeric >= 3,
    };
    is_long_enough.then_some((start, end))
}

/// "oublié", "changée", "bloqués": a state, not a password.
fn ends_like_participle(value: &str) -> bool {
    let lower = value.to_lowercase();
    lower.chars().all(char::is_alphabetic)
        && ["é", "ée", "és", "ées"]
            .iter()
            .any(|end| lower.ends_with(end))
}

/// Without an explicit separator, a value counts only when it holds a digit or a symbol
/// ("mot de passe oublié" and "identifiant France Connect" pass).
fn looks_like_credential(value: &str, keyword: Keyword) -> bool {
    let alphanumeric = value.chars().filter(|c| c.is_alphanumeric()).count();
    let has_digit = value.chars().any(|c| c.is_ascii_digit());
    match keyword {
        Keyword::Code => {
            has_digit
                && (4..=16).contains(&alphanumeric)
                && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !is_time(value)
        }
        Keyword::Password | Keyword::Login => {
            let has_symbol = value.chars().any(|c| "@#$%&*!?_=+/\\.".contains(c));
            alphanumeric >= 4 && (has_digit || has_symbol)
        }
    }
}

/// "14h30", "9h": a time, not a code.
fn is_time(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    match lower.split_once('h') {
        Some((hours, minutes)) => {
            !hours.is_empty()
                && hours.len() <= 2
                && hours.bytes().all(|b| b.is_ascii_digit())
                && minutes.len() <= 2
                && minutes.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Long random-looking tokens (API keys, recovery codes, generated passwords): at least 12
/// characters of letters, digits and a few symbols, with digits and letters alternating at
/// least three times and a high variety of characters. Words, references such as
/// "IMG_20240312", version numbers and addresses (with a dot, `@` or `://`) pass.
pub fn random_tokens(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut position = 0;
    while let Some((token, (start, end))) = next_token(text, position) {
        position = token.1;
        if is_random_looking(&text[start..end]) {
            found.push(Finding {
                concern: Concern::Secret,
                start,
                end,
            });
        }
    }
    found
}

fn is_random_looking(token: &str) -> bool {
    let length = token.chars().count();
    if !(12..=256).contains(&length)
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_+/=!#$%&*~".contains(c))
    {
        return false;
    }
    let alphanumerics: Vec<char> = token.chars().filter(char::is_ascii_alphanumeric).collect();
    let switches = alphanumerics
        .windows(2)
        .filter(|pair| pair[0].is_ascii_digit() != pair[1].is_ascii_digit())
        .count();
    switches >= 3 && entropy(token) >= 3.0
}

/// Shannon entropy in bits per character.
fn entropy(token: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut total = 0u32;
    for ch in token.chars() {
        *counts.entry(ch).or_insert(0u32) += 1;
        total += 1;
    }
    let total = f64::from(total);
    counts
        .values()
        .map(|&count| {
            let p = f64::from(count) / total;
            -p * p.log2()
        })
        .sum()
}
