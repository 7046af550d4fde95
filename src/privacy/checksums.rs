//! The check digits that tell a real payment card, IBAN or social-security number from any
//! other long number: Luhn (cards, also SIRET), ISO 7064 mod 97-10 (IBAN) and the NIR key.
//! Pure arithmetic on ASCII digits and letters; the callers decide what a match means.

/// Whether `digits` (ASCII digits only, at least two) pass the Luhn check.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    luhn_sum(digits).is_multiple_of(10)
}

/// The digit to append to `digits` so that the whole passes the Luhn check.
#[cfg(test)]
pub fn luhn_check_digit(digits: &str) -> u8 {
    let sum = luhn_sum(&format!("{digits}0"));
    ((10 - sum % 10) % 10) as u8
}

fn luhn_sum(digits: &str) -> u32 {
    digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(position, byte)| {
            let digit = u32::from(byte - b'0');
            if position % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum()
}

/// Whether `iban` (letters and digits, no separators, any case) passes the mod-97 check:
/// the first four characters moved to the end, letters as 10–35, the number mod 97 is 1.
pub fn iban_valid(iban: &str) -> bool {
    let bytes = iban.as_bytes();
    if !(15..=34).contains(&bytes.len())
        || !bytes[..2].iter().all(u8::is_ascii_alphabetic)
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    iban_remainder(iban) == Some(1)
}

/// The two check digits of an IBAN whose country is `country` and whose account part is
/// `bban` (used by the tests to build valid numbers).
#[cfg(test)]
pub fn iban_check_digits(country: &str, bban: &str) -> Option<u8> {
    let remainder = iban_remainder(&format!("{country}00{bban}"))?;
    u8::try_from(98 - remainder).ok()
}

fn iban_remainder(iban: &str) -> Option<u32> {
    let (head, tail) = iban.split_at(4);
    let mut remainder: u32 = 0;
    for ch in tail.chars().chain(head.chars()) {
        let value = ch.to_ascii_uppercase().to_digit(36)?;
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    Some(remainder)
}

/// The key of a French social-security number from its first 13 characters (digits, with
/// `2A`/`2B` for Corsica at positions 6–7, counted as 19 and 18): 97 − (number mod 97).
pub fn nir_key(first_thirteen: &str) -> Option<u8> {
    if first_thirteen.len() != 13 {
        return None;
    }
    let department = first_thirteen.get(5..7)?.to_ascii_uppercase();
    let adjusted = match department.as_str() {
        "2A" => format!("{}19{}", &first_thirteen[..5], &first_thirteen[7..]),
        "2B" => format!("{}18{}", &first_thirteen[..5], &first_thirteen[7..]),
        _ => first_thirteen.to_owned(),
    };
    if !adjusted.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u64 = adjusted.parse().ok()?;
    u8::try_from(97 - number % 97).ok()
}

/// Whether `nir` (15 characters: 13 + the 2-digit key) carries the right key.
pub fn nir_key_valid(nir: &str) -> bool {
    if nir.len() != 15 || !nir.is_ascii() {
        return false;
    }
    let (number, key) = nir.split_at(13);
    match (nir_key(number), key.parse::<u8>()) {
        (Some(expected), Ok(given)) => expected == given,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_known_card_numbers_and_refuses_a_changed_digit() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("5555555555554444"));
        assert!(luhn_valid("378282246310005"));
        assert!(!luhn_valid("4111111111111112"));
        assert_eq!(luhn_check_digit("411111111111111"), 1);
    }

    #[test]
    fn iban_mod_97_accepts_real_examples() {
        assert!(iban_valid("FR7630006000011234567890189"));
        assert!(iban_valid("fr7630006000011234567890189"));
        assert!(iban_valid("DE89370400440532013000"));
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(!iban_valid("FR7630006000011234567890188"));
        assert_eq!(iban_check_digits("FR", "30006000011234567890189"), Some(76));
    }

    #[test]
    fn nir_key_follows_the_insee_rule_with_corsica() {
        // 1 85 05 78 006 084: key 91 (97 − 1850578006084 mod 97).
        assert_eq!(nir_key("1850578006084"), Some(91));
        assert!(nir_key_valid("185057800608491"));
        assert!(!nir_key_valid("185057800608492"));
        let corsica = nir_key("285052A006084").unwrap();
        assert_eq!(
            u64::from(corsica),
            97 - 2_850_519_006_084 % 97,
            "2A counts as 19"
        );
        let haute_corse = nir_key("285052b006084").unwrap();
        assert_eq!(u64::from(haute_corse), 97 - 2_850_518_006_084 % 97);
    }
}
