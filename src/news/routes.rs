//! News pages: the public page, its Atom feed and the public events calendar; the staff news
//! feed with one's own proposals, the proposal form, and the coordinator's moderation queue.

use super::model::{self, Decision, NewsId};
use super::views::{
    FormPage, ModerationPage, NewsCard, PublicItemPage, PublicListPage, StaffFeedPage,
};
use super::{NewsError, NewsItem, atom};
use crate::accounts::SessionUser;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::web::form::field;
use crate::web::page::render_with_status;
use crate::web::{CurrentUser, Form, MaybeUser, PageContext, RequireCoordinator, render, urls};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::NEWS_PUBLIC, get(public_list))
        .route(urls::NEWS_ATOM, get(atom_feed))
        .route(urls::NEWS_EVENTS_ICS, get(events_feed))
        .route("/actualites/{id}", get(public_item))
        .route("/actualites/{id}/piece-jointe", get(attachment))
        .route(urls::NEWS_STAFF, get(staff_feed).post(create))
        .route(urls::NEWS_PROPOSE, get(new_form))
        .route(
            "/reseau/actualites/{id}/modifier",
            get(edit_form).post(update),
        )
        .route(urls::NEWS_MODERATION, get(moderation_queue))
        .route("/gestion/actualites/{id}", post(moderate))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoticeQuery {
    info: Option<String>,
}

/// The document attached to an item: for everyone when the item is public and published,
/// for staff who may read the item otherwise.
async fn attachment(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let item = super::find(&state.db, parse_id(&id)?).await?;
    let public = item.status == super::Status::Published && item.data.is_public;
    if !public
        && !user
            .as_ref()
            .is_some_and(|user| super::may_read(user, &item))
    {
        return Err(AppError::NotFound);
    }
    let resource = item.data.attachment.ok_or(AppError::NotFound)?;
    let resource = crate::resources::find(&state.db, resource).await?;
    crate::resources::routes::file_response(&state, resource).await
}

fn parse_id(id: &str) -> AppResult<NewsId> {
    id.parse().map(NewsId).map_err(|_| AppError::NotFound)
}

fn public_url(state: &AppState) -> Option<String> {
    state
        .config
        .public_url
        .as_ref()
        .map(|url| url.as_str().trim_end_matches('/').to_owned())
}

fn cards(tr: &Tr, items: &[NewsItem]) -> Vec<NewsCard> {
    items
        .iter()
        .map(|item| NewsCard::new(tr, item, false))
        .collect()
}

async fn public_list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> AppResult<Response> {
    let items = super::public_items(&state.db).await?;
    let events = super::upcoming_events(&state.db, true, state.clock.now()).await?;
    let ctx = PageContext::new(user);
    let page = PublicListPage {
        events: cards(&ctx.tr, &events),
        items: cards(&ctx.tr, &items),
        ctx,
    };
    Ok(render(&page)?.into_response())
}

async fn public_item(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let item = super::find_public(&state.db, parse_id(&id)?).await?;
    let ctx = PageContext::new(user);
    let page = PublicItemPage {
        item: NewsCard::new(&ctx.tr, &item, false),
        ctx,
    };
    Ok(render(&page)?.into_response())
}

async fn atom_feed(State(state): State<AppState>) -> AppResult<Response> {
    let items = super::public_items(&state.db).await?;
    let network = crate::network::find_network(&state.db).await?;
    let tr = Tr::french();
    let base = public_url(&state);
    let absolute = |path: &str| format!("{}{path}", base.as_deref().unwrap_or_default());
    let entry_id = |id: i64| match &base {
        Some(base) => format!("{base}/actualites/{id}"),
        None => format!("urn:relais:actualite:{id}"),
    };
    let entries: Vec<atom::Entry> = items
        .iter()
        .map(|item| {
            let published = item.published_at.unwrap_or(item.updated_at);
            let mut content = super::views::NewsCard::new(&tr, item, false);
            let mut html = String::new();
            if let Some(when) = content.when.take() {
                html.push_str(&format!("<p><strong>{}</strong></p>", atom::escape(&when)));
            }
            if !item.data.location.is_empty() {
                html.push_str(&format!("<p>{}</p>", atom::escape(&item.data.location)));
            }
            html.push_str(&content.body_html);
            atom::Entry {
                id: entry_id(item.id.0),
                title: item.data.title.clone(),
                url: absolute(&format!("/actualites/{}", item.id.0)),
                published,
                updated: item.updated_at.max(published),
                category: content.kind_label,
                content_html: html,
            }
        })
        .collect();
    let feed = atom::Feed {
        id: base.as_ref().map_or_else(
            || "urn:relais:actualites".to_owned(),
            |base| format!("{base}{}", urls::NEWS_PUBLIC),
        ),
        title: tr.t("news-public-title"),
        self_url: absolute(urls::NEWS_ATOM),
        page_url: absolute(urls::NEWS_PUBLIC),
        author: network.map_or_else(|| "Relais".to_owned(), |n| n.name),
        updated: entries
            .iter()
            .map(|entry| entry.updated)
            .max()
            .unwrap_or_else(|| state.clock.now()),
        entries,
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        atom::render(&feed),
    )
        .into_response())
}

async fn events_feed(State(state): State<AppState>) -> AppResult<Response> {
    let now = state.clock.now();
    let events = super::upcoming_events(&state.db, true, now).await?;
    let body = super::ical::feed(
        &Tr::french().t("news-events-feed-name"),
        &events,
        public_url(&state).as_deref(),
        now,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response())
}

async fn staff_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let items = super::staff_feed(&state.db).await?;
    let mine = super::items_of(&state.db, user.id).await?;
    let waiting = if user.role == crate::accounts::Role::Coordinator {
        super::moderation_queue(&state.db).await?.len()
    } else {
        0
    };
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let page = StaffFeedPage {
        items: cards(&ctx.tr, &items),
        mine: mine
            .iter()
            .map(|item| NewsCard::new(&ctx.tr, item, item.status.is_editable_by_author()))
            .collect(),
        waiting,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Documents of the resource library that may be attached (not archived).
async fn library(state: &AppState) -> AppResult<Vec<crate::resources::Resource>> {
    Ok(crate::resources::list(&state.db, &crate::resources::ResourceFilter::default()).await?)
}

async fn new_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    let values = vec![("type".to_owned(), "actualite".to_owned())];
    let page = FormPage::new(
        PageContext::new(Some(user)),
        None,
        values,
        Vec::new(),
        String::new(),
        &library(&state).await?,
    );
    Ok(render(&page)?.into_response())
}

/// The answer to a refused form: the same page, every value kept, messages per field.
async fn refused_form(
    state: &AppState,
    user: SessionUser,
    id: Option<i64>,
    pairs: Vec<(String, String)>,
    error: NewsError,
    moderation_note: String,
) -> AppResult<Response> {
    match error {
        NewsError::Invalid(errors) => {
            let page = FormPage::new(
                PageContext::new(Some(user)),
                id,
                pairs,
                errors,
                moderation_note,
                &library(state).await?,
            );
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        NewsError::Forbidden | NewsError::Moderation(_) => Err(AppError::Forbidden),
        NewsError::Store(error) => Err(error.into()),
    }
}

async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let tr = Tr::french();
    let checked = match super::read_form(&tr, &pairs) {
        Ok(data) => super::check_attachment(&state.db, &tr, &data)
            .await
            .map(|()| data),
        Err(error) => Err(error),
    };
    let data = match checked {
        Ok(data) => data,
        Err(error) => return refused_form(&state, user, None, pairs, error, String::new()).await,
    };
    super::propose(&state.db, state.clock.now(), user.id, &data).await?;
    Ok(Redirect::to(&urls::with_notice(urls::NEWS_STAFF, "news-proposed")).into_response())
}

/// The author's item, still open; anyone else gets a 403 page.
async fn own_open_item(state: &AppState, user: &SessionUser, id: NewsId) -> AppResult<NewsItem> {
    let item = super::find(&state.db, id).await?;
    if item.author != Some(user.id) || !item.status.is_editable_by_author() {
        return Err(AppError::Forbidden);
    }
    Ok(item)
}

async fn edit_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let item = own_open_item(&state, &user, parse_id(&id)?).await?;
    let page = FormPage::new(
        PageContext::new(Some(user)),
        Some(item.id.0),
        model::form_pairs(&item.data),
        Vec::new(),
        item.moderation_note,
        &library(&state).await?,
    );
    Ok(render(&page)?.into_response())
}

async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let item = own_open_item(&state, &user, parse_id(&id)?).await?;
    let tr = Tr::french();
    let outcome = match super::read_form(&tr, &pairs) {
        Ok(data) => match super::check_attachment(&state.db, &tr, &data).await {
            Ok(()) => {
                super::update_proposal(&state.db, state.clock.now(), user.id, item.id, &data).await
            }
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&urls::with_notice(urls::NEWS_STAFF, "news-resent")).into_response())
        }
        Err(error) => {
            refused_form(
                &state,
                user,
                Some(item.id.0),
                pairs,
                error,
                item.moderation_note,
            )
            .await
        }
    }
}

async fn moderation_page(
    state: &AppState,
    user: SessionUser,
    notice: Option<&str>,
    refused: Option<(i64, String, String)>,
) -> AppResult<ModerationPage> {
    let items = super::moderation_queue(&state.db).await?;
    let ctx = PageContext::new(Some(user)).with_notice_code(notice);
    Ok(ModerationPage {
        items: cards(&ctx.tr, &items),
        refused,
        ctx,
    })
}

async fn moderation_queue(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Query(query): Query<NoticeQuery>,
) -> AppResult<Response> {
    let page = moderation_page(&state, user, query.info.as_deref(), None).await?;
    Ok(render(&page)?.into_response())
}

async fn moderate(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let note = field(&pairs, "motif").to_owned();
    let tr = Tr::french();
    let Some(decision) = Decision::from_form(field(&pairs, "decision"), &note) else {
        let message = tr.t("news-error-decision");
        let page = moderation_page(&state, user, None, Some((id.0, message, note))).await?;
        return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    match super::moderate(&state.db, &tr, state.clock.now(), &user, id, &decision).await {
        Ok(status) => {
            let code = match status {
                super::Status::Published => "news-published",
                super::Status::ChangesRequested => "news-changes-asked",
                _ => "news-refused",
            };
            Ok(Redirect::to(&urls::with_notice(urls::NEWS_MODERATION, code)).into_response())
        }
        Err(NewsError::Invalid(errors)) => {
            let message = errors
                .into_iter()
                .map(|(_, message)| message)
                .collect::<Vec<_>>()
                .join(" ");
            let page = moderation_page(&state, user, None, Some((id.0, message, note))).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(NewsError::Moderation(super::ModerationError::AlreadyDecided)) => Ok(Redirect::to(
            &urls::with_notice(urls::NEWS_MODERATION, "news-already-decided"),
        )
        .into_response()),
        Err(NewsError::Moderation(error)) => {
            let message = tr.t(error.message_key());
            let page = moderation_page(&state, user, None, Some((id.0, message, note))).await?;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(NewsError::Forbidden) => Err(AppError::Forbidden),
        Err(NewsError::Store(error)) => Err(error.into()),
    }
}
