//! Text helpers shared by several domains: folding for accent- and case-insensitive
//! comparison, tokenising for search, and URL slugs of vocabulary labels.

use unicode_normalization::UnicodeNormalization;

/// Lower-cases, removes accents and turns curly apostrophes and ligatures into plain
/// letters: "Médiathèque d’Œuvre" becomes "mediatheque d'oeuvre".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.nfd() {
        match ch {
            '\u{0300}'..='\u{036f}' => {}
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            other => out.extend(other.to_lowercase()),
        }
    }
    out
}

/// Folded words of at least one letter or digit, in order.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A URL-friendly slug: "Aide aux démarches administratives" → "aide-aux-demarches-administratives".
pub fn slug(text: &str) -> String {
    tokens(text).join("-")
}

/// Levenshtein distance, giving up (returning `limit + 1`) as soon as it exceeds `limit`.
pub fn bounded_edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()].min(limit + 1)
}

/// A CSV cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) gets an apostrophe in front, so that it is shown as text.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe() {
        for formula in [
            "=1+1",
            "+HYPERLINK(\"http://x\")",
            "-2+3",
            "@SUM(A1)",
            "\tTab",
            "\rx",
        ] {
            assert_eq!(neutralise_formula(formula), format!("'{formula}"));
        }
        for kept in ["Médiathèque", "", "a=b", "1-2"] {
            assert_eq!(neutralise_formula(kept), kept);
        }
    }

    #[test]
    fn folding_removes_accents_case_and_curly_apostrophes() {
        assert_eq!(fold("Médiathèque d’Œuvre ÉLÉ"), "mediatheque d'oeuvre ele");
        assert_eq!(fold("Ça"), "ca");
    }

    #[test]
    fn tokens_split_on_punctuation() {
        assert_eq!(
            tokens("Saint-Étienne, 42000"),
            vec!["saint", "etienne", "42000"]
        );
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(
            slug("Aide aux démarches administratives"),
            "aide-aux-demarches-administratives"
        );
        assert_eq!(slug("Familles et/ou enfants"), "familles-et-ou-enfants");
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(bounded_edit_distance("mediatheque", "mediateque", 2), 1);
        assert_eq!(bounded_edit_distance("kitten", "sitting", 2), 3);
        assert_eq!(bounded_edit_distance("abc", "abc", 0), 0);
        assert_eq!(bounded_edit_distance("a", "abcdef", 2), 3);
    }
}
