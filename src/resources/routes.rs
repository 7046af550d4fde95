//! Resource library pages: the list with its search and category filter and the two forms
//! (a link, a file), downloads with safe headers, and the coordinator's feature / archive
//! buttons.

use super::model::{self, Category};
use super::upload::{self, UploadError};
use super::{Content, Resource, ResourceFilter};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::web::form::field;
use crate::web::page::{Choice, render_with_status};
use crate::web::{CurrentUser, Form, PageContext, RequireCoordinator, render, urls};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(urls::RESOURCES, get(list_resources))
        .route(urls::RESOURCES_LINK, post(add_link))
        .route(
            urls::RESOURCES_FILE,
            post(add_file).layer(DefaultBodyLimit::max(upload::MAX_BYTES + 256 * 1024)),
        )
        .route("/reseau/ressources/{id}/fichier", get(download))
        .route("/gestion/ressources/{id}", post(set_flags))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    categorie: String,
    q: String,
    archives: String,
    info: Option<String>,
}

struct ResourceRow {
    id: i64,
    category: String,
    title: String,
    description: String,
    /// The link's address, or the file's download path.
    href: String,
    is_file: bool,
    /// "PDF, 120 Ko".
    file_facts: String,
    is_featured: bool,
    is_archived: bool,
}

impl ResourceRow {
    fn new(tr: &Tr, resource: &Resource) -> Self {
        let (href, is_file, file_facts) = match &resource.content {
            Content::Link(url) => (url.clone(), false, String::new()),
            Content::File {
                file_type, size, ..
            } => (
                format!("/reseau/ressources/{}/fichier", resource.id),
                true,
                format!(
                    "{}, {} Ko",
                    file_type.as_str().to_uppercase(),
                    (size + 1023) / 1024
                ),
            ),
        };
        Self {
            id: resource.id,
            category: tr.t(resource.info.category.label_key()),
            title: resource.info.title.clone(),
            description: resource.info.description.clone(),
            href,
            is_file,
            file_facts,
            is_featured: resource.is_featured,
            is_archived: resource.is_archived,
        }
    }
}

#[derive(Template)]
#[template(path = "resources/list.html")]
struct ListPage {
    ctx: PageContext,
    rows: Vec<ResourceRow>,
    categories: Vec<Choice>,
    query: String,
    archived: bool,
    has_files: bool,
    /// Which form was refused (`lien` or `fichier`), its values and messages.
    form: String,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

impl ListPage {
    fn value(&self, form: &str, name: &str) -> &str {
        if self.form == form {
            field(&self.values, name)
        } else {
            ""
        }
    }

    fn form_categories(&self, form: &str) -> Vec<Choice> {
        let chosen = self.value(form, "categorie").to_owned();
        self.categories
            .iter()
            .map(|c| Choice {
                checked: c.value == chosen,
                ..c.clone()
            })
            .collect()
    }

    fn errors_of(&self, form: &str) -> Vec<&str> {
        if self.form == form {
            self.errors.iter().map(|(_, m)| m.as_str()).collect()
        } else {
            Vec::new()
        }
    }
}

/// A refused form: which one (`lien` or `fichier`), its values and French messages.
struct Refused<'a> {
    form: &'a str,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
}

async fn list_page(
    state: &AppState,
    user: crate::accounts::SessionUser,
    query: &ListQuery,
    refused: Option<Refused<'_>>,
) -> AppResult<ListPage> {
    let category = Category::from_code(&query.categorie);
    let filter = ResourceFilter {
        category,
        words: query.q.clone(),
        archived: query.archives == "oui",
    };
    let resources = super::list(&state.db, &filter).await?;
    let ctx = PageContext::new(Some(user)).with_notice_code(query.info.as_deref());
    let (form, values, errors) = refused
        .map(|r| (r.form.to_owned(), r.values, r.errors))
        .unwrap_or_default();
    Ok(ListPage {
        rows: resources
            .iter()
            .map(|r| ResourceRow::new(&ctx.tr, r))
            .collect(),
        categories: Category::ALL
            .iter()
            .map(|c| Choice {
                value: c.code().to_owned(),
                label: ctx.t(c.label_key()),
                checked: category == Some(*c),
            })
            .collect(),
        query: query.q.clone(),
        archived: filter.archived,
        has_files: super::files_dir(&state.config).is_some(),
        form,
        values,
        errors,
        ctx,
    })
}

async fn list_resources(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    Ok(render(&list_page(&state, user, &query, None).await?)?.into_response())
}

/// The description's rules, then the privacy guard: French messages per field.
fn read_info(
    tr: &Tr,
    pairs: &[(String, String)],
) -> Result<model::ResourceInfo, Vec<(String, String)>> {
    let guarded = crate::privacy::check_fields(tr, pairs, &model::TEXT_FIELDS);
    match model::parse_info(pairs) {
        Ok(info) if guarded.is_empty() => Ok(info),
        Ok(_) => Err(guarded),
        Err(errors) => Err(errors
            .iter()
            .map(|(f, key)| ((*f).to_owned(), tr.t(key)))
            .chain(guarded)
            .collect()),
    }
}

async fn refused(
    state: &AppState,
    user: crate::accounts::SessionUser,
    form: &str,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> AppResult<Response> {
    let refused = Refused {
        form,
        values,
        errors,
    };
    let page = list_page(state, user, &ListQuery::default(), Some(refused)).await?;
    render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

fn added() -> Response {
    Redirect::to(&urls::with_notice(urls::RESOURCES, "resource-added")).into_response()
}

async fn add_link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let tr = Tr::french();
    let info = read_info(&tr, &pairs);
    let url = model::check_url(field(&pairs, "adresse"));
    match (info, url) {
        (Ok(info), Ok(url)) => {
            super::add_link(&state.db, state.clock.now(), user.id, &info, &url).await?;
            Ok(added())
        }
        (info, url) => {
            let mut errors = info.err().unwrap_or_default();
            if let Err(key) = url {
                errors.push(("adresse".into(), tr.t(key)));
            }
            refused(&state, user, "lien", pairs, errors).await
        }
    }
}

/// Reads the multipart form: its text fields, and the file's name and bytes (at most one byte
/// past the limit, so that an oversize file is told apart without reading it all).
async fn read_multipart(
    mut multipart: Multipart,
) -> Result<(Vec<(String, String)>, String, Vec<u8>), UploadError> {
    let mut pairs = Vec::new();
    let mut file_name = String::new();
    let mut bytes = Vec::new();
    while let Some(mut part) = multipart
        .next_field()
        .await
        .map_err(|_| UploadError::TooLarge)?
    {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "fichier" {
            file_name = part.file_name().unwrap_or_default().to_owned();
            while let Some(chunk) = part.chunk().await.map_err(|_| UploadError::TooLarge)? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > upload::MAX_BYTES {
                    return Err(UploadError::TooLarge);
                }
            }
        } else {
            let text = part.text().await.map_err(|_| UploadError::TooLarge)?;
            pairs.push((name, text));
        }
    }
    Ok((pairs, file_name, bytes))
}

async fn add_file(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let tr = Tr::french();
    let Some(dir) = super::files_dir(&state.config) else {
        return Err(AppError::BadRequest(tr.t("resources-no-files")));
    };
    let Ok(multipart) = multipart else {
        return Err(AppError::BadRequest(tr.t("resources-error-form")));
    };
    let (pairs, file_name, bytes) = match read_multipart(multipart).await {
        Ok(read) => read,
        Err(error) => {
            let errors = vec![("fichier".to_owned(), tr.t(error.message_key()))];
            return refused(&state, user, "fichier", Vec::new(), errors).await;
        }
    };
    let info = read_info(&tr, &pairs);
    // The name is kept to name the download: no personal data in it either.
    let checked = upload::check(&file_name, &bytes).map_err(|error| tr.t(error.message_key()));
    let checked = checked.and_then(|file_type| match crate::privacy::check(&file_name) {
        Ok(()) => Ok(file_type),
        Err(findings) => Err(crate::privacy::explain(&tr, &file_name, &findings)),
    });
    match (info, checked) {
        (Ok(info), Ok(file_type)) => {
            let file = super::CheckedFile {
                name: file_name,
                file_type,
                bytes,
            };
            super::add_file(&state.db, &dir, state.clock.now(), user.id, &info, file).await?;
            Ok(added())
        }
        (info, checked) => {
            let mut errors = info.err().unwrap_or_default();
            if let Err(message) = checked {
                errors.push(("fichier".into(), message));
            }
            refused(&state, user, "fichier", pairs, errors).await
        }
    }
}

async fn download(
    State(state): State<AppState>,
    CurrentUser(_user): CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let resource = super::find(&state.db, id).await?;
    file_response(&state, resource).await
}

/// A document of the library as a download: a file (attachment, checked type, `nosniff`), or
/// the address of a link.
pub async fn file_response(state: &AppState, resource: super::Resource) -> AppResult<Response> {
    let Content::File {
        name,
        file_type,
        sha256,
        ..
    } = resource.content
    else {
        return match resource.content {
            Content::Link(url) => Ok(axum::response::Redirect::to(&url).into_response()),
            Content::File { .. } => Err(AppError::NotFound),
        };
    };
    let dir = super::files_dir(&state.config).ok_or(AppError::NotFound)?;
    let bytes = super::read_file(&dir, &sha256).await?;
    let encoded: String = url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    Ok((
        [
            (header::CONTENT_TYPE, file_type.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"; filename*=UTF-8''{encoded}",
                    upload::ascii_name(&name)
                ),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

async fn set_flags(
    State(state): State<AppState>,
    RequireCoordinator(user): RequireCoordinator,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let current = super::find(&state.db, id).await?;
    let (featured, archived) = match field(&pairs, "action") {
        "mettre-en-avant" => (true, false),
        "retirer-avant" => (false, current.is_archived),
        "archiver" => (false, true),
        "desarchiver" => (current.is_featured, false),
        _ => {
            return Err(AppError::BadRequest(
                Tr::french().t("resources-error-action"),
            ));
        }
    };
    super::set_flags(
        &state.db,
        state.clock.now(),
        user.id,
        id,
        featured,
        archived,
    )
    .await?;
    Ok(Redirect::to(&urls::with_notice(urls::RESOURCES, "resource-updated")).into_response())
}
