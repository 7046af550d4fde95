//! The privacy guard: `inspect` on any text, `explain` on its findings, `check_fields` on a
//! form holding that text.
//!
//! Properties checked, beyond "no panic" (and no slow input: libFuzzer's timeout):
//! - findings are in range, on char boundaries, non-empty, sorted and never overlapping;
//! - `check` refuses exactly the texts with findings, and `check_fields` names the field;
//! - the explanation is empty exactly when there is nothing to say;
//! - the explanation's excerpts never show a finding in clear (numbers, e-mail addresses,
//!   secrets), unless the same characters stand in the text outside every finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais::i18n::Tr;
use relais::privacy::{Concern, check, check_fields, explain, inspect};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let findings = inspect(text);
    let mut previous_end = 0;
    for finding in &findings {
        assert!(finding.start < finding.end, "{finding:?}");
        assert!(finding.end <= text.len(), "{finding:?}");
        assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end));
        assert!(
            finding.start >= previous_end,
            "overlap or disorder: {findings:?}"
        );
        previous_end = finding.end;
    }
    assert_eq!(check(text).err().unwrap_or_default(), findings);
    let tr = Tr::french();
    let message = explain(&tr, text, &findings);
    assert_eq!(message.is_empty(), findings.is_empty());
    let pairs = vec![("besoin".to_owned(), text.to_owned())];
    let problems = check_fields(&tr, &pairs, &["besoin"]);
    if findings.is_empty() {
        assert!(problems.is_empty());
    } else {
        assert_eq!(problems, vec![("besoin".to_owned(), message.clone())]);
    }
    if findings.is_empty() {
        return;
    }
    // What stays in clear: the text outside every finding, words joined by single spaces.
    let mut outside = String::new();
    let mut cursor = 0;
    for finding in &findings {
        outside.push_str(&text[cursor..finding.start]);
        outside.push('\u{0}');
        cursor = finding.end;
    }
    outside.push_str(&text[cursor..]);
    let outside = collapse(&outside);
    // Only the quoted excerpts show the person's text: the fixed sentences around them say
    // "identifiant" or "mot de passe" whatever was typed. The fixing advice quotes examples.
    let advice = tr.t("privacy-fix");
    let excerpts: Vec<String> = message
        .split('«')
        .skip(1)
        .filter_map(|rest| rest.split('»').next())
        .map(|excerpt| collapse(&excerpt.replace(['\u{2068}', '\u{2069}'], "")))
        .filter(|excerpt| !advice.contains(&format!("« {excerpt} »")))
        .collect();
    for finding in &findings {
        // Dates of birth keep their words ("né le"), only their digits are masked.
        if finding.concern == Concern::BirthDate {
            continue;
        }
        let clear = collapse(&text[finding.start..finding.end]);
        if clear.chars().filter(|c| c.is_alphanumeric()).count() < 6 {
            continue;
        }
        if outside.contains(&clear) {
            continue;
        }
        for excerpt in &excerpts {
            assert!(
                !excerpt.contains(&clear),
                "{:?} {clear:?} shown in clear: {message:?}",
                finding.concern
            );
        }
    }
});

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
