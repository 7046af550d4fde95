//! Referral rules: states and the moves between them, what the person consented to share,
//! the form, the slip's short code and the throttling of wrong codes. Pure: no I/O.

use crate::places::PlaceId;
use crate::web::form::{field, fields};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

/// A stored referral's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReferralId(pub i64);

/// An open referral (sent or accepted) expires this long after it was sent or accepted.
pub const REFERRAL_TTL_DAYS: i64 = 30;
/// A partner's signed link works this long (renewable by the sender).
pub const LINK_TTL_DAYS: i64 = 8;
/// Open referrals older than this appear in the reminders.
pub const REMINDER_AFTER_DAYS: i64 = 10;
/// Longest need text and refusal reason.
pub const NEED_MAX_CHARS: usize = 300;
pub const REASON_MAX_CHARS: usize = 300;
/// Longest first name or initials.
pub const FIRST_NAME_MAX_CHARS: usize = 40;

/// Where a referral is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Sent,
    Accepted,
    Refused,
    Arrived,
    Expired,
    Cancelled,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Sent,
        State::Accepted,
        State::Refused,
        State::Arrived,
        State::Expired,
        State::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Sent => "sent",
            State::Accepted => "accepted",
            State::Refused => "refused",
            State::Arrived => "arrived",
            State::Expired => "expired",
            State::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == text)
    }

    /// The catalogue key of its French name.
    pub fn label_key(self) -> &'static str {
        match self {
            State::Sent => "referrals-state-sent",
            State::Accepted => "referrals-state-accepted",
            State::Refused => "referrals-state-refused",
            State::Arrived => "referrals-state-arrived",
            State::Expired => "referrals-state-expired",
            State::Cancelled => "referrals-state-cancelled",
        }
    }

    /// Still waiting for the destination or for the person.
    pub fn is_open(self) -> bool {
        matches!(self, State::Sent | State::Accepted)
    }
}

/// What someone does to a referral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The destination will receive the person.
    Accept,
    /// The destination cannot (with a reason).
    Refuse,
    /// The person came to the destination.
    Arrive,
    /// The sender withdraws it.
    Cancel,
}

impl Action {
    /// Who may do it: the destination's staff, or the sender's side.
    pub fn by_destination(self) -> bool {
        !matches!(self, Action::Cancel)
    }

    pub fn audit_name(self) -> &'static str {
        match self {
            Action::Accept => "referral.accept",
            Action::Refuse => "referral.refuse",
            Action::Arrive => "referral.arrive",
            Action::Cancel => "referral.cancel",
        }
    }
}

/// Why a move is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveError {
    /// The referral is already closed (answered, expired or cancelled).
    Closed(State),
    /// Accepting twice.
    AlreadyAccepted,
}

/// The state an action leads to: sent → accepted / refused → arrived; an open referral may
/// be cancelled by its sender; the person may come before any answer.
pub fn transition(current: State, action: Action) -> Result<State, MoveError> {
    if !current.is_open() {
        return Err(MoveError::Closed(current));
    }
    match (current, action) {
        (State::Accepted, Action::Accept) => Err(MoveError::AlreadyAccepted),
        (_, Action::Accept) => Ok(State::Accepted),
        (_, Action::Refuse) => Ok(State::Refused),
        (_, Action::Arrive) => Ok(State::Arrived),
        (_, Action::Cancel) => Ok(State::Cancelled),
    }
}

/// The state as people should see it: an open referral past its expiry is expired even
/// before the job has written it.
pub fn effective_state(state: State, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> State {
    if state.is_open() && expires_at <= now {
        State::Expired
    } else {
        state
    }
}

/// When an open referral expires if nothing happens, counted from `from` (sending or
/// accepting).
pub fn expiry_from(from: DateTime<Utc>) -> DateTime<Utc> {
    from + Duration::days(REFERRAL_TTL_DAYS)
}

/// Open and older than the reminder delay.
pub fn needs_reminder(state: State, created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state.is_open() && now - created_at > Duration::days(REMINDER_AFTER_DAYS)
}

/// How the person prefers to be contacted by the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactWay {
    Phone,
    Email,
    /// The person will call or come by themselves, with the slip.
    None,
}

impl ContactWay {
    pub const ALL: [ContactWay; 3] = [ContactWay::Phone, ContactWay::Email, ContactWay::None];

    pub fn as_str(self) -> &'static str {
        match self {
            ContactWay::Phone => "phone",
            ContactWay::Email => "email",
            ContactWay::None => "none",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|way| way.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ContactWay::Phone => "referrals-contact-way-phone",
            ContactWay::Email => "referrals-contact-way-email",
            ContactWay::None => "referrals-contact-way-none",
        }
    }
}

/// What the person agreed to share with the destination. `None` in [`ReferralData`] means no
/// consent: only the need and the destination are kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consent {
    /// The first name or initials (empty when not shared).
    pub first_name: String,
    /// The preferred contact way and the contact (empty when not shared).
    pub contact: Option<(ContactWay, String)>,
    /// The destination may read the need text.
    pub need: bool,
}

impl Consent {
    pub fn shares_name(&self) -> bool {
        !self.first_name.is_empty()
    }

    pub fn shares_contact(&self) -> bool {
        self.contact.is_some()
    }
}

/// A referral as the helper fills it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralData {
    pub destination: PlaceId,
    /// Values of the standard's service list.
    pub categories: Vec<String>,
    /// The need in a few words (privacy-guarded by the caller).
    pub need: String,
    pub consent: Option<Consent>,
    /// The accompaniment record it comes from, if any.
    pub activity: Option<i64>,
}

/// The free-text fields the privacy guard reads (the contact is checked for its shape here,
/// since it is the one personal value the person chose to give).
pub const GUARDED_FIELDS: [&str; 2] = ["besoin", "prenom"];

/// Reads the form: destination, categories (slugs of the standard's services), need,
/// consent and what it covers. Returns French catalogue keys per field when wrong.
pub fn parse_form(
    pairs: &[(String, String)],
) -> Result<ReferralData, Vec<(&'static str, &'static str)>> {
    use crate::places::vocab::SERVICES;
    let mut errors = Vec::new();
    let destination = field(pairs, "destination").parse::<i64>().ok().map(PlaceId);
    if destination.is_none() {
        errors.push(("destination", "referrals-error-destination"));
    }
    let mut categories = Vec::new();
    for slug in fields(pairs, "categories") {
        match SERVICES.from_slug(slug) {
            Some(value) if !categories.iter().any(|c| c == value) => {
                categories.push(value.to_owned());
            }
            Some(_) => {}
            None => errors.push(("categories", "referrals-error-category")),
        }
    }
    let need = field(pairs, "besoin").to_owned();
    if need.chars().count() > NEED_MAX_CHARS {
        errors.push(("besoin", "referrals-error-need-long"));
    } else if need.is_empty() && categories.is_empty() {
        errors.push(("besoin", "referrals-error-need"));
    }
    let consent = match field(pairs, "accord") {
        "oui" => {
            let shares = fields(pairs, "partage");
            let first_name = if shares.contains(&"prenom") {
                let name = field(pairs, "prenom").to_owned();
                match check_first_name(&name) {
                    Ok(()) => name,
                    Err(key) => {
                        errors.push(("prenom", key));
                        String::new()
                    }
                }
            } else {
                String::new()
            };
            let contact = if shares.contains(&"contact") {
                match parse_contact(field(pairs, "contact_mode"), field(pairs, "contact")) {
                    Ok(contact) => Some(contact),
                    Err((name, key)) => {
                        errors.push((name, key));
                        None
                    }
                }
            } else {
                None
            };
            Some(Consent {
                first_name,
                contact,
                need: shares.contains(&"besoin"),
            })
        }
        "non" => None,
        _ => {
            errors.push(("accord", "referrals-error-consent"));
            None
        }
    };
    let activity = field(pairs, "accompagnement").parse::<i64>().ok();
    match destination {
        Some(destination) if errors.is_empty() => Ok(ReferralData {
            destination,
            categories,
            need,
            consent,
            activity,
        }),
        _ => Err(errors),
    }
}

/// A first name or initials: letters, spaces, hyphens, apostrophes and dots only.
pub fn check_first_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("referrals-error-first-name");
    }
    let allowed = |c: char| c.is_alphabetic() || " -'’.".contains(c);
    if name.chars().count() > FIRST_NAME_MAX_CHARS || !name.chars().all(allowed) {
        return Err("referrals-error-first-name-shape");
    }
    Ok(())
}

/// The contact the person gave for a call-back: a French phone number (stored as ten
/// digits) or an e-mail address (stored in lower case), matching the preferred way.
pub fn parse_contact(
    way: &str,
    contact: &str,
) -> Result<(ContactWay, String), (&'static str, &'static str)> {
    match ContactWay::parse(way) {
        Some(ContactWay::Phone) => {
            let digits: String = contact.chars().filter(char::is_ascii_digit).collect();
            let digits = match digits.strip_prefix("33") {
                Some(rest) if contact.trim_start().starts_with('+') => format!("0{rest}"),
                _ => digits,
            };
            let shape_ok = contact
                .chars()
                .all(|c| c.is_ascii_digit() || " .-+()".contains(c));
            if shape_ok && digits.len() == 10 && digits.starts_with('0') && &digits[1..2] != "0" {
                Ok((ContactWay::Phone, digits))
            } else {
                Err(("contact", "referrals-error-phone"))
            }
        }
        Some(ContactWay::Email) => {
            let email = contact.trim().to_lowercase();
            let valid = email.len() <= 120
                && !email.contains(char::is_whitespace)
                && email.split_once('@').is_some_and(|(local, domain)| {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                });
            if valid {
                Ok((ContactWay::Email, email))
            } else {
                Err(("contact", "referrals-error-email"))
            }
        }
        Some(ContactWay::None) => Ok((ContactWay::None, String::new())),
        None => Err(("contact_mode", "referrals-error-contact-way")),
    }
}

/// "06 12 34 56 78" from ten digits (other values as they are).
pub fn display_contact(way: ContactWay, contact: &str) -> String {
    match way {
        ContactWay::Phone if contact.len() == 10 => contact
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        _ => contact.to_owned(),
    }
}

/// Characters of a slip code: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so that it reads back without
/// doubt from paper.
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";
/// Characters of a code: 25^8 ≈ 1.5 × 10^11 codes (37 bits). With at most
/// `CODE_PER_ACCOUNT` wrong tries per account every 15 minutes, finding one of a thousand
/// open codes would take on average more than 10,000 years.
pub const CODE_LENGTH: usize = 8;

/// A fresh random code, stored without separator (`ACDE3479`).
pub fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LENGTH)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// The code as printed: two groups of four (`ACDE-3479`).
pub fn display_code(code: &str) -> String {
    if code.len() == CODE_LENGTH {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// The code as typed at a desk, brought to its stored form: upper case, without spaces or
/// dashes. `None` when it cannot be a code (wrong length or characters).
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// Wrong codes counted over this window.
pub const CODE_WINDOW_MINUTES: i64 = 15;
/// Wrong codes allowed per account in the window.
pub const CODE_PER_ACCOUNT: i64 = 10;
/// Wrong codes allowed per client address in the window.
pub const CODE_PER_ADDRESS: i64 = 30;

/// The throttling keys of one try (hashed, never stored in clear).
pub fn code_throttle_keys(user: i64, client_ip: &str) -> (String, String) {
    use crate::accounts::model::hash_secret;
    (
        hash_secret(&format!("referral-code-user:{user}")),
        hash_secret(&format!("referral-code-ip:{client_ip}")),
    )
}

pub fn is_code_throttled(for_account: i64, for_address: i64) -> bool {
    for_account >= CODE_PER_ACCOUNT || for_address >= CODE_PER_ADDRESS
}

/// Checks a refusal reason: required, short.
pub fn check_reason(reason: &str) -> Result<(), &'static str> {
    if reason.is_empty() {
        Err("referrals-error-reason")
    } else if reason.chars().count() > REASON_MAX_CHARS {
        Err("referrals-error-reason-long")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn states_move_from_sent_to_an_answer_then_to_arrival() {
        use Action::*;
        use State::*;
        assert_eq!(transition(Sent, Accept), Ok(Accepted));
        assert_eq!(transition(Sent, Refuse), Ok(Refused));
        assert_eq!(transition(Sent, Arrive), Ok(Arrived));
        assert_eq!(transition(Accepted, Arrive), Ok(Arrived));
        assert_eq!(transition(Accepted, Refuse), Ok(Refused));
        assert_eq!(transition(Sent, Cancel), Ok(Cancelled));
        assert_eq!(transition(Accepted, Cancel), Ok(Cancelled));
        assert_eq!(
            transition(Accepted, Accept),
            Err(MoveError::AlreadyAccepted)
        );
        for closed in [Refused, Arrived, Expired, Cancelled] {
            for action in [Accept, Refuse, Arrive, Cancel] {
                assert_eq!(transition(closed, action), Err(MoveError::Closed(closed)));
            }
        }
        assert!(Accept.by_destination() && Arrive.by_destination() && !Cancel.by_destination());
    }

    #[test]
    fn an_open_referral_past_its_expiry_reads_as_expired() {
        let sent = at("2026-03-02T09:00:00Z");
        let expires = expiry_from(sent);
        assert_eq!(expires, at("2026-04-01T09:00:00Z"));
        let before = expires - Duration::seconds(1);
        assert_eq!(effective_state(State::Sent, expires, before), State::Sent);
        assert_eq!(
            effective_state(State::Sent, expires, expires),
            State::Expired
        );
        assert_eq!(
            effective_state(State::Accepted, expires, expires),
            State::Expired
        );
        assert_eq!(
            effective_state(State::Arrived, expires, expires),
            State::Arrived
        );
        assert!(!needs_reminder(
            State::Sent,
            sent,
            sent + Duration::days(10)
        ));
        assert!(needs_reminder(State::Sent, sent, sent + Duration::days(11)));
        assert!(!needs_reminder(
            State::Arrived,
            sent,
            sent + Duration::days(11)
        ));
    }

    #[test]
    fn state_names_round_trip() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
        assert_eq!(State::parse("ouvert"), None);
    }

    #[test]
    fn without_consent_only_the_need_and_the_destination_are_kept() {
        let data = parse_form(&pairs(&[
            ("destination", "12"),
            ("categories", "aide-aux-demarches-administratives"),
            ("besoin", "Déclarer ses revenus en ligne"),
            ("accord", "non"),
            // Typed before the person said no: dropped.
            ("partage", "prenom"),
            ("prenom", "Josette"),
            ("partage", "contact"),
            ("contact_mode", "phone"),
            ("contact", "06 12 34 56 78"),
        ]))
        .unwrap();
        assert_eq!(data.destination, PlaceId(12));
        assert_eq!(data.categories, vec!["Aide aux démarches administratives"]);
        assert_eq!(data.need, "Déclarer ses revenus en ligne");
        assert_eq!(data.consent, None);
    }

    #[test]
    fn consent_keeps_only_what_the_person_chose() {
        let base = [
            ("destination", "3"),
            ("besoin", "Créer une adresse e-mail"),
            ("accord", "oui"),
            ("prenom", "Josette"),
            ("contact_mode", "phone"),
            ("contact", "+33 6 12 34 56 78"),
        ];
        let mut all = base.to_vec();
        all.extend([
            ("partage", "prenom"),
            ("partage", "contact"),
            ("partage", "besoin"),
        ]);
        let consent = parse_form(&pairs(&all)).unwrap().consent.unwrap();
        assert_eq!(consent.first_name, "Josette");
        assert_eq!(
            consent.contact,
            Some((ContactWay::Phone, "0612345678".to_owned()))
        );
        assert!(consent.need);

        let mut initials_only = base.to_vec();
        initials_only.push(("partage", "prenom"));
        initials_only[3] = ("prenom", "J. D.");
        let consent = parse_form(&pairs(&initials_only)).unwrap().consent.unwrap();
        assert_eq!(consent.first_name, "J. D.");
        assert_eq!(consent.contact, None);
        assert!(!consent.need);

        let mut email = base.to_vec();
        email.push(("partage", "contact"));
        email[4] = ("contact_mode", "email");
        email[5] = ("contact", " Josette.D@Exemple.FR ");
        let consent = parse_form(&pairs(&email)).unwrap().consent.unwrap();
        assert!(!consent.shares_name());
        assert_eq!(
            consent.contact,
            Some((ContactWay::Email, "josette.d@exemple.fr".to_owned()))
        );

        let mut by_herself = base.to_vec();
        by_herself.push(("partage", "contact"));
        by_herself[4] = ("contact_mode", "none");
        let consent = parse_form(&pairs(&by_herself)).unwrap().consent.unwrap();
        assert_eq!(consent.contact, Some((ContactWay::None, String::new())));
    }

    #[test]
    fn a_wrong_form_says_what_to_fix_per_field() {
        let errors = parse_form(&pairs(&[
            ("categories", "inconnue"),
            ("accord", "oui"),
            ("partage", "prenom"),
            ("prenom", "Jo 06"),
            ("partage", "contact"),
            ("contact_mode", "phone"),
            ("contact", "12 34"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec!["destination", "categories", "besoin", "prenom", "contact"]
        );
        let errors = parse_form(&pairs(&[("destination", "1"), ("besoin", "x")])).unwrap_err();
        assert_eq!(errors, vec![("accord", "referrals-error-consent")]);
        let long = "a".repeat(NEED_MAX_CHARS + 1);
        let errors = parse_form(&pairs(&[
            ("destination", "1"),
            ("besoin", &long),
            ("accord", "non"),
        ]))
        .unwrap_err();
        assert_eq!(errors, vec![("besoin", "referrals-error-need-long")]);
        assert!(parse_contact("email", "pas-une-adresse").is_err());
        assert!(parse_contact("phone", "00 12 34 56 78").is_err());
        assert!(parse_contact("fax", "0612345678").is_err());
    }

    #[test]
    fn codes_use_the_unambiguous_alphabet_and_read_back_from_paper() {
        let code = new_code();
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_ne!(code, new_code());
        let printed = display_code(&code);
        assert_eq!(printed.len(), CODE_LENGTH + 1);
        assert_eq!(normalize_code(&printed.to_lowercase()), Some(code.clone()));
        assert_eq!(normalize_code(&format!(" {} ", &printed)), Some(code));
        assert_eq!(normalize_code("ACDE-347"), None);
        assert_eq!(
            normalize_code("ACDE-3470"),
            None,
            "0 is not in the alphabet"
        );
        for ambiguous in b"01258BILOSZ" {
            assert!(!CODE_ALPHABET.contains(ambiguous));
        }
        assert!(display_contact(ContactWay::Phone, "0612345678") == "06 12 34 56 78");
    }

    #[test]
    fn code_throttling_starts_at_the_limits_and_hides_its_keys() {
        assert!(!is_code_throttled(
            CODE_PER_ACCOUNT - 1,
            CODE_PER_ADDRESS - 1
        ));
        assert!(is_code_throttled(CODE_PER_ACCOUNT, 0));
        assert!(is_code_throttled(0, CODE_PER_ADDRESS));
        let (account, address) = code_throttle_keys(7, "192.0.2.1");
        assert_eq!(account.len(), 64);
        assert!(!address.contains("192"));
        assert_eq!(check_reason(""), Err("referrals-error-reason"));
        assert!(check_reason("Nous ne faisons pas cette démarche").is_ok());
    }
}
