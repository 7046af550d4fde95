//! Handlers of the directory: public search, place pages, paper map (page and PDF), JSON API,
//! open-data files, and the staff pages (edit, confirm, closures, freshness, duplicates).

use super::response_cache::{Kind, Validity};
use super::search::{DayPart, EquipmentFilter, Hit, PlaceFilter, SearchIndex, Snapshot, Values};
use super::views::{self, PlacePage, PrintPage, SearchPage, WEEKDAYS};
use super::{PlaceId, Visibility, export, paper_map, vocab};
use crate::app::AppState;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::web::{MaybeUser, PageContext, render};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Json, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use axum_extra::extract::QueryRejection;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::sync::Arc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lieux", get(search_places))
        .route("/lieux/imprimer", get(print_places))
        .route("/lieux/imprimer.pdf", get(print_places_pdf))
        .route("/lieux/{id}", get(show_place))
        .route("/api/v1/lieux", get(api_search_places))
        .route("/api/v1/lieux/{id}", get(api_show_place))
        .route("/api/openapi.json", get(openapi))
        .route(
            "/opendata/lieux-de-mediation-numerique.csv",
            get(opendata_csv),
        )
        .route(
            "/opendata/lieux-de-mediation-numerique.json",
            get(opendata_json),
        )
        .merge(super::staff_routes::router())
}

/// The search as it appears in the address (French parameter names, repeated for lists).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    q: String,
    commune: String,
    lat: Option<String>,
    lon: Option<String>,
    rayon: Option<String>,
    service: Vec<String>,
    public: Vec<String>,
    accompagnement: Vec<String>,
    equipement: Vec<String>,
    gratuit: Option<String>,
    ouvert: Option<String>,
    jour: Option<String>,
    moment: Option<String>,
    page: Option<String>,
    par_page: Option<String>,
}

fn number(text: Option<&str>) -> Option<f64> {
    text.and_then(|value| value.trim().replace(',', ".").parse::<f64>().ok())
        .filter(|value| value.is_finite())
}

impl SearchQuery {
    /// A lenient reading: values that make no sense are ignored rather than refused, so a
    /// shared or printed address always opens.
    pub fn to_filter(&self, default_per_page: usize) -> PlaceFilter {
        let point = match (number(self.lat.as_deref()), number(self.lon.as_deref())) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon))
            }
            _ => None,
        };
        let slugs = |values: &[String], vocabulary: &vocab::Vocabulary| {
            values
                .iter()
                .filter_map(|value| vocabulary.from_slug(value.trim()))
                .collect::<Vec<_>>()
        };
        let weekday = self.jour.as_deref().and_then(|day| {
            WEEKDAYS
                .iter()
                .find(|(_, slug, _)| *slug == day.trim())
                .map(|(weekday, _, _)| *weekday)
        });
        let part = self
            .moment
            .as_deref()
            .and_then(|part| DayPart::from_slug(part.trim()))
            .unwrap_or(DayPart::WholeDay);
        PlaceFilter {
            text: self.q.trim().chars().take(200).collect(),
            commune: self.commune.trim().chars().take(100).collect(),
            point,
            radius_km: number(self.rayon.as_deref()).filter(|km| *km > 0.0 && *km <= 200.0),
            services: slugs(&self.service, &vocab::SERVICES),
            publics: slugs(&self.public, &vocab::PUBLICS),
            support_modes: slugs(&self.accompagnement, &vocab::SUPPORT_MODES),
            equipment: self
                .equipement
                .iter()
                .filter_map(|value| EquipmentFilter::from_slug(value.trim()))
                .collect(),
            free_only: self.gratuit.as_deref().is_some_and(|v| !v.is_empty()),
            open_now: self.ouvert.as_deref() == Some("maintenant"),
            open_on: weekday.map(|day| (day, part)),
            page: self
                .page
                .as_deref()
                .and_then(|page| page.trim().parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
            per_page: self
                .par_page
                .as_deref()
                .and_then(|n| n.trim().parse().ok())
                .filter(|n| (1..=100).contains(n))
                .unwrap_or(default_per_page),
        }
    }
}

/// The current index, built on first use.
pub async fn current_index(state: &AppState) -> AppResult<Arc<Snapshot>> {
    if let Some(snapshot) = state.index.snapshot() {
        return Ok(snapshot);
    }
    refresh(state).await?;
    state
        .index
        .snapshot()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("search index unavailable")))
}

/// Rebuilds the index after a change made by this server.
pub async fn refresh(state: &AppState) -> AppResult<()> {
    super::refresh_index(&state.db, &state.index, state.clock.now()).await?;
    Ok(())
}

fn query_without_page(raw: Option<&str>) -> String {
    raw.unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .collect::<Vec<_>>()
        .join("&")
}

/// Content-Security-Policy of pages with a map: our default plus the tile server's images.
pub fn map_page_policy(config: &Config) -> HeaderValue {
    let extra = config.tile_origin().unwrap_or_default();
    let policy = crate::web::middleware::CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:",
        &format!("img-src 'self' data: {extra}"),
    );
    HeaderValue::from_str(policy.trim()).unwrap_or_else(|_| {
        HeaderValue::from_static(crate::web::middleware::CONTENT_SECURITY_POLICY)
    })
}

/// Public pages may be cached briefly by the browser (they hold no personal data).
fn public_page(mut response: Response, config: &Config, with_map: bool) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    if with_map {
        headers.insert(header::CONTENT_SECURITY_POLICY, map_page_policy(config));
    }
    response
}

/// The search page. Pages for visitors who are not logged in are served from the response
/// cache (a logged-in visitor's page carries their menu).
async fn search_places(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    OriginalUri(uri): OriginalUri,
) -> AppResult<Response> {
    let now = state.clock.now();
    let index = current_index(&state).await?;
    let render_page =
        |query: SearchQuery, user| search_page_body(&state, &index, &query, user, uri.query(), now);
    let body = match user {
        Some(user) => match Query::<SearchQuery>::try_from_uri(&uri) {
            Ok(Query(query)) => Ok(render_page(query, Some(user))?),
            Err(rejection) => Err(rejection),
        },
        None => cached_answer(&state, &index, Kind::Page, &uri, now, |query| {
            render_page(query, None)
        })?,
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return Ok(rejection.into_response()),
    };
    Ok(public_page(Html(body).into_response(), &state.config, true))
}

fn search_page_body(
    state: &AppState,
    index: &Snapshot,
    query: &SearchQuery,
    user: Option<crate::accounts::SessionUser>,
    raw_query: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Bytes> {
    let filter = query.to_filter(20);
    let results = index.search(&filter, now);
    let base = query_without_page(raw_query);
    let page_link = |page: usize| {
        if base.is_empty() {
            format!("/lieux?page={page}")
        } else {
            format!("/lieux?{base}&page={page}")
        }
    };
    let page = SearchPage::new(
        PageContext::new(user),
        &filter,
        &results,
        &base,
        page_link,
        &state.config.tile_url,
        &state.config.tile_attribution,
    );
    let Html(html) = render(&page)?;
    Ok(Bytes::from(html.into_bytes().into_boxed_slice()))
}

fn parse_id(id: &str) -> AppResult<PlaceId> {
    id.parse().map(PlaceId).map_err(|_| AppError::NotFound)
}

/// Hidden places are shown to staff only.
async fn visible_place(
    state: &AppState,
    user: &Option<crate::accounts::SessionUser>,
    id: PlaceId,
) -> AppResult<super::Place> {
    let place = super::find_place(&state.db, id).await?;
    if place.visibility == Visibility::Hidden && user.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(place)
}

async fn show_place(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let place = visible_place(&state, &user, parse_id(&id)?).await?;
    let can_edit = match &user {
        Some(user) => {
            let organizations = crate::accounts::organization_ids(&state.db, user.id).await?;
            super::can_edit(user, &organizations, place.organization_id)
        }
        None => false,
    };
    let now = state.clock.now();
    let section = crate::permanences::place_section(&state.db, place.id, now).await?;
    let place_id = place.id;
    let mut page = PlacePage::new(
        PageContext::new(user),
        place,
        now,
        can_edit,
        &state.config.tile_url,
        &state.config.tile_attribution,
    );
    page.permanences = Some(section);
    page.workshops = crate::workshops::place_section(&state.db, place_id, now).await?;
    Ok(public_page(
        render(&page)?.into_response(),
        &state.config,
        true,
    ))
}

/// The paper map of the search in the address, as a page to print.
async fn print_places(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let map = paper_map(&state, &query).await?;
    let page = PrintPage {
        ctx: PageContext::new(user),
        map,
        pdf_link: views::print_pdf_link(&query_without_page(uri.query())),
    };
    Ok(public_page(
        render(&page)?.into_response(),
        &state.config,
        false,
    ))
}

/// The same paper map as an A4 PDF, typeset off the async runtime. At most
/// `Config::pdf_renders` are made at once; a request that finds no free slot within
/// `Config::pdf_wait` gets a French "busy, retry in a minute" page (503).
async fn print_places_pdf(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let Some(slot) = crate::web::pdf::slot(&state).await else {
        return Ok(crate::web::pdf::busy());
    };
    let map = paper_map(&state, &query).await?;
    let pdf = paper_map::typeset_paper_map(map, slot)
        .await
        .map_err(AppError::Internal)?;
    Ok(public_page(
        (
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"carte-des-lieux.pdf\"",
                ),
            ],
            pdf,
        )
            .into_response(),
        &state.config,
        false,
    ))
}

async fn paper_map(state: &AppState, query: &SearchQuery) -> AppResult<paper_map::PaperMap> {
    let index = current_index(state).await?;
    let filter = query.to_filter(100);
    Ok(paper_map::build_paper_map(&state.db, &index, &filter, state.clock.now()).await?)
}

/// One place of an API search result (serialized directly, without an intermediate value).
#[derive(serde::Serialize)]
struct ApiSummary<'a> {
    id: i64,
    nom: &'a str,
    adresse: &'a str,
    code_postal: &'a str,
    commune: &'a str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    services: Values,
    frais_a_charge: Values,
    modalites_accompagnement: Values,
    telephone: &'a str,
    horaires: &'a str,
    etat: &'a str,
    distance_m: Option<f64>,
    partenaire: bool,
    url: String,
}

#[derive(serde::Serialize)]
struct ApiResults<'a> {
    total: usize,
    page: usize,
    par_page: usize,
    pages: usize,
    lieux: Vec<ApiSummary<'a>>,
}

fn api_summary<'a>(hit: &'a Hit<'a>) -> ApiSummary<'a> {
    let place = hit.place;
    ApiSummary {
        id: place.id.0,
        nom: place.nom(),
        adresse: place.adresse(),
        code_postal: place.code_postal(),
        commune: place.commune(),
        latitude: place.latitude,
        longitude: place.longitude,
        services: place.services(),
        frais_a_charge: place.frais_a_charge(),
        modalites_accompagnement: place.modalites_accompagnement(),
        telephone: place.telephone(),
        horaires: place.horaires(),
        etat: &hit.status,
        distance_m: hit.distance_m.map(|d| d.round()),
        partenaire: place.is_partner,
        url: format!("/lieux/{}", place.id.0),
    }
}

/// The JSON of a search, served from the response cache when the same query was answered
/// in the same minute with the same index.
async fn api_search_places(State(state): State<AppState>, uri: Uri) -> AppResult<Response> {
    let now = state.clock.now();
    let index = current_index(&state).await?;
    let body = cached_answer(&state, &index, Kind::Api, &uri, now, |query| {
        api_search_body(&index, &query, now)
    })?;
    Ok(match body {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "public, max-age=60"),
            ],
            body,
        )
            .into_response(),
        Err(rejection) => rejection.into_response(),
    })
}

fn api_search_body(index: &Snapshot, query: &SearchQuery, now: DateTime<Utc>) -> AppResult<Bytes> {
    let filter = query.to_filter(20);
    let results = index.search(&filter, now);
    let body = ApiResults {
        total: results.total,
        page: filter.page,
        par_page: filter.per_page,
        pages: results.total.div_ceil(filter.per_page.max(1)),
        lieux: results.hits.iter().map(api_summary).collect(),
    };
    let json = serde_json::to_vec(&body).map_err(|error| AppError::Internal(error.into()))?;
    Ok(Bytes::from(json.into_boxed_slice()))
}

/// The answer to the query of `uri`: the cached one when it was computed with the same
/// index revision in the same minute, otherwise `compute`'s (then kept). The cache is looked
/// up before the query is parsed; a query that cannot be parsed gives the extractor's
/// rejection and is not cached.
fn cached_answer(
    state: &AppState,
    index: &Snapshot,
    kind: Kind,
    uri: &Uri,
    now: DateTime<Utc>,
    compute: impl FnOnce(SearchQuery) -> AppResult<Bytes>,
) -> AppResult<Result<Bytes, QueryRejection>> {
    let raw = uri.query().unwrap_or_default();
    let validity = Validity::new(index.revision(), now);
    let cache = state.index.responses();
    if let Some(body) = cache.get(kind, raw, validity) {
        return Ok(Ok(body));
    }
    let query = match Query::<SearchQuery>::try_from_uri(uri) {
        Ok(Query(query)) => query,
        Err(rejection) => return Ok(Err(rejection)),
    };
    let body = compute(query)?;
    cache.insert(kind, raw, validity, body.clone());
    Ok(Ok(body))
}

async fn api_show_place(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let place = visible_place(&state, &None, parse_id(&id)?).await?;
    let now = state.clock.now();
    let mut body =
        serde_json::to_value(&place.record).map_err(|error| AppError::Internal(error.into()))?;
    if let serde_json::Value::Object(object) = &mut body {
        object.insert("id".into(), place.id.0.into());
        object.insert(
            "date_maj".into(),
            place.record.date_maj.map(|d| d.to_string()).into(),
        );
        object.insert(
            "equipement".into(),
            serde_json::to_value(&place.equipment).unwrap_or_default(),
        );
        object.insert(
            "fermetures".into(),
            serde_json::to_value(&place.closures).unwrap_or_default(),
        );
        object.insert(
            "horaires_texte".into(),
            views::hours_lines(&place.record.horaires, now).into(),
        );
        object.insert(
            "etat".into(),
            views::status_sentence(&place.record.horaires, now).into(),
        );
        object.insert(
            "partenaire".into(),
            (place.kind == super::PlaceKind::Partner).into(),
        );
    }
    Ok(Json(body).into_response())
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

async fn opendata_csv(State(state): State<AppState>) -> AppResult<Response> {
    let places = super::list_places(&state.db).await?;
    let bytes = export::to_csv(&places).map_err(|error| AppError::Internal(error.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"lieux-de-mediation-numerique.csv\"",
            ),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        bytes,
    )
        .into_response())
}

async fn opendata_json(State(state): State<AppState>) -> AppResult<Response> {
    let places = super::list_places(&state.db).await?;
    let mut response = Json(export::to_json(&places)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// Used by tests and the demo after writing directly through the operations.
pub async fn rebuild(
    state_index: &SearchIndex,
    db: &crate::storage::Db,
    now: DateTime<Utc>,
) -> AppResult<()> {
    super::refresh_index(db, state_index, now).await?;
    Ok(())
}
