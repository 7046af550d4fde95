//! The journal page, for coordinators.

use super::store;
use crate::app::AppState;
use crate::error::AppResult;
use crate::storage::Db;
use crate::web::{PageContext, RequireCoordinator, render};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;

const PAGE_SIZE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new().route(crate::web::urls::AUDIT, get(list_audit_entries))
}

#[derive(serde::Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

/// One row as shown: date, who, what, which object.
struct AuditRow {
    when: String,
    who: String,
    what: String,
    object: String,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditListPage {
    ctx: PageContext,
    rows: Vec<AuditRow>,
    page: i64,
    has_next: bool,
}

async fn list_audit_entries(
    State(db): State<Db>,
    RequireCoordinator(user): RequireCoordinator,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let page = query.page.unwrap_or(1).max(1);
    let mut conn = db.acquire().await?;
    let entries = store::list_entries(&mut conn, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let ctx = PageContext::new(Some(user));
    let has_next = entries.len() as i64 > PAGE_SIZE;
    let rows = entries
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|entry| {
            let key = super::action_key(&entry.action);
            AuditRow {
                when: ctx.tr.datetime(entry.occurred_at),
                who: match (entry.actor_name, entry.actor_user_id) {
                    (Some(name), _) => name,
                    (None, Some(_)) => ctx.t("audit-actor-deleted"),
                    (None, None) => ctx.t("audit-actor-system"),
                },
                what: if ctx.tr.has(&key) {
                    ctx.t(&key)
                } else {
                    entry.action
                },
                object: match entry.object_id {
                    Some(id) => format!("{} n° {id}", entry.object_type),
                    None => entry.object_type,
                },
            }
        })
        .collect();
    render(&AuditListPage {
        ctx,
        rows,
        page,
        has_next,
    })
}
