//! Charters: kinds, versions, commitments, signatures and self-assessments, with their rules.
//! Pure: no I/O, no SQL, no HTTP. The content hash names the exact text a person was shown.

use crate::accounts::HelperKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The three charters of a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CharterKind {
    /// Charte du réseau: organisations adhere to it.
    Network,
    /// Charte des encadrants: every helper signs it.
    Helpers,
    /// Charte publique: shown to participants; only a count of acknowledgements is kept.
    Public,
}

impl CharterKind {
    pub const ALL: [CharterKind; 3] = [Self::Network, Self::Helpers, Self::Public];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Helpers => "helpers",
            Self::Public => "public",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The French path segment: `/chartes/{slug}`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Network => "reseau",
            Self::Helpers => "encadrants",
            Self::Public => "public",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The catalogue key of the charter's French name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Network => "charters-kind-network",
            Self::Helpers => "charters-kind-helpers",
            Self::Public => "charters-kind-public",
        }
    }

    /// The catalogue key of one sentence saying who the charter is for.
    pub fn purpose_key(self) -> &'static str {
        match self {
            Self::Network => "charters-purpose-network",
            Self::Helpers => "charters-purpose-helpers",
            Self::Public => "charters-purpose-public",
        }
    }

    /// Relais's own text, published as version 1 when a network has none yet.
    pub fn default_text(self) -> &'static str {
        match self {
            Self::Network => include_str!("defaults/reseau.md"),
            Self::Helpers => include_str!("defaults/encadrants.md"),
            Self::Public => include_str!("defaults/public.md"),
        }
    }
}

/// One commitment of a charter. `code` is stable across versions (`gratuite`, `dernier-clic`…)
/// so that assessments and measures follow it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub code: String,
    pub text: String,
}

/// A charter's text before publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharterDraft {
    pub title: String,
    /// Markdown (rendered safely, see `markdown`).
    pub body: String,
    pub commitments: Vec<Commitment>,
}

impl CharterDraft {
    /// The SHA-256 (hex) of everything a reader is shown, with lengths so that no two texts
    /// share a hash by moving a boundary.
    pub fn content_hash(&self, kind: CharterKind) -> String {
        let mut hasher = Sha256::new();
        let mut feed = |part: &str| {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        };
        feed(kind.as_str());
        feed(&self.title);
        feed(&self.body);
        for commitment in &self.commitments {
            feed(&commitment.code);
            feed(&commitment.text);
        }
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// A published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CharterVersion {
    pub id: i64,
    pub kind: CharterKind,
    /// 1, 2, 3… per kind.
    pub version: i64,
    pub title: String,
    pub body: String,
    pub commitments: Vec<Commitment>,
    pub content_hash: String,
    pub published_at: DateTime<Utc>,
}

impl CharterVersion {
    /// The first characters of the hash, enough for a person to compare two copies.
    pub fn short_hash(&self) -> &str {
        short_hash(&self.content_hash)
    }
}

pub fn short_hash(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// Separates the Markdown text of a default charter file from its commitments.
const COMMITMENTS_MARKER: &str = "-- engagements --";
const TITLE_MAX_CHARS: usize = 120;
const BODY_MAX_CHARS: usize = 20_000;
const COMMITMENT_MAX_CHARS: usize = 400;
const COMMITMENTS_MAX: usize = 60;

/// Reads a default charter file: `# Title`, Markdown, a line `-- engagements --`, then one
/// `code: text` line per commitment.
pub fn parse_default(file: &str) -> Result<CharterDraft, DraftError> {
    let (text, commitments) = file.split_once(COMMITMENTS_MARKER).ok_or(DraftError::new(
        "commitments",
        "charters-form-commitments-missing",
    ))?;
    let text = text.trim();
    let (title, body) = match text.split_once('\n') {
        Some((first, rest)) => (first, rest),
        None => (text, ""),
    };
    let title = title.trim_start_matches('#');
    check_draft(title, body, commitments)
}

/// Why a draft cannot be published: the form field and the catalogue key of the message,
/// and for commitments the line number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftError {
    pub field: &'static str,
    pub key: &'static str,
    pub line: Option<usize>,
}

impl DraftError {
    fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            line: None,
        }
    }
}

/// Checks a coordinator's text: a title, Markdown, and one commitment per line as
/// `code: text` (codes of lower-case letters, digits and dashes, each used once).
pub fn check_draft(
    title: &str,
    body: &str,
    commitments_text: &str,
) -> Result<CharterDraft, DraftError> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(DraftError::new("title", "charters-form-title-missing"));
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(DraftError::new("title", "charters-form-title-too-long"));
    }
    let body = body.replace("\r\n", "\n").trim().to_owned();
    if body.chars().count() > BODY_MAX_CHARS {
        return Err(DraftError::new("body", "charters-form-body-too-long"));
    }
    let commitments = parse_commitments(commitments_text)?;
    Ok(CharterDraft {
        title,
        body,
        commitments,
    })
}

/// One commitment per non-empty line: `code: text`.
pub fn parse_commitments(text: &str) -> Result<Vec<Commitment>, DraftError> {
    let mut commitments: Vec<Commitment> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let error = |key| DraftError {
            field: "commitments",
            key,
            line: Some(index + 1),
        };
        let (code, sentence) = line
            .split_once(':')
            .ok_or(error("charters-form-commitment-no-code"))?;
        let code = code.trim();
        let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        if !is_valid_code(code) {
            return Err(error("charters-form-commitment-bad-code"));
        }
        if sentence.is_empty() {
            return Err(error("charters-form-commitment-empty"));
        }
        if sentence.chars().count() > COMMITMENT_MAX_CHARS {
            return Err(error("charters-form-commitment-too-long"));
        }
        if commitments.iter().any(|c| c.code == code) {
            return Err(error("charters-form-commitment-duplicate"));
        }
        commitments.push(Commitment {
            code: code.to_owned(),
            text: sentence,
        });
    }
    if commitments.is_empty() {
        return Err(DraftError::new(
            "commitments",
            "charters-form-commitments-missing",
        ));
    }
    if commitments.len() > COMMITMENTS_MAX {
        return Err(DraftError::new(
            "commitments",
            "charters-form-commitments-too-many",
        ));
    }
    Ok(commitments)
}

/// Commitments as the publish form shows them (the inverse of [`parse_commitments`]).
pub fn commitments_as_text(commitments: &[Commitment]) -> String {
    commitments
        .iter()
        .map(|c| format!("{}: {}", c.code, c.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A stable commitment code: 2 to 40 lower-case ASCII letters, digits and inner dashes.
pub fn is_valid_code(code: &str) -> bool {
    (2..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-')
        && !code.ends_with('-')
}

/// A helper's signature as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub id: i64,
    pub user_id: i64,
    pub charter_version_id: i64,
    pub version: i64,
    pub content_hash: String,
    pub full_name: String,
    pub helper_kind: HelperKind,
    pub signed_at_place: String,
    pub signed_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// What the signature form sends.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SignatureForm {
    pub full_name: String,
    pub helper_kind: String,
    pub signed_at_place: String,
    /// The content hash of the version that was shown.
    pub version_hash: String,
    /// "oui" when the box "I have read it and commit to it" is ticked.
    pub accept: String,
}

/// A signature checked and ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSignature {
    pub full_name: String,
    pub helper_kind: HelperKind,
    pub signed_at_place: String,
    pub version_hash: String,
}

const NAME_MAX_CHARS: usize = 80;

/// Checks the signature form; errors are `(field, catalogue key)` pairs.
pub fn check_signature(
    form: &SignatureForm,
) -> Result<NewSignature, Vec<(&'static str, &'static str)>> {
    let mut errors = Vec::new();
    let full_name = one_line(&form.full_name);
    if full_name.chars().count() < 2 {
        errors.push(("full_name", "charters-sign-name-missing"));
    } else if full_name.chars().count() > NAME_MAX_CHARS {
        errors.push(("full_name", "charters-sign-name-too-long"));
    }
    let helper_kind = HelperKind::parse(&form.helper_kind);
    if helper_kind.is_none() {
        errors.push(("helper_kind", "charters-sign-kind-missing"));
    }
    let place = one_line(&form.signed_at_place);
    if place.chars().count() < 2 {
        errors.push(("signed_at_place", "charters-sign-place-missing"));
    } else if place.chars().count() > NAME_MAX_CHARS {
        errors.push(("signed_at_place", "charters-sign-place-too-long"));
    }
    if form.accept != "oui" {
        errors.push(("accept", "charters-sign-accept-missing"));
    }
    match helper_kind {
        Some(helper_kind) if errors.is_empty() => Ok(NewSignature {
            full_name,
            helper_kind,
            signed_at_place: place,
            version_hash: form.version_hash.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

/// Inner white space collapsed, control characters refused by removal.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// An organisation's own assessment of one commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AssessmentStatus {
    Met,
    InProgress,
    NotMet,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 3] = [Self::Met, Self::InProgress, Self::NotMet];

    /// The stored value, also the form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::InProgress => "in_progress",
            Self::NotMet => "not_met",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Met => "charters-status-met",
            Self::InProgress => "charters-status-in-progress",
            Self::NotMet => "charters-status-not-met",
        }
    }
}

/// One saved assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub organization_id: i64,
    pub commitment_code: String,
    pub status: AssessmentStatus,
    pub comment: String,
    pub assessed_at: DateTime<Utc>,
}

/// Comments are short: a sentence or two, never a record about a person.
pub const COMMENT_MAX_CHARS: usize = 300;

/// Checks one assessment of the form; returns the catalogue key of the problem.
pub fn check_assessment(
    status: &str,
    comment: &str,
) -> Result<(AssessmentStatus, String), &'static str> {
    let status = AssessmentStatus::parse(status).ok_or("charters-assess-status-missing")?;
    let comment = one_line(comment);
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err("charters-assess-comment-too-long");
    }
    Ok((status, comment))
}

/// What Relais measured about one commitment of an organisation. The permanences domain
/// fills `HalfDay` and `PosterPrinted` (see `charters::measures`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Relais cannot measure this commitment yet.
    NotMeasuredYet,
    /// Equipment declared on the organisation's places (any place counts).
    Equipment {
        has_computers: bool,
        has_wifi: bool,
        has_printer: bool,
        has_scanner: bool,
    },
    /// Staff of the organisation who signed the current helpers' charter.
    HelpersSigned { signed: usize, total: usize },
    /// At least one half-day of permanence per week.
    HalfDay { is_met: bool },
    /// The charter poster was printed this calendar year.
    PosterPrinted { is_met: bool },
}

impl Measure {
    /// The status this measure suggests; `None` when there is nothing to suggest.
    pub fn suggested_status(&self) -> Option<AssessmentStatus> {
        match self {
            Self::NotMeasuredYet => None,
            Self::Equipment {
                has_computers,
                has_wifi,
                has_printer,
                has_scanner,
            } => {
                let present = [has_computers, has_wifi, has_printer, has_scanner]
                    .into_iter()
                    .filter(|present| **present)
                    .count();
                Some(match present {
                    4 => AssessmentStatus::Met,
                    0 => AssessmentStatus::NotMet,
                    _ => AssessmentStatus::InProgress,
                })
            }
            Self::HelpersSigned { total: 0, .. } => None,
            Self::HelpersSigned { signed, total } if signed >= total => Some(AssessmentStatus::Met),
            Self::HelpersSigned { signed: 0, .. } => Some(AssessmentStatus::NotMet),
            Self::HelpersSigned { .. } => Some(AssessmentStatus::InProgress),
            Self::HalfDay { is_met } | Self::PosterPrinted { is_met } => Some(if *is_met {
                AssessmentStatus::Met
            } else {
                AssessmentStatus::NotMet
            }),
        }
    }
}

/// Codes of the network charter's commitments that Relais measures (default texts use them;
/// a coordinator's text keeps them to keep the measures).
pub const CODE_EQUIPMENT: &str = "equipement";
pub const CODE_HELPERS_SIGNED: &str = "encadrants-signes";
pub const CODE_HALF_DAY: &str = "demi-journee";
pub const CODE_POSTER: &str = "affichage";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_text_parses_with_unique_stable_codes() {
        for kind in CharterKind::ALL {
            let draft = parse_default(kind.default_text()).unwrap();
            assert!(!draft.title.is_empty());
            assert!(!draft.title.starts_with('#'));
            assert!(draft.commitments.len() >= 5, "{kind:?}");
            assert!(!draft.body.contains(COMMITMENTS_MARKER));
        }
        let network = parse_default(CharterKind::Network.default_text()).unwrap();
        let codes: Vec<&str> = network
            .commitments
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        for code in [
            "gratuite",
            "confidentialite",
            "dernier-clic",
            CODE_EQUIPMENT,
            CODE_HALF_DAY,
            CODE_POSTER,
            CODE_HELPERS_SIGNED,
        ] {
            assert!(codes.contains(&code), "{code}");
        }
    }

    #[test]
    fn default_texts_use_short_sentences() {
        for kind in CharterKind::ALL {
            let draft = parse_default(kind.default_text()).unwrap();
            let texts = std::iter::once(draft.body.as_str())
                .chain(draft.commitments.iter().map(|c| c.text.as_str()));
            for text in texts {
                for sentence in text.split(['.', '!', '\n']) {
                    let words = sentence.split_whitespace().count();
                    assert!(words <= 25, "long sentence in {kind:?}: {sentence}");
                }
            }
        }
    }

    #[test]
    fn the_content_hash_changes_with_any_visible_word() {
        let draft = parse_default(CharterKind::Helpers.default_text()).unwrap();
        let hash = draft.content_hash(CharterKind::Helpers);
        assert_eq!(hash.len(), 64);
        assert_eq!(hash, draft.clone().content_hash(CharterKind::Helpers));
        assert_ne!(hash, draft.content_hash(CharterKind::Network));
        let mut changed = draft.clone();
        changed.commitments[0].text.push('!');
        assert_ne!(hash, changed.content_hash(CharterKind::Helpers));
        let mut moved = draft.clone();
        moved.title = format!("{}{}", moved.title, "x");
        moved.body = moved.body.trim_start_matches('x').to_owned();
        assert_ne!(hash, moved.content_hash(CharterKind::Helpers));
    }

    #[test]
    fn commitments_need_a_valid_unique_code_and_a_text() {
        let ok = parse_commitments(
            "gratuite: C'est gratuit.\n\n  dernier-clic :  La personne   valide. ",
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].code, "dernier-clic");
        assert_eq!(ok[1].text, "La personne valide.");
        assert_eq!(
            commitments_as_text(&ok),
            "gratuite: C'est gratuit.\ndernier-clic: La personne valide."
        );
        let cases = [
            ("sans code", "charters-form-commitment-no-code"),
            ("Gratuité: oui", "charters-form-commitment-bad-code"),
            ("-a: oui", "charters-form-commitment-bad-code"),
            ("a: trop court", "charters-form-commitment-bad-code"),
            ("gratuite:   ", "charters-form-commitment-empty"),
            (
                "gratuite: a\ngratuite: b",
                "charters-form-commitment-duplicate",
            ),
            ("", "charters-form-commitments-missing"),
        ];
        for (text, key) in cases {
            assert_eq!(parse_commitments(text).unwrap_err().key, key, "{text}");
        }
        assert_eq!(
            parse_commitments("ok: a\n\nx y: b").unwrap_err().line,
            Some(3)
        );
    }

    #[test]
    fn a_draft_needs_a_title() {
        assert_eq!(check_draft("  ", "x", "ab: c").unwrap_err().field, "title");
        let draft = check_draft(" Ma   charte ", "Texte\r\nsuite", "ab: c").unwrap();
        assert_eq!(draft.title, "Ma charte");
        assert_eq!(draft.body, "Texte\nsuite");
    }

    #[test]
    fn a_signature_needs_a_name_a_kind_a_place_and_the_ticked_box() {
        let mut form = SignatureForm {
            full_name: "  Josette   Martin ".into(),
            helper_kind: "volunteer".into(),
            signed_at_place: "Angoulême".into(),
            version_hash: "abc".into(),
            accept: "oui".into(),
        };
        let signature = check_signature(&form).unwrap();
        assert_eq!(signature.full_name, "Josette Martin");
        assert_eq!(signature.helper_kind, HelperKind::Volunteer);
        form.full_name = " ".into();
        form.helper_kind = "boss".into();
        form.accept = String::new();
        let fields: Vec<&str> = check_signature(&form)
            .unwrap_err()
            .iter()
            .map(|(field, _)| *field)
            .collect();
        assert_eq!(fields, ["full_name", "helper_kind", "accept"]);
    }

    #[test]
    fn measures_suggest_a_status() {
        let equipment = |n: usize| Measure::Equipment {
            has_computers: n > 0,
            has_wifi: n > 1,
            has_printer: n > 2,
            has_scanner: n > 3,
        };
        assert_eq!(equipment(4).suggested_status(), Some(AssessmentStatus::Met));
        assert_eq!(
            equipment(2).suggested_status(),
            Some(AssessmentStatus::InProgress)
        );
        assert_eq!(
            equipment(0).suggested_status(),
            Some(AssessmentStatus::NotMet)
        );
        let signed = |signed, total| Measure::HelpersSigned { signed, total }.suggested_status();
        assert_eq!(signed(0, 0), None);
        assert_eq!(signed(2, 2), Some(AssessmentStatus::Met));
        assert_eq!(signed(1, 2), Some(AssessmentStatus::InProgress));
        assert_eq!(signed(0, 2), Some(AssessmentStatus::NotMet));
        assert_eq!(Measure::NotMeasuredYet.suggested_status(), None);
    }

    #[test]
    fn assessments_have_a_known_status_and_a_short_comment() {
        assert_eq!(
            check_assessment("in_progress", " Wi-Fi  en mars "),
            Ok((AssessmentStatus::InProgress, "Wi-Fi en mars".to_owned()))
        );
        assert_eq!(
            check_assessment("", ""),
            Err("charters-assess-status-missing")
        );
        assert_eq!(
            check_assessment("met", &"x".repeat(COMMENT_MAX_CHARS + 1)),
            Err("charters-assess-comment-too-long")
        );
    }

    #[test]
    fn kinds_round_trip_through_storage_and_paths() {
        for kind in CharterKind::ALL {
            assert_eq!(CharterKind::parse(kind.as_str()), Some(kind));
            assert_eq!(CharterKind::from_slug(kind.slug()), Some(kind));
        }
        for status in AssessmentStatus::ALL {
            assert_eq!(AssessmentStatus::parse(status.as_str()), Some(status));
        }
    }
}
