//! Diagnostic pages. The questionnaire is a chain of forms: each page carries the answers so
//! far in hidden fields (no session, no cookie, nothing on the server), so it works without
//! JavaScript and the back button of the page never loses an answer.

use super::model::{CodeError, Diagnostic, Questionnaire};
use super::views::{
    AnswerButton, BoardPage, Carried, NeedsPage, QuestionPage, ResultPage, StartPage,
    board_sections, domain_rows, month_label,
};
use crate::app::AppState;
use crate::error::AppResult;
use crate::places::PlaceId;
use crate::places::model::Visibility;
use crate::web::page::{Choice, render_with_status};
use crate::web::urls;
use crate::web::{CurrentUser, Form, MaybeUser, PageContext, render};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::DIAGNOSTIC, get(start).post(step))
        .route(urls::DIAGNOSTIC_RESULT, get(result))
        .route(urls::DIAGNOSTIC_BOARD, get(board))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StartQuery {
    lieu: Option<String>,
    fiche: Option<String>,
}

/// A public place id from the form or the address; anything else is ignored (the diagnostic
/// then counts for no place).
async fn known_place(state: &AppState, text: &str) -> AppResult<Option<crate::places::Place>> {
    let Ok(id) = text.trim().parse::<i64>() else {
        return Ok(None);
    };
    match crate::places::find_place(&state.db, PlaceId(id)).await {
        Ok(place) if place.visibility == Visibility::Public => Ok(Some(place)),
        Ok(_) | Err(crate::storage::StoreError::NotFound) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

async fn start(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(query): Query<StartQuery>,
) -> AppResult<Response> {
    let place = known_place(&state, query.lieu.as_deref().unwrap_or_default()).await?;
    let with_helper = user.is_some() && query.fiche.as_deref() == Some("1");
    let page = StartPage {
        ctx: PageContext::new(user),
        questions: state.config.diagnostic.current_questions().len(),
        place: place.map(|p| p.id.0.to_string()).unwrap_or_default(),
        with_helper,
        code_error: None,
        code: String::new(),
    };
    Ok(render(&page)?.into_response())
}

fn carried(
    questionnaire: &Questionnaire,
    pairs: &[(String, String)],
    progress: &[Option<usize>],
    logged_in: bool,
) -> Carried {
    let needs = chosen_needs(questionnaire, pairs)
        .into_iter()
        .map(|n| questionnaire.needs[n].id.clone())
        .collect();
    Carried {
        progress: Questionnaire::write_progress(progress),
        needs,
        place: crate::web::form::field(pairs, "lieu")
            .parse::<i64>()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        with_helper: logged_in && crate::web::form::field(pairs, "fiche") == "1",
    }
}

fn chosen_needs(questionnaire: &Questionnaire, pairs: &[(String, String)]) -> Vec<usize> {
    crate::web::form::fields(pairs, "besoins")
        .into_iter()
        .filter_map(|id| questionnaire.need_index(id))
        .filter(|n| questionnaire.current_needs().contains(n))
        .collect()
}

/// One step of the questionnaire: records the answer given, then shows the next question, the
/// needs, or (once finished) counts the diagnostic and sends the person to the result.
async fn step(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let questionnaire = state.config.diagnostic.clone();
    let total = questionnaire.current_questions().len();
    let field = |name: &str| crate::web::form::field(&pairs, name);
    let mut progress = questionnaire.read_progress(field("reponses"));
    // Step `total` is the needs page; a tampered step number is brought back in range.
    let current = field("etape").parse::<usize>().unwrap_or(0).min(total);
    let mut message = None;
    let next = if !field("retour").is_empty() {
        current.saturating_sub(1)
    } else if let Some(answer) = questionnaire.answer_index(field("reponse")) {
        if current < total {
            progress[current] = Some(answer);
        }
        current + 1
    } else if !field("terminer").is_empty() {
        let needs = chosen_needs(&questionnaire, &pairs);
        let today = crate::permanences::today(state.clock.now());
        match questionnaire.complete(&progress, &needs, today) {
            Some(diagnostic) => {
                let place = known_place(&state, field("lieu")).await?;
                super::count_completed(
                    &state.db,
                    &questionnaire,
                    &diagnostic,
                    place.as_ref().map(|p| p.id),
                    state.clock.now(),
                )
                .await?;
                let mut target = format!(
                    "{}?code={}",
                    urls::DIAGNOSTIC_RESULT,
                    questionnaire.encode(&diagnostic)
                );
                if let Some(place) = place {
                    target.push_str(&format!("&lieu={}", place.id.0));
                }
                if user.is_some() && field("fiche") == "1" {
                    target.push_str("&fiche=1");
                }
                return Ok(Redirect::to(&target).into_response());
            }
            None => {
                message = Some("diagnostic-unanswered");
                progress.iter().position(Option::is_none).unwrap_or(0)
            }
        }
    } else {
        // "Commencer", or a form without a known button: stay on the current step.
        current
    };
    let carried = carried(&questionnaire, &pairs, &progress, user.is_some());
    let ctx = PageContext::new(user);
    if next >= total {
        let needs = questionnaire
            .current_needs()
            .iter()
            .map(|n| {
                let need = &questionnaire.needs[*n];
                Choice {
                    value: need.id.clone(),
                    label: need.label.clone(),
                    checked: carried.needs.contains(&need.id),
                }
            })
            .collect();
        let page = NeedsPage {
            ctx,
            carried,
            step: total,
            total,
            needs,
        };
        return Ok(render(&page)?.into_response());
    }
    let question = &questionnaire.questions[questionnaire.current_questions()[next]];
    let domain =
        &questionnaire.domains[questionnaire.domain_of(questionnaire.current_questions()[next])];
    let page = QuestionPage {
        message: message.map(|key| ctx.t(key)),
        ctx,
        step: next,
        number: next + 1,
        total,
        domain: domain.label.clone(),
        text: question.text.clone(),
        example: question.example.clone(),
        answers: questionnaire
            .answers
            .iter()
            .enumerate()
            .map(|(index, answer)| AnswerButton {
                id: answer.id.clone(),
                label: answer.label.clone(),
                pictogram: answer.pictogram.clone(),
                chosen: carried.progress.as_bytes().get(next) == Some(&(b'0' + index as u8)),
            })
            .collect(),
        carried,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResultQuery {
    code: String,
    avant: String,
    commune: String,
    lieu: String,
    fiche: String,
}

fn code_message(ctx: &PageContext, error: CodeError) -> String {
    ctx.t(error.message_key())
}

/// The result of a code: levels, profile, needs, next steps near the chosen commune (or the
/// place's), the code and its QR code, and the comparison with an earlier code.
async fn result(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    Query(query): Query<ResultQuery>,
) -> AppResult<Response> {
    let questionnaire = state.config.diagnostic.clone();
    let place = known_place(&state, &query.lieu).await?;
    let diagnostic = match questionnaire.decode(&query.code) {
        Ok(diagnostic) => diagnostic,
        Err(error) => {
            let ctx = PageContext::new(user);
            let page = StartPage {
                code_error: Some(code_message(&ctx, error)),
                ctx,
                questions: questionnaire.current_questions().len(),
                place: place.map(|p| p.id.0.to_string()).unwrap_or_default(),
                with_helper: false,
                code: query.code.chars().take(40).collect(),
            };
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let ctx = PageContext::new(user);
    let (before, before_error): (Option<Diagnostic>, Option<String>) =
        if query.avant.trim().is_empty() {
            (None, None)
        } else {
            match questionnaire.decode(&query.avant) {
                Ok(before) => (Some(before), None),
                Err(error) => (None, Some(code_message(&ctx, error))),
            }
        };
    let code = super::model::normalize_code(&query.code);
    let scores = questionnaire.score(&diagnostic);
    let profile = &questionnaire.profiles[scores.profile];
    let services = questionnaire.services_for(&diagnostic.needs);
    // Around the commune the person typed, else around the place where it was made.
    let typed: String = query.commune.trim().chars().take(80).collect();
    let point = match &place {
        Some(place) if typed.is_empty() => place.record.latitude.zip(place.record.longitude),
        _ => None,
    };
    let commune = match &place {
        Some(place) if typed.is_empty() => place.record.commune.clone(),
        _ => typed,
    };
    let index = crate::places::routes::current_index(&state).await?;
    let around = super::Around {
        commune: &commune,
        point,
    };
    let next_steps = super::next_steps(
        &state.db,
        &index,
        &services,
        around.clone(),
        state.clock.now(),
    )
    .await?;
    let workshops = super::next_workshops(
        &state.db,
        &index,
        &questionnaire,
        &diagnostic,
        around,
        state.clock.now(),
    )
    .await?;
    let result_url = format!(
        "{}{}?code={}",
        urls::site_base(&state.config, &headers),
        urls::DIAGNOSTIC_RESULT,
        code
    );
    let qr_data_uri = crate::permanences::poster::qr_data_uri(&result_url)?;
    let record_link = (ctx.is_logged_in() && query.fiche == "1").then(|| {
        let mut link = format!("{}?diagnostic={code}", urls::ACTIVITY_NEW);
        if let Some(place) = &place {
            link.push_str(&format!("&lieu={}", place.id.0));
        }
        link
    });
    let search_link = {
        let mut link = String::from("/lieux?");
        let mut parts: Vec<String> = services
            .iter()
            .map(|s| format!("service={}", crate::text::slug(s)))
            .collect();
        if !commune.is_empty() {
            parts.push(format!(
                "commune={}",
                url::form_urlencoded::byte_serialize(commune.as_bytes()).collect::<String>()
            ));
        }
        link.push_str(&parts.join("&"));
        link
    };
    let page = ResultPage {
        code,
        on_date: crate::places::views::french_date(diagnostic.on_date),
        before_date: before
            .as_ref()
            .map(|b| crate::places::views::french_date(b.on_date)),
        before_code: query.avant.chars().take(40).collect(),
        before_error,
        profile: profile.label.clone(),
        profile_sentence: profile.sentence.clone(),
        domains: domain_rows(&questionnaire, &diagnostic, before.as_ref()),
        needs: diagnostic
            .needs
            .iter()
            .map(|n| questionnaire.needs[*n].label.clone())
            .collect(),
        services,
        commune,
        next_steps,
        workshops,
        qr_data_uri,
        result_url,
        place: place.map(|p| p.id.0.to_string()).unwrap_or_default(),
        record_link,
        search_link,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Counts of diagnostics per place and month, for staff.
async fn board(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let (months, places) = super::board(&state.db, &user, state.clock.now()).await?;
    let ctx = PageContext::new(Some(user));
    let sections = board_sections(
        &state.config.diagnostic,
        &months,
        &places,
        &ctx.t("diagnostic-board-no-place"),
        &ctx.t("diagnostic-board-total"),
    );
    let page = BoardPage {
        months: months.iter().map(|m| month_label(m)).collect(),
        sections,
        ctx,
    };
    Ok(render(&page)?.into_response())
}
