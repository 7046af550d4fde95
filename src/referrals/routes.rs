//! Referral pages: the list (counts for coordinators), the form, one referral and its
//! answers, the slip (print view and PDF), the desk's code page, and the partner's signed
//! link (no account).

use super::model::{self, Action, ReferralId};
use super::views::{
    CodePage, DestinationPanel, Details, FormPage, LinkGonePage, LinkPage, ListPage, Row, ShowPage,
    SlipPage, form_choices, state_label,
};
use super::{LinkTarget, ReferralError, Side};
use crate::accounts::{Role, SessionUser};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::form::field;
use crate::web::page::{Choice, render_with_status};
use crate::web::urls;
use crate::web::{ClientIp, CurrentUser, Form, PageContext, render};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orientations", get(list).post(create))
        .route("/orientations/nouvelle", get(new))
        .route("/orientations/code", get(code_page).post(enter_code))
        .route("/orientations/{id}", get(show))
        .route("/orientations/{id}/accepter", post(accept))
        .route("/orientations/{id}/refuser", post(refuse))
        .route("/orientations/{id}/arrivee", post(arrive))
        .route("/orientations/{id}/annuler", post(cancel))
        .route("/orientations/{id}/lien", post(renew_link))
        .route("/orientations/{id}/fiche", get(slip_page))
        .route("/orientations/{id}/fiche.pdf", get(slip_pdf))
        .route("/relais/{token}", get(link_page).post(link_answer))
}

fn parse_id(id: &str) -> AppResult<ReferralId> {
    id.parse().map(ReferralId).map_err(|_| AppError::NotFound)
}

fn page_url(id: ReferralId) -> String {
    format!("/orientations/{}", id.0)
}

/// The partner's link to pass on.
fn link_url(state: &AppState, token: &str) -> String {
    format!("{}/relais/{token}", state.config.base_url())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    info: Option<String>,
    destination: Option<String>,
    accompagnement: Option<String>,
    code: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
    let ctx = PageContext::new(Some(user.clone())).with_notice_code(query.info.as_deref());
    if user.role == Role::Coordinator && organizations.is_empty() {
        let counts = super::counts(&state.db)
            .await?
            .into_iter()
            .map(|(s, n)| (state_label(&ctx, s), n))
            .collect();
        let page = ListPage {
            ctx,
            counts: Some(counts),
            reminders: Vec::new(),
            incoming: Vec::new(),
            outgoing: Vec::new(),
        };
        return Ok(render(&page)?.into_response());
    }
    let (incoming, outgoing) = super::list_for(&state.db, &user).await?;
    let incoming: Vec<Row> = incoming.iter().map(|r| Row::new(&ctx, r, now)).collect();
    let outgoing: Vec<Row> = outgoing.iter().map(|r| Row::new(&ctx, r, now)).collect();
    let reminders = incoming
        .iter()
        .chain(outgoing.iter())
        .filter(|row| row.reminder)
        .map(|row| Row {
            id: row.id,
            date: row.date.clone(),
            from: row.from.clone(),
            to: row.to.clone(),
            need: row.need.clone(),
            state: row.state.clone(),
            reminder: true,
        })
        .collect();
    let page = ListPage {
        ctx,
        counts: None,
        reminders,
        incoming,
        outgoing,
    };
    Ok(render(&page)?.into_response())
}

async fn form_page(
    state: &AppState,
    user: SessionUser,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> AppResult<FormPage> {
    let ctx = PageContext::new(Some(user));
    let chosen = field(&values, "destination").to_owned();
    let mut network_places = Vec::new();
    let mut partners = Vec::new();
    let mut destination = None;
    for (id, label, is_partner) in super::destinations(&state.db).await? {
        let checked = chosen == id.0.to_string();
        if checked {
            let place = crate::places::find_place(&state.db, id).await?;
            let slip = super::slip::Slip::preview(&state.db, &place, state.clock.now()).await?;
            destination = Some(DestinationPanel::from_slip(
                id.0,
                is_partner,
                place.record.services.clone(),
                &slip,
            ));
        }
        let choice = Choice {
            value: id.0.to_string(),
            label,
            checked,
        };
        if is_partner {
            partners.push(choice);
        } else {
            network_places.push(choice);
        }
    }
    let (categories, shares, contact_ways) = form_choices(&ctx, &values);
    Ok(FormPage {
        ctx,
        network_places,
        partners,
        destination,
        categories,
        shares,
        contact_ways,
        values,
        errors,
    })
}

/// Step 1 chooses the destination (a GET form, no personal data in the address); step 2,
/// with `?destination=`, shows its services and next permanences and the rest of the form.
async fn new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let mut values = Vec::new();
    if let Some(destination) = query.destination.filter(|d| !d.is_empty()) {
        values.push(("destination".to_owned(), destination));
    }
    if let Some(activity) = query.accompagnement.filter(|a| !a.is_empty()) {
        values.push(("accompagnement".to_owned(), activity));
    }
    let page = form_page(&state, user, values, Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

/// Checks the form, then its free text with the privacy guard (nothing refused is kept).
fn parse(pairs: &[(String, String)]) -> Result<super::ReferralData, ReferralError> {
    let tr = crate::i18n::Tr::french();
    let guarded = crate::privacy::check_fields(&tr, pairs, &model::GUARDED_FIELDS);
    match model::parse_form(pairs) {
        Ok(data) if guarded.is_empty() => Ok(data),
        Ok(_) => Err(ReferralError::Guarded(guarded)),
        Err(errors) => Err(ReferralError::Guarded(
            errors
                .iter()
                .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
                .chain(guarded)
                .collect(),
        )),
    }
}

fn messages(error: ReferralError) -> AppResult<Vec<(String, String)>> {
    let tr = crate::i18n::Tr::french();
    match error {
        ReferralError::Invalid(errors) => Ok(errors
            .iter()
            .map(|(field, key)| ((*field).to_owned(), tr.t(key)))
            .collect()),
        ReferralError::Guarded(errors) => Ok(errors),
        ReferralError::Forbidden => Err(AppError::Forbidden),
        ReferralError::Store(error) => Err(error.into()),
        ReferralError::Closed(_) | ReferralError::Throttled | ReferralError::UnknownCode => {
            Err(AppError::BadRequest(tr.t("referrals-error-state")))
        }
    }
}

async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let outcome = match parse(&pairs) {
        Ok(data) => super::create(&state.db, now, user.id, &data).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(created) => match created.link_token {
            None => Ok(Redirect::to(&urls::with_notice(
                &page_url(created.id),
                "referral-created",
            ))
            .into_response()),
            Some(token) => {
                let link = link_url(&state, &token);
                let referral = super::find(&state.db, created.id).await?;
                let emailed = super::email_link(&state.mailer, &state.db, &referral, &link).await;
                let ctx = PageContext::new(Some(user)).with_notice_code(Some("referral-created"));
                let page =
                    show_page(&state, ctx, &referral, Side::Sender, Some(link), emailed).await?;
                Ok(render(&page)?.into_response())
            }
        },
        Err(error) => {
            let errors = messages(error)?;
            let page = form_page(&state, user, pairs, errors).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn show_page(
    state: &AppState,
    ctx: PageContext,
    referral: &super::Referral,
    side: Side,
    new_link: Option<String>,
    link_emailed: bool,
) -> AppResult<ShowPage> {
    let now = state.clock.now();
    let needs_link = referral.needs_link() && side.is_sender();
    let link_until = if needs_link {
        super::link_expiry(&state.db, referral.id)
            .await?
            .filter(|until| *until > now)
            .map(|until| ctx.tr.datetime(until))
    } else {
        None
    };
    Ok(ShowPage {
        details: Details::new(&ctx, referral, side, now),
        ctx,
        is_sender: side.is_sender(),
        is_destination: side.is_destination(),
        needs_link,
        link_until,
        new_link: if link_emailed { None } else { new_link },
        link_emailed,
        reason_error: None,
        reason: String::new(),
    })
}

async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let (referral, side) = found(super::find_for(&state.db, &user, parse_id(&id)?).await)?;
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = show_page(&state, ctx, &referral, side, None, false).await?;
    Ok(render(&page)?.into_response())
}

fn found<T>(result: Result<T, ReferralError>) -> AppResult<T> {
    result.map_err(refusal)
}

/// The error page of an operation's error that has no better answer on the page itself.
fn refusal(error: ReferralError) -> AppError {
    match error {
        ReferralError::Forbidden => AppError::Forbidden,
        ReferralError::Store(error) => error.into(),
        _ => AppError::NotFound,
    }
}

/// Runs an action from the referral page; a refused reason shows the page again.
async fn act(
    state: AppState,
    user: SessionUser,
    id: &str,
    action: Action,
    pairs: &[(String, String)],
) -> AppResult<Response> {
    let id = parse_id(id)?;
    let reason = field(pairs, "motif").to_owned();
    let tr = crate::i18n::Tr::french();
    let guarded = if action == Action::Refuse {
        crate::privacy::check_fields(&tr, pairs, &["motif"])
    } else {
        Vec::new()
    };
    let outcome = match guarded.into_iter().next() {
        Some((_, message)) => Err(Err(message)),
        None => super::act(&state.db, state.clock.now(), &user, id, action, &reason)
            .await
            .map_err(Ok),
    };
    let message = match outcome {
        Ok(_) => {
            let notice = match action {
                Action::Accept => "referral-accepted",
                Action::Refuse => "referral-refused",
                Action::Arrive => "referral-arrived",
                Action::Cancel => "referral-cancelled",
            };
            return Ok(Redirect::to(&urls::with_notice(&page_url(id), notice)).into_response());
        }
        Err(Err(message)) => message,
        Err(Ok(ReferralError::Invalid(errors))) => {
            errors.first().map(|(_, key)| tr.t(key)).unwrap_or_default()
        }
        Err(Ok(ReferralError::Closed(now))) => {
            tr.t1("referrals-error-closed", "state", tr.t(now.label_key()))
        }
        Err(Ok(other)) => return Err(refusal(other)),
    };
    let (referral, side) = found(super::find_for(&state.db, &user, id).await)?;
    let ctx = PageContext::new(Some(user));
    let mut page = show_page(&state, ctx, &referral, side, None, false).await?;
    page.reason_error = Some(message);
    page.reason = reason;
    render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

async fn accept(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    act(state, user, &id, Action::Accept, &pairs).await
}

async fn refuse(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    act(state, user, &id, Action::Refuse, &pairs).await
}

async fn arrive(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    act(state, user, &id, Action::Arrive, &pairs).await
}

async fn cancel(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    act(state, user, &id, Action::Cancel, &pairs).await
}

/// A new partner link; shown to the sender (and e-mailed when SMTP is configured).
async fn renew_link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let now = state.clock.now();
    let token = match super::renew_link(&state.db, now, &user, id).await {
        Ok(token) => token,
        Err(ReferralError::Closed(_)) => {
            return Ok(Redirect::to(&page_url(id)).into_response());
        }
        Err(error) => return Err(refusal(error)),
    };
    let link = link_url(&state, &token);
    let referral = super::find(&state.db, id).await?;
    let emailed = super::email_link(&state.mailer, &state.db, &referral, &link).await;
    let ctx = PageContext::new(Some(user)).with_notice_code(Some("referral-link-renewed"));
    let page = show_page(&state, ctx, &referral, Side::Sender, Some(link), emailed).await?;
    Ok(render(&page)?.into_response())
}

/// The referral for its slip: only the sender's side prints it.
async fn slip_of(state: &AppState, user: &SessionUser, id: &str) -> AppResult<super::slip::Slip> {
    let (referral, side) = found(super::find_for(&state.db, user, parse_id(id)?).await)?;
    if !side.is_sender() || referral.code.is_none() {
        return Err(AppError::Forbidden);
    }
    Ok(super::slip::build(
        &state.db,
        &referral,
        state.clock.now(),
        &state.config.base_url(),
    )
    .await?)
}

async fn slip_page(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    use base64::Engine;
    let slip = slip_of(&state, &user, &id).await?;
    let svg = crate::permanences::poster::qr_svg(&slip.qr_url)?;
    let page = SlipPage {
        ctx: PageContext::new(Some(user)),
        id: parse_id(&id)?.0,
        qr_data_uri: format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(svg)
        ),
        slip,
    };
    Ok(render(&page)?.into_response())
}

/// The A5 PDF of the slip, typeset off the async runtime within `Config::pdf_renders` slots.
async fn slip_pdf(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let slip = slip_of(&state, &user, &id).await?;
    let Some(_slot) = crate::web::pdf::slot(&state).await else {
        return Ok(crate::web::pdf::busy());
    };
    let pdf = super::slip::typeset(slip).await?;
    Ok(crate::web::pdf::inline(pdf, "fiche-orientation.pdf"))
}

/// The desk's page: type (or scan) the code of a slip to record that the person came.
async fn code_page(
    CurrentUser(user): CurrentUser,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let page = CodePage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        code: query
            .code
            .as_deref()
            .and_then(model::normalize_code)
            .map(|c| model::display_code(&c))
            .unwrap_or_default(),
        error: None,
    };
    Ok(render(&page)?.into_response())
}

async fn enter_code(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ClientIp(client_ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let typed = field(&pairs, "code").to_owned();
    let now = state.clock.now();
    let (status, key) = match super::arrive_by_code(&state.db, now, &user, &client_ip, &typed).await
    {
        Ok(referral) => {
            return Ok(Redirect::to(&urls::with_notice(
                &page_url(referral.id),
                "referral-arrived",
            ))
            .into_response());
        }
        Err(ReferralError::Throttled) => {
            (StatusCode::TOO_MANY_REQUESTS, "referrals-code-throttled")
        }
        Err(ReferralError::UnknownCode) => {
            (StatusCode::UNPROCESSABLE_ENTITY, "referrals-code-unknown")
        }
        Err(ReferralError::Closed(_)) => (StatusCode::CONFLICT, "referrals-error-state"),
        Err(error) => return Err(refusal(error)),
    };
    let ctx = PageContext::new(Some(user));
    let page = CodePage {
        error: Some(ctx.t(key)),
        ctx,
        code: typed,
    };
    render_with_status(status, &page)
}

/// A plain page for a link that no longer works (410).
fn link_gone(key: &str) -> AppResult<Response> {
    let ctx = PageContext::anonymous();
    let page = LinkGonePage {
        message: ctx.t(key),
        ctx,
    };
    render_with_status(StatusCode::GONE, &page)
}

fn link_details(
    ctx: &PageContext,
    referral: &super::Referral,
    now: chrono::DateTime<chrono::Utc>,
) -> Details {
    Details::new(ctx, referral, Side::Destination, now)
}

async fn link_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let referral = match super::follow_link(&state.db, now, &token).await? {
        LinkTarget::Open(referral) => referral,
        LinkTarget::Expired => return link_gone("referrals-link-expired"),
        LinkTarget::Unknown => return link_gone("referrals-link-unknown"),
    };
    let ctx = PageContext::anonymous();
    let state_now = referral.state_at(now);
    let message = (!state_now.is_open()).then(|| {
        ctx.t1(
            "referrals-link-closed",
            "state",
            ctx.t(state_now.label_key()),
        )
    });
    let page = LinkPage {
        details: link_details(&ctx, &referral, now),
        ctx,
        token,
        reason_error: None,
        reason: String::new(),
        message,
    };
    Ok(render(&page)?.into_response())
}

async fn link_answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let action = match field(&pairs, "action") {
        "accepter" => Action::Accept,
        "refuser" => Action::Refuse,
        "arrivee" => Action::Arrive,
        _ => {
            return match super::follow_link(&state.db, now, &token).await? {
                LinkTarget::Open(_) => Err(AppError::BadRequest(
                    PageContext::anonymous().t("referrals-error-state"),
                )),
                LinkTarget::Expired => link_gone("referrals-link-expired"),
                LinkTarget::Unknown => link_gone("referrals-link-unknown"),
            };
        }
    };
    let reason = field(&pairs, "motif").to_owned();
    let ctx = PageContext::anonymous();
    let guarded = if action == Action::Refuse {
        crate::privacy::check_fields(&ctx.tr, &pairs, &["motif"])
    } else {
        Vec::new()
    };
    let (status, message, reason_error) = match guarded.into_iter().next() {
        Some((_, message)) => (StatusCode::UNPROCESSABLE_ENTITY, None, Some(message)),
        None => match super::act_by_link(&state.db, now, &token, action, &reason).await {
            Ok(state_now) => (
                StatusCode::OK,
                Some(ctx.t1("referrals-link-done", "state", ctx.t(state_now.label_key()))),
                None,
            ),
            Err(ReferralError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                errors.first().map(|(_, key)| ctx.t(key)),
            ),
            Err(ReferralError::Closed(closed)) => (
                StatusCode::CONFLICT,
                Some(ctx.t1("referrals-link-closed", "state", ctx.t(closed.label_key()))),
                None,
            ),
            Err(ReferralError::Forbidden) => {
                return match super::follow_link(&state.db, now, &token).await? {
                    LinkTarget::Expired => link_gone("referrals-link-expired"),
                    _ => link_gone("referrals-link-unknown"),
                };
            }
            Err(error) => return Err(refusal(error)),
        },
    };
    let referral = match super::follow_link(&state.db, now, &token).await? {
        LinkTarget::Open(referral) => referral,
        _ => return link_gone("referrals-link-unknown"),
    };
    let page = LinkPage {
        details: link_details(&ctx, &referral, now),
        ctx,
        token,
        reason_error,
        reason: if status == StatusCode::OK {
            String::new()
        } else {
            reason
        },
        message,
    };
    render_with_status(status, &page)
}
