//! Work session pages: the list with one's answer, a session's page (agenda, answers,
//! attendance and minutes), the coordinator's scheduling form, and the iCalendar file.

use super::{Answer, Meeting, MeetingId, Participant};
use crate::app::AppState;
use crate::charters::markdown::to_safe_html;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::permanences::model::french_time;
use crate::places::hours::TIME_ZONE;
use crate::places::views::french_date;
use crate::web::form::{field, fields};
use crate::web::page::render_with_status;
use crate::web::{CurrentUser, Form, PageContext, RequireCoordinator, render, urls};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::MEETINGS, get(list_meetings))
        .route(urls::MEETINGS_ICS, get(download_calendar))
        .route("/reseau/reunions/{id}", get(show_meeting))
        .route("/reseau/reunions/{id}/reponse", post(answer))
        .route(urls::MEETINGS_MANAGE, post(create_meeting))
        .route(urls::MEETINGS_NEW, get(new_meeting))
        .route("/gestion/reunions/{id}/presences", post(record_attendance))
        .route("/gestion/reunions/{id}/compte-rendu", post(publish_minutes))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    info: Option<String>,
}

/// A session as the pages show it.
struct MeetingCard {
    id: i64,
    title: String,
    when: String,
    location: String,
    has_minutes: bool,
}

impl MeetingCard {
    fn new(meeting: &Meeting) -> Self {
        let starts = meeting.data.starts_at.with_timezone(&TIME_ZONE);
        let ends = meeting.data.ends_at.with_timezone(&TIME_ZONE);
        Self {
            id: meeting.id.0,
            title: meeting.data.title.clone(),
            when: format!(
                "{}, {} – {}",
                french_date(starts.date_naive()),
                french_time(starts.time()),
                french_time(ends.time())
            ),
            location: meeting.data.location.clone(),
            has_minutes: meeting.minutes_published_at.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct ListPage {
    ctx: PageContext,
    upcoming: Vec<MeetingCard>,
    past: Vec<MeetingCard>,
}

/// One person on a session's page.
struct ParticipantRow {
    user_id: i64,
    name: String,
    answer: String,
    attended: bool,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    ctx: PageContext,
    meeting: MeetingCard,
    /// Safe HTML (`charters::markdown::to_safe_html`).
    agenda_html: String,
    minutes_html: String,
    minutes_text: String,
    is_over: bool,
    my_answer: String,
    answers: Vec<(String, usize)>,
    participants: Vec<ParticipantRow>,
    minutes_error: Option<String>,
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct FormPage {
    ctx: PageContext,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn value(&self, name: &str) -> &str {
        field(&self.values, name)
    }

    fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, message)| message.as_str())
    }
}

fn parse_id(id: &str) -> AppResult<MeetingId> {
    id.parse().map(MeetingId).map_err(|_| AppError::NotFound)
}

async fn list_meetings(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let (upcoming, past) = super::sessions(&state.db, state.clock.now()).await?;
    let page = ListPage {
        ctx: PageContext::new(Some(user)).with_notice_code(query.info.as_deref()),
        upcoming: upcoming.iter().map(MeetingCard::new).collect(),
        past: past.iter().map(MeetingCard::new).collect(),
    };
    Ok(render(&page)?.into_response())
}

async fn download_calendar(
    State(state): State<AppState>,
    CurrentUser(_user): CurrentUser,
) -> AppResult<Response> {
    let now = state.clock.now();
    let (mut upcoming, past) = super::sessions(&state.db, now).await?;
    upcoming.extend(past);
    let body = super::ical_feed(&Tr::french().t("meetings-feed-name"), &upcoming, now);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"seances-du-reseau.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

async fn show_page(
    state: &AppState,
    user: crate::accounts::SessionUser,
    id: MeetingId,
    notice: Option<&str>,
    minutes: Option<(String, String)>,
) -> AppResult<ShowPage> {
    let meeting = super::find(&state.db, id).await?;
    let participants: Vec<Participant> = super::participants(&state.db, id).await?;
    let user_id = user.id.0;
    let ctx = PageContext::new(Some(user)).with_notice_code(notice);
    let label = |answer: Option<Answer>| {
        answer.map_or_else(|| ctx.t("meetings-answer-none"), |a| ctx.t(a.label_key()))
    };
    let my_answer = label(
        participants
            .iter()
            .find(|p| p.user_id == user_id)
            .and_then(|p| p.answer),
    );
    let answers = Answer::ALL
        .iter()
        .map(|answer| {
            (
                ctx.t(answer.label_key()),
                participants
                    .iter()
                    .filter(|p| p.answer == Some(*answer))
                    .count(),
            )
        })
        .collect();
    let rows = participants
        .iter()
        .map(|p| ParticipantRow {
            user_id: p.user_id,
            name: p.name.clone(),
            answer: label(p.answer),
            attended: p.attended.unwrap_or(p.answer == Some(Answer::Yes)),
        })
        .collect();
    let (minutes_text, minutes_error) = match minutes {
        Some((text, error)) => (text, Some(error)),
        None => (meeting.minutes.clone(), None),
    };
    Ok(ShowPage {
        agenda_html: to_safe_html(&meeting.data.agenda),
        minutes_html: to_safe_html(&meeting.minutes),
        minutes_text,
        is_over: meeting.data.ends_at <= state.clock.now(),
        meeting: MeetingCard::new(&meeting),
        my_answer,
        answers,
        participants: rows,
        minutes_error,
        ctx,
    })
}

async fn show_meeting(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let page = show_page(&state, user, parse_id(&id)?, query.info.as_deref(), None).await?;
    Ok(render(&page)?.into_response())
}

async fn answer(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let Some(answer) = Answer::from_code(field(&pairs, "reponse")) else {
        return Err(AppError::BadRequest(
            "Choisissez : je viens, peut-être ou je ne viens pas.".into(),
        ));
    };
    let code = if super::answer(&state.db, state.clock.now(), user.id, id, answer).await? {
        "meeting-answered"
    } else {
        "meeting-over"
    };
    Ok(Redirect::to(&urls::with_notice(
        &format!("/reseau/reunions/{}", id.0),
        code,
    ))
    .into_response())
}

async fn new_meeting(RequireCoordinator(user): RequireCoordinator) -> AppResult<Response> {
    let page = FormPage {
        ctx: PageContext::new(Some(user)),
        values: Vec::new(),
        errors: Vec::new(),
    };
    Ok(render(&page)?.into_response())
}

async fn create_meeting(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    match super::read_form(&Tr::french(), &pairs) {
        Ok(data) => {
            let id = super::schedule(&state.db, state.clock.now(), user.id, &data).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/reseau/reunions/{}", id.0),
                "meeting-scheduled",
            ))
            .into_response())
        }
        Err(errors) => {
            let page = FormPage {
                ctx: PageContext::new(Some(user)),
                values: pairs,
                errors,
            };
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn record_attendance(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let present: Vec<i64> = fields(&pairs, "present")
        .iter()
        .filter_map(|value| value.parse().ok())
        .collect();
    super::record_attendance(&state.db, state.clock.now(), user.id, id, &present).await?;
    Ok(Redirect::to(&urls::with_notice(
        &format!("/reseau/reunions/{}", id.0),
        "meeting-attendance",
    ))
    .into_response())
}

async fn publish_minutes(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let typed = field(&pairs, "compte_rendu").to_owned();
    match super::check_minutes(&Tr::french(), &typed) {
        Ok(minutes) => {
            super::publish_minutes(&state.db, state.clock.now(), user.id, id, &minutes).await?;
            Ok(Redirect::to(&urls::with_notice(
                &format!("/reseau/reunions/{}", id.0),
                "meeting-minutes",
            ))
            .into_response())
        }
        Err(message) => {
            let page = show_page(&state, user, id, None, Some((typed, message))).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
