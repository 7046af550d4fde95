//! The diagnostic code decoder, on the questionnaire shipped with Relais.
//!
//! The input is read twice: as a code typed by a person (`decode` on the text), and as the
//! answers of a diagnostic (the progress string and chosen needs) followed by one typing
//! mistake.
//!
//! Properties checked, beyond "no panic":
//! - a code that decodes scores, and its canonical form (`normalize_code`) decodes to the same
//!   diagnostic; in the current version, re-encoding gives that canonical form back; in any
//!   version, re-encoding is stable (encode ∘ decode ∘ encode = encode);
//! - a completed diagnostic encodes to a code that decodes to it exactly;
//! - one mistyped character or one swap of two different neighbouring characters is always
//!   refused, never read as another diagnostic (what the CRC-10 promises).
#![no_main]

use chrono::{Duration, NaiveDate};
use libfuzzer_sys::fuzz_target;
use relais::diagnostic::model::{Diagnostic, Questionnaire, normalize_code};
use std::sync::OnceLock;

/// Crockford's base 32, as the codes are written.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn questionnaire() -> &'static Questionnaire {
    static QUESTIONNAIRE: OnceLock<Questionnaire> = OnceLock::new();
    QUESTIONNAIRE.get_or_init(Questionnaire::builtin)
}

fuzz_target!(|data: &[u8]| {
    let questionnaire = questionnaire();
    if let Ok(text) = std::str::from_utf8(data) {
        check_code(questionnaire, text);
    }
    check_answers(questionnaire, data);
});

fn current_version(questionnaire: &Questionnaire) -> u32 {
    let progress = vec![Some(0); questionnaire.current_questions().len()];
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    questionnaire
        .complete(&progress, &[], day)
        .expect("a full progress completes")
        .version
}

fn check_code(questionnaire: &Questionnaire, text: &str) {
    let Ok(diagnostic) = questionnaire.decode(text) else {
        return;
    };
    let scores = questionnaire.score(&diagnostic);
    assert!(scores.profile < questionnaire.profiles.len());
    for domain in &scores.domains {
        assert!(domain.points <= domain.max);
        assert!(
            domain
                .level
                .is_none_or(|level| level < questionnaire.levels.len())
        );
    }
    let _ = questionnaire.services_for(&diagnostic.needs);
    let canonical = normalize_code(text);
    assert_eq!(
        questionnaire.decode(&canonical).as_ref(),
        Ok(&diagnostic),
        "{text:?} → {canonical:?}"
    );
    let code = questionnaire.encode(&diagnostic);
    if diagnostic.version == current_version(questionnaire) {
        assert_eq!(code, canonical, "{text:?}");
    }
    let again = questionnaire
        .decode(&code)
        .unwrap_or_else(|error| panic!("{code:?} does not decode: {error:?}"));
    assert_eq!(questionnaire.encode(&again), code);
}

fn check_answers(questionnaire: &Questionnaire, data: &[u8]) {
    let questions = questionnaire.current_questions().len();
    let needs = questionnaire.current_needs();
    // Layout: one byte per question, one byte of needs per 8 needs, two bytes of day, then
    // the mistake: position, replacement, and whether it is a swap.
    let need_bytes = needs.len().div_ceil(8);
    let Some((answers, rest)) = data.split_at_checked(questions) else {
        return;
    };
    let Some((need_bits, rest)) = rest.split_at_checked(need_bytes) else {
        return;
    };
    let [day_high, day_low, position, replacement, swap, ..] = *rest else {
        return;
    };
    let progress_text: String = answers
        .iter()
        .map(|b| char::from(b'0' + b % questionnaire.answers.len() as u8))
        .collect();
    let progress = questionnaire.read_progress(&progress_text);
    assert_eq!(progress.len(), questions);
    let chosen: Vec<usize> = needs
        .iter()
        .enumerate()
        .filter(|(index, _)| need_bits[index / 8] & (1 << (index % 8)) != 0)
        .map(|(_, need)| *need)
        .collect();
    let epoch = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date");
    let days = i64::from(u16::from_be_bytes([day_high, day_low]) % (1 << 14));
    let diagnostic: Diagnostic = questionnaire
        .complete(&progress, &chosen, epoch + Duration::days(days))
        .expect("every question answered");
    let code = questionnaire.encode(&diagnostic);
    assert_eq!(
        questionnaire.decode(&code).as_ref(),
        Ok(&diagnostic),
        "{code}"
    );
    assert_eq!(normalize_code(&code), code);

    // One typing mistake on the plain characters (the dashes are only for reading).
    let mut plain: Vec<u8> = code.bytes().filter(|b| *b != b'-').collect();
    let at = usize::from(position) % plain.len();
    if swap % 2 == 1 && at + 1 < plain.len() {
        if plain[at] == plain[at + 1] {
            return;
        }
        plain.swap(at, at + 1);
    } else {
        let new = ALPHABET[usize::from(replacement) % 32];
        if new == plain[at] {
            return;
        }
        plain[at] = new;
    }
    let typed = String::from_utf8(plain).expect("ASCII");
    assert!(
        questionnaire.decode(&typed).is_err(),
        "{code} mistyped as {typed} still decodes"
    );
}
