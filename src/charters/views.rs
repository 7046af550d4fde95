//! Template structs of the charters pages, and the few texts computed for them (version
//! lines, measured values). No logic beyond presentation.

use super::markdown::to_safe_html;
use super::model::{AssessmentStatus, CharterKind, CharterVersion, Measure, Signature};
use super::pdf::{french_day, version_line};
use super::{OrganizationStanding, SignatureRow};
use crate::i18n::Tr;
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// A charter as pages show it: its text as safe HTML.
pub struct CharterView {
    pub kind_slug: &'static str,
    pub kind_label: String,
    pub title: String,
    pub version_line: String,
    pub short_hash: String,
    pub content_hash: String,
    /// Safe HTML (see `markdown::to_safe_html`): the only value templates print unescaped.
    pub body_html: String,
    pub commitments: Vec<(String, String)>,
}

impl CharterView {
    pub fn new(tr: &Tr, version: &CharterVersion) -> Self {
        Self {
            kind_slug: version.kind.slug(),
            kind_label: tr.t(version.kind.label_key()),
            title: version.title.clone(),
            version_line: version_line(tr, version),
            short_hash: version.short_hash().to_owned(),
            content_hash: version.content_hash.clone(),
            body_html: to_safe_html(&version.body),
            commitments: version
                .commitments
                .iter()
                .map(|c| (c.code.clone(), c.text.clone()))
                .collect(),
        }
    }
}

/// One charter on the list page.
pub struct CharterSummary {
    pub slug: &'static str,
    pub label: String,
    pub purpose: String,
    pub title: String,
    pub version_line: String,
}

#[derive(Template)]
#[template(path = "charters/list.html")]
pub struct ChartersPage {
    pub ctx: PageContext,
    pub charters: Vec<CharterSummary>,
}

/// What the helpers' charter page says about the reader's own signature.
pub struct SignatureStatus {
    pub has_signed_current: bool,
    /// "Vous avez signé la version 2 le 12 mars 2026."
    pub latest: Option<String>,
}

#[derive(Template)]
#[template(path = "charters/show.html")]
pub struct CharterPage {
    pub ctx: PageContext,
    pub charter: CharterView,
    pub is_network: bool,
    pub is_public: bool,
    pub signature: Option<SignatureStatus>,
}

#[derive(Template)]
#[template(path = "charters/publish.html")]
pub struct PublishPage {
    pub ctx: PageContext,
    pub kind_slug: &'static str,
    pub kind_label: String,
    pub current_line: String,
    pub title: String,
    pub body: String,
    pub commitments: String,
    /// `(field, message)`.
    pub error: Option<(String, String)>,
}

impl PublishPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, message)| message.as_str())
    }
}

#[derive(Template)]
#[template(path = "charters/sign.html")]
pub struct SignPage {
    pub ctx: PageContext,
    pub charter: CharterView,
    /// Set when the text changed between display and signature.
    pub stale_message: Option<String>,
    pub already_signed: bool,
    pub full_name: String,
    pub signed_at_place: String,
    pub kinds: Vec<Choice>,
    pub today: String,
    /// `(field, message)`.
    pub errors: Vec<(String, String)>,
}

impl SignPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, message)| message.as_str())
    }
}

pub fn kind_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    crate::accounts::HelperKind::ALL
        .into_iter()
        .map(|kind| Choice {
            value: kind.as_str().to_owned(),
            label: tr.t(kind.label_key()),
            checked: kind.as_str() == selected,
        })
        .collect()
}

/// "Version 2, signée le 12 mars 2026 à Angoulême".
pub fn signature_line(tr: &Tr, signature: &Signature) -> String {
    tr.t_args(
        "charters-signature-line",
        &[
            ("version", signature.version.to_string()),
            ("date", french_day(signature.signed_on)),
            ("place", signature.signed_at_place.clone()),
        ],
    )
}

/// One line of the coordinator's signature board.
pub struct SignatureBoardRow {
    pub name: String,
    pub role_label: String,
    pub organizations: String,
    pub has_signed_current: bool,
    pub latest: Option<String>,
    pub signature_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "charters/signatures.html")]
pub struct SignatureBoardPage {
    pub ctx: PageContext,
    pub current_line: String,
    pub signed_count: usize,
    pub rows: Vec<SignatureBoardRow>,
}

impl SignatureBoardPage {
    pub fn new(ctx: PageContext, current: &CharterVersion, rows: Vec<SignatureRow>) -> Self {
        let rows: Vec<SignatureBoardRow> = rows
            .into_iter()
            .map(|row| SignatureBoardRow {
                name: row.member.user.display_name.clone(),
                role_label: format!(
                    "{} ({})",
                    ctx.t(row.member.user.role.label_key()),
                    ctx.t(row.member.user.helper_kind.label_key())
                ),
                organizations: row.member.organizations.join(", "),
                has_signed_current: row.has_signed_current,
                latest: row.latest.as_ref().map(|s| signature_line(&ctx.tr, s)),
                signature_id: row.latest.as_ref().map(|s| s.id),
            })
            .collect();
        Self {
            current_line: version_line(&ctx.tr, current),
            signed_count: rows.iter().filter(|r| r.has_signed_current).count(),
            rows,
            ctx,
        }
    }
}

/// One organisation on the manager's adhesion list.
pub struct AdhesionSummary {
    pub id: i64,
    pub name: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "charters/adhesion_list.html")]
pub struct AdhesionListPage {
    pub ctx: PageContext,
    pub organizations: Vec<AdhesionSummary>,
}

/// One commitment in the self-assessment form.
pub struct AssessmentRow {
    pub code: String,
    pub text: String,
    pub statuses: Vec<Choice>,
    pub comment: String,
    pub measured: Option<String>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "charters/adhesion.html")]
pub struct AdhesionPage {
    pub ctx: PageContext,
    pub organization_id: i64,
    pub organization_name: String,
    pub charter: CharterView,
    pub has_adhered: bool,
    /// "Adhésion à la version 1 le 2 mars 2026" (any version), if any.
    pub adhesion_line: Option<String>,
    pub stale_message: Option<String>,
    pub rows: Vec<AssessmentRow>,
}

/// The sentence of a measured value, for pages and boards.
pub fn measure_text(tr: &Tr, measure: &Measure) -> String {
    let yes_no = |value: bool| tr.t(if value { "charters-yes" } else { "charters-no" });
    match measure {
        Measure::NotMeasuredYet => tr.t("charters-measure-not-yet"),
        Measure::Equipment {
            has_computers,
            has_wifi,
            has_printer,
            has_scanner,
        } => tr.t_args(
            "charters-measure-equipment",
            &[
                ("computers", yes_no(*has_computers)),
                ("wifi", yes_no(*has_wifi)),
                ("printer", yes_no(*has_printer)),
                ("scanner", yes_no(*has_scanner)),
            ],
        ),
        Measure::HelpersSigned { total: 0, .. } => tr.t("charters-measure-no-staff"),
        Measure::HelpersSigned { signed, total } => tr.t_args(
            "charters-measure-helpers-signed",
            &[("signed", signed.to_string()), ("total", total.to_string())],
        ),
        Measure::HalfDay { is_met } => tr.t(if *is_met {
            "charters-measure-half-day-met"
        } else {
            "charters-measure-half-day-not-met"
        }),
        Measure::PosterPrinted { is_met } => tr.t(if *is_met {
            "charters-measure-poster-met"
        } else {
            "charters-measure-poster-not-met"
        }),
    }
}

impl AdhesionPage {
    pub fn rows(
        tr: &Tr,
        standing: &OrganizationStanding,
        posted: Option<&[(String, String)]>,
        errors: &[(String, String)],
    ) -> Vec<AssessmentRow> {
        standing
            .commitments
            .iter()
            .map(|state| {
                let code = &state.commitment.code;
                let posted_value = |name: &str| {
                    posted.and_then(|pairs| {
                        pairs
                            .iter()
                            .find(|(key, _)| key == &format!("{name}-{code}"))
                            .map(|(_, value)| value.clone())
                    })
                };
                let saved = state.assessment.as_ref();
                let selected = posted_value("statut")
                    .or_else(|| saved.map(|a| a.status.as_str().to_owned()))
                    .or_else(|| {
                        state
                            .measure
                            .as_ref()
                            .and_then(Measure::suggested_status)
                            .map(|s| s.as_str().to_owned())
                    })
                    .unwrap_or_default();
                AssessmentRow {
                    code: code.clone(),
                    text: state.commitment.text.clone(),
                    statuses: AssessmentStatus::ALL
                        .into_iter()
                        .map(|status| Choice {
                            value: status.as_str().to_owned(),
                            label: tr.t(status.label_key()),
                            checked: status.as_str() == selected,
                        })
                        .collect(),
                    comment: posted_value("commentaire")
                        .or_else(|| saved.map(|a| a.comment.clone()))
                        .unwrap_or_default(),
                    measured: state.measure.as_ref().map(|m| measure_text(tr, m)),
                    error: errors
                        .iter()
                        .find(|(c, _)| c == code)
                        .map(|(_, message)| message.clone()),
                }
            })
            .collect()
    }
}

/// One organisation on the coordinator's commitments board.
pub struct StandingRow {
    pub id: i64,
    pub name: String,
    pub adhesion: String,
    pub has_adhered_current: bool,
    pub met: usize,
    pub in_progress: usize,
    pub not_met: usize,
    pub not_assessed: usize,
    /// `(commitment text, status label, measured text, comment)`.
    pub details: Vec<(String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "charters/commitments_board.html")]
pub struct CommitmentsBoardPage {
    pub ctx: PageContext,
    pub current_line: String,
    pub rows: Vec<StandingRow>,
}

/// "Adhère à la version 2 (en vigueur)" / "N'a pas encore adhéré".
pub fn adhesion_status(
    tr: &Tr,
    standing: &OrganizationStanding,
    current: &CharterVersion,
) -> String {
    match standing.adhered_version {
        None => tr.t("charters-adhesion-none"),
        Some(version) if version == current.version => {
            tr.t1("charters-adhesion-current", "version", version)
        }
        Some(version) => tr.t1("charters-adhesion-old", "version", version),
    }
}

impl StandingRow {
    pub fn new(tr: &Tr, standing: &OrganizationStanding, current: &CharterVersion) -> Self {
        let met = standing.count(AssessmentStatus::Met);
        let in_progress = standing.count(AssessmentStatus::InProgress);
        let not_met = standing.count(AssessmentStatus::NotMet);
        Self {
            id: standing.organization.id,
            name: standing.organization.name.clone(),
            adhesion: adhesion_status(tr, standing, current),
            has_adhered_current: standing.has_adhered_to(current),
            met,
            in_progress,
            not_met,
            not_assessed: standing.commitments.len() - met - in_progress - not_met,
            details: standing
                .commitments
                .iter()
                .map(|state| {
                    (
                        state.commitment.text.clone(),
                        state
                            .assessment
                            .as_ref()
                            .map(|a| tr.t(a.status.label_key()))
                            .unwrap_or_else(|| tr.t("charters-status-none")),
                        state
                            .measure
                            .as_ref()
                            .map(|m| measure_text(tr, m))
                            .unwrap_or_default(),
                        state
                            .assessment
                            .as_ref()
                            .map(|a| a.comment.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "charters/public.html")]
pub struct PublicCharterPage {
    pub ctx: PageContext,
    pub charter: CharterView,
}

/// The kinds in list order, for the list page.
pub fn summary(tr: &Tr, version: &CharterVersion) -> CharterSummary {
    let kind: CharterKind = version.kind;
    CharterSummary {
        slug: kind.slug(),
        label: tr.t(kind.label_key()),
        purpose: tr.t(kind.purpose_key()),
        title: version.title.clone(),
        version_line: version_line(tr, version),
    }
}
