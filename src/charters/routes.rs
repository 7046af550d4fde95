//! Handlers of the charters pages: reading charters, publishing a version (coordinator),
//! signing the helpers' charter and downloading the signed copy, the coordinator's boards,
//! a manager's adhesion and self-assessment, and the public charter page and sheet.

use super::model::{self, CharterKind, SignatureForm};
use super::views::{
    AdhesionListPage, AdhesionPage, AdhesionSummary, CharterPage, CharterView, ChartersPage,
    CommitmentsBoardPage, PublicCharterPage, PublishPage, SignPage, SignatureBoardPage,
    SignatureStatus, StandingRow, adhesion_status, kind_choices, signature_line, summary,
};
use super::{CharterError, pdf};
use crate::accounts::{Role, SessionUser};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::home::NoticeQuery;
use crate::web::page::render_with_status;
use crate::web::urls;
use crate::web::{
    CurrentUser, Form, MaybeUser, PageContext, RequireCoordinator, RequireManager, render,
};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::CHARTERS, get(list_charters))
        .route("/chartes/{kind}", get(show_charter))
        .route(
            urls::CHARTER_SIGN,
            get(show_signature_form).post(sign_charter),
        )
        .route(urls::CHARTER_MY_COPY, get(download_my_signed_copy))
        .route(
            "/gestion/chartes/{kind}",
            get(show_publish_form).post(publish_charter),
        )
        .route(urls::SIGNATURE_BOARD, get(show_signature_board))
        .route(
            "/gestion/signatures/{id}/copie.pdf",
            get(download_signed_copy),
        )
        .route(urls::ADHESION, get(list_adhesions))
        .route("/gestion/adhesion/{organization}", get(show_adhesion))
        .route("/gestion/adhesion/{organization}/adherer", post(adhere))
        .route(
            "/gestion/adhesion/{organization}/auto-evaluation",
            post(save_assessment),
        )
        .route(urls::COMMITMENTS_BOARD, get(show_commitments_board))
        .route(urls::PUBLIC_CHARTER, get(show_public_charter))
        .route(urls::PUBLIC_CHARTER_PDF, get(download_public_charter))
}

fn kind_from_path(slug: &str) -> AppResult<CharterKind> {
    CharterKind::from_slug(slug).ok_or(AppError::NotFound)
}

fn pdf_response(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn network_name(state: &AppState) -> AppResult<String> {
    Ok(crate::network::find_network(&state.db)
        .await?
        .map(|network| network.name)
        .unwrap_or_default())
}

// --- Reading ---

async fn list_charters(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let ctx = PageContext::new(user).with_notice_code(query.info.as_deref());
    let mut charters = Vec::new();
    for kind in CharterKind::ALL {
        let version = super::current_charter(&state.db, state.clock.now(), kind).await?;
        charters.push(summary(&ctx.tr, &version));
    }
    Ok(render(&ChartersPage { ctx, charters })?.into_response())
}

async fn show_charter(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let kind = kind_from_path(&slug)?;
    let version = super::current_charter(&state.db, state.clock.now(), kind).await?;
    let ctx = PageContext::new(user.clone()).with_notice_code(query.info.as_deref());
    let signature = match (&user, kind) {
        (Some(user), CharterKind::Helpers) => {
            let latest = super::latest_signature(&state.db, user.id).await?;
            Some(SignatureStatus {
                has_signed_current: latest
                    .as_ref()
                    .is_some_and(|(signature, _)| signature.charter_version_id == version.id),
                latest: latest.map(|(signature, _)| signature_line(&ctx.tr, &signature)),
            })
        }
        _ => None,
    };
    let page = CharterPage {
        charter: CharterView::new(&ctx.tr, &version),
        is_network: kind == CharterKind::Network,
        is_public: kind == CharterKind::Public,
        signature,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

// --- Publishing (coordinator) ---

async fn show_publish_form(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let kind = kind_from_path(&slug)?;
    let current = super::current_charter(&state.db, state.clock.now(), kind).await?;
    let ctx = PageContext::new(Some(user));
    let page = PublishPage {
        kind_slug: kind.slug(),
        kind_label: ctx.t(kind.label_key()),
        current_line: pdf::version_line(&ctx.tr, &current),
        title: current.title.clone(),
        body: current.body.clone(),
        commitments: model::commitments_as_text(&current.commitments),
        error: None,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct PublishForm {
    title: String,
    body: String,
    commitments: String,
}

async fn publish_charter(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(slug): Path<String>,
    Form(form): Form<PublishForm>,
) -> AppResult<Response> {
    let kind = kind_from_path(&slug)?;
    let now = state.clock.now();
    let outcome = match model::check_draft(&form.title, &form.body, &form.commitments) {
        Ok(draft) => super::publish_charter(&state.db, now, user.id, kind, &draft)
            .await
            .map(|_| ()),
        Err(error) => Err(CharterError::Invalid(vec![(
            format!("{}:{}", error.field, error.line.unwrap_or(0)),
            error.key,
        )])),
    };
    let ctx = PageContext::new(Some(user));
    let error = match outcome {
        Ok(()) => {
            return Ok(Redirect::to(&urls::with_notice(
                &urls::charter(kind.slug()),
                "charte-publiee",
            ))
            .into_response());
        }
        Err(CharterError::Unchanged) => {
            ("commitments".to_owned(), ctx.t("charters-form-unchanged"))
        }
        Err(CharterError::Invalid(errors)) => {
            let (place, key) = errors.into_iter().next().unwrap_or_default();
            let (field, line) = place.split_once(':').unwrap_or((&place, "0"));
            let mut message = ctx.t(key);
            if line != "0" {
                message = ctx.t_args2("charters-form-line", "line", line, "message", message);
            }
            (field.to_owned(), message)
        }
        Err(other) => return Err(other.into()),
    };
    let current = super::current_charter(&state.db, now, kind).await?;
    let page = PublishPage {
        kind_slug: kind.slug(),
        kind_label: ctx.t(kind.label_key()),
        current_line: pdf::version_line(&ctx.tr, &current),
        title: form.title,
        body: form.body,
        commitments: form.commitments,
        error: Some(error),
        ctx,
    };
    render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

// --- Signing (any staff member) ---

struct SignValues {
    full_name: String,
    helper_kind: String,
    signed_at_place: String,
}

async fn sign_page(
    state: &AppState,
    user: SessionUser,
    values: SignValues,
    stale: bool,
    errors: Vec<(String, String)>,
) -> AppResult<SignPage> {
    let now = state.clock.now();
    let current = super::current_charter(&state.db, now, CharterKind::Helpers).await?;
    let already_signed = super::helper_has_signed_current(&state.db, user.id).await?;
    let ctx = PageContext::new(Some(user));
    Ok(SignPage {
        charter: CharterView::new(&ctx.tr, &current),
        stale_message: stale.then(|| ctx.t("charters-sign-stale")),
        already_signed,
        full_name: values.full_name,
        signed_at_place: values.signed_at_place,
        kinds: kind_choices(&ctx.tr, &values.helper_kind),
        today: pdf::french_day(now.with_timezone(&chrono_tz::Europe::Paris).date_naive()),
        errors,
        ctx,
    })
}

async fn show_signature_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let values = SignValues {
        full_name: user.display_name.clone(),
        helper_kind: user.helper_kind.as_str().to_owned(),
        signed_at_place: String::new(),
    };
    Ok(render(&sign_page(&state, user, values, false, Vec::new()).await?)?.into_response())
}

async fn sign_charter(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(form): Form<SignatureForm>,
) -> AppResult<Response> {
    let values = SignValues {
        full_name: form.full_name.clone(),
        helper_kind: form.helper_kind.clone(),
        signed_at_place: form.signed_at_place.clone(),
    };
    let tr = crate::i18n::Tr::french();
    let signature = match model::check_signature(&form) {
        Ok(signature) => signature,
        Err(errors) => {
            let current =
                super::current_charter(&state.db, state.clock.now(), CharterKind::Helpers).await?;
            let is_stale = current.content_hash != form.version_hash.trim();
            let errors = errors
                .into_iter()
                .map(|(field, key)| (field.to_owned(), tr.t(key)))
                .collect();
            let page = sign_page(&state, user, values, is_stale, errors).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match super::sign_helpers_charter(&state.db, state.clock.now(), user.id, &signature).await {
        Ok(_) => Ok(Redirect::to(&urls::with_notice(
            &urls::charter(CharterKind::Helpers.slug()),
            "charte-signee",
        ))
        .into_response()),
        Err(CharterError::AlreadyDone) => Ok(Redirect::to(&urls::with_notice(
            &urls::charter(CharterKind::Helpers.slug()),
            "charte-deja-signee",
        ))
        .into_response()),
        Err(CharterError::Stale(_)) => {
            let page = sign_page(&state, user, values, true, Vec::new()).await?;
            render_with_status(StatusCode::CONFLICT, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn signed_copy(
    state: &AppState,
    signature: super::Signature,
    version: super::CharterVersion,
) -> AppResult<Response> {
    let network = network_name(state).await?;
    let file_name = format!(
        "charte-encadrants-v{}-signature-{}.pdf",
        version.version, signature.id
    );
    let bytes = pdf::typeset("a signed charter copy", move || {
        pdf::signed_copy_pdf(&crate::i18n::Tr::french(), &network, &version, &signature)
    })
    .await?;
    Ok(pdf_response(bytes, &file_name))
}

async fn download_my_signed_copy(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let (signature, version) = super::latest_signature(&state.db, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    signed_copy(&state, signature, version).await
}

async fn download_signed_copy(
    State(state): State<AppState>,
    RequireCoordinator(_user): RequireCoordinator,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (signature, version) = super::find_signature(&state.db, id).await?;
    signed_copy(&state, signature, version).await
}

// --- Coordinator boards ---

async fn show_signature_board(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
) -> AppResult<Response> {
    let (current, rows) = super::signature_board(&state.db, state.clock.now(), &user).await?;
    let page = SignatureBoardPage::new(PageContext::new(Some(user)), &current, rows);
    Ok(render(&page)?.into_response())
}

async fn show_commitments_board(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
) -> AppResult<Response> {
    let (current, standings) = super::standings(&state.db, state.clock.now(), None).await?;
    let ctx = PageContext::new(Some(user));
    let page = CommitmentsBoardPage {
        current_line: pdf::version_line(&ctx.tr, &current),
        rows: standings
            .iter()
            .map(|standing| StandingRow::new(&ctx.tr, standing, &current))
            .collect(),
        ctx,
    };
    Ok(render(&page)?.into_response())
}

// --- Adhesion and self-assessment (managers of the organisation, and coordinators) ---

/// The organisations `user` answers for: their own, or every one for a coordinator.
async fn answerable_organizations(
    state: &AppState,
    user: &SessionUser,
) -> AppResult<Option<Vec<i64>>> {
    if user.role == Role::Coordinator {
        return Ok(None);
    }
    Ok(Some(
        crate::accounts::organization_ids(&state.db, user.id).await?,
    ))
}

async fn list_adhesions(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
) -> AppResult<Response> {
    let only = answerable_organizations(&state, &user).await?;
    let (current, standings) =
        super::standings(&state.db, state.clock.now(), only.as_deref()).await?;
    let ctx = PageContext::new(Some(user));
    let organizations = standings
        .iter()
        .map(|standing| AdhesionSummary {
            id: standing.organization.id,
            name: standing.organization.name.clone(),
            status: adhesion_status(&ctx.tr, standing, &current),
        })
        .collect();
    Ok(render(&AdhesionListPage { ctx, organizations })?.into_response())
}

/// The organisation of the path, if `user` answers for it.
async fn answerable(state: &AppState, user: &SessionUser, id: &str) -> AppResult<i64> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    crate::organizations::find_organization(&state.db, id).await?;
    match answerable_organizations(state, user).await? {
        Some(ids) if !ids.contains(&id) => Err(AppError::Forbidden),
        _ => Ok(id),
    }
}

struct AdhesionState<'a> {
    posted: Option<&'a [(String, String)]>,
    errors: Vec<(String, String)>,
    stale: bool,
    notice: Option<&'a str>,
}

async fn adhesion_page(
    state: &AppState,
    user: SessionUser,
    organization_id: i64,
    form: AdhesionState<'_>,
) -> AppResult<AdhesionPage> {
    let (current, standings) =
        super::standings(&state.db, state.clock.now(), Some(&[organization_id])).await?;
    let standing = standings.into_iter().next().ok_or(AppError::NotFound)?;
    let ctx = PageContext::new(Some(user)).with_notice_code(form.notice);
    Ok(AdhesionPage {
        organization_id,
        organization_name: standing.organization.name.clone(),
        charter: CharterView::new(&ctx.tr, &current),
        has_adhered: standing.has_adhered_to(&current),
        adhesion_line: standing
            .adhered_at
            .map(|_| adhesion_status(&ctx.tr, &standing, &current)),
        stale_message: form.stale.then(|| ctx.t("charters-adhere-stale")),
        rows: AdhesionPage::rows(&ctx.tr, &standing, form.posted, &form.errors),
        ctx,
    })
}

async fn show_adhesion(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let id = answerable(&state, &user, &id).await?;
    let form = AdhesionState {
        posted: None,
        errors: Vec::new(),
        stale: false,
        notice: query.info.as_deref(),
    };
    Ok(render(&adhesion_page(&state, user, id, form).await?)?.into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct AdhereForm {
    version_hash: String,
}

async fn adhere(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(form): Form<AdhereForm>,
) -> AppResult<Response> {
    let id = answerable(&state, &user, &id).await?;
    let path = urls::adhesion(id);
    match super::adhere_to_network_charter(
        &state.db,
        state.clock.now(),
        user.id,
        id,
        &form.version_hash,
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to(&urls::with_notice(&path, "adhesion-enregistree")).into_response())
        }
        Err(CharterError::AlreadyDone) => {
            Ok(Redirect::to(&urls::with_notice(&path, "adhesion-deja-faite")).into_response())
        }
        Err(CharterError::Stale(_)) => {
            let form = AdhesionState {
                posted: None,
                errors: Vec::new(),
                stale: true,
                notice: None,
            };
            let page = adhesion_page(&state, user, id, form).await?;
            render_with_status(StatusCode::CONFLICT, &page)
        }
        Err(other) => Err(other.into()),
    }
}

async fn save_assessment(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = answerable(&state, &user, &id).await?;
    let value = |name: String| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let current =
        super::current_charter(&state.db, state.clock.now(), CharterKind::Network).await?;
    let answers: Vec<(String, String, String)> = current
        .commitments
        .iter()
        .map(|c| {
            (
                c.code.clone(),
                value(format!("statut-{}", c.code)),
                value(format!("commentaire-{}", c.code)),
            )
        })
        .collect();
    // The comments are free text: the privacy guard reads each of them first.
    let tr = crate::i18n::Tr::french();
    let comment_fields: Vec<String> = current
        .commitments
        .iter()
        .map(|c| format!("commentaire-{}", c.code))
        .collect();
    let names: Vec<&str> = comment_fields.iter().map(String::as_str).collect();
    let guarded = crate::privacy::check_fields(&tr, &pairs, &names);
    if !guarded.is_empty() {
        let form = AdhesionState {
            posted: Some(&pairs),
            errors: guarded
                .into_iter()
                .map(|(field, message)| {
                    (field.trim_start_matches("commentaire-").to_owned(), message)
                })
                .collect(),
            stale: false,
            notice: None,
        };
        let page = adhesion_page(&state, user, id, form).await?;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    match super::save_assessments(&state.db, state.clock.now(), user.id, id, &answers).await {
        Ok(_) => Ok(Redirect::to(&urls::with_notice(
            &urls::adhesion(id),
            "auto-evaluation-enregistree",
        ))
        .into_response()),
        Err(CharterError::Invalid(errors)) => {
            let form = AdhesionState {
                posted: Some(&pairs),
                errors: errors
                    .into_iter()
                    .map(|(code, key)| (code, tr.t(key)))
                    .collect(),
                stale: false,
                notice: None,
            };
            let page = adhesion_page(&state, user, id, form).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

// --- Public charter ---

async fn show_public_charter(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> AppResult<Response> {
    let version = super::current_charter(&state.db, state.clock.now(), CharterKind::Public).await?;
    let ctx = PageContext::new(user);
    let page = PublicCharterPage {
        charter: CharterView::new(&ctx.tr, &version),
        ctx,
    };
    Ok(render(&page)?.into_response())
}

async fn download_public_charter(State(state): State<AppState>) -> AppResult<Response> {
    let version = super::current_charter(&state.db, state.clock.now(), CharterKind::Public).await?;
    let network = network_name(&state).await?;
    let bytes = pdf::typeset("the public charter", move || {
        pdf::public_sheet_pdf(&crate::i18n::Tr::french(), &network, &version)
    })
    .await?;
    Ok(pdf_response(bytes, "charte-publique.pdf"))
}
