//! Template structs of the news pages and the one card every list shows. No logic beyond
//! presentation.

use super::model::{NewsKind, Status};
use super::{NewsItem, model};
use crate::charters::markdown::to_safe_html;
use crate::i18n::Tr;
use crate::permanences::model::french_time;
use crate::places::hours::TIME_ZONE;
use crate::places::views::french_date;
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// An item as the pages show it.
pub struct NewsCard {
    pub id: i64,
    pub kind_label: String,
    pub title: String,
    /// Safe HTML (`charters::markdown::to_safe_html`): the only value printed unescaped.
    pub body_html: String,
    /// "10 mars 2026, 14 h – 16 h 30" for an event.
    pub when: Option<String>,
    pub location: String,
    pub is_public: bool,
    pub status: Status,
    pub status_label: String,
    pub moderation_note: String,
    pub author_name: String,
    /// The day it was published, or proposed when not yet published.
    pub day: String,
    pub can_edit: bool,
    /// The item has a document of the library attached (`/actualites/{id}/piece-jointe`).
    pub has_attachment: bool,
}

impl NewsCard {
    pub fn new(tr: &Tr, item: &NewsItem, can_edit: bool) -> Self {
        let when = match (item.data.starts_at, item.data.ends_at) {
            (Some(starts), Some(ends)) => {
                let starts = starts.with_timezone(&TIME_ZONE);
                let ends = ends.with_timezone(&TIME_ZONE);
                Some(format!(
                    "{}, {} – {}",
                    french_date(starts.date_naive()),
                    french_time(starts.time()),
                    french_time(ends.time())
                ))
            }
            _ => None,
        };
        let day = item.published_at.unwrap_or(item.created_at);
        Self {
            id: item.id.0,
            kind_label: tr.t(item.data.kind.label_key()),
            title: item.data.title.clone(),
            body_html: to_safe_html(&item.data.body),
            when,
            location: item.data.location.clone(),
            is_public: item.data.is_public,
            has_attachment: item.data.attachment.is_some(),
            status: item.status,
            status_label: tr.t(item.status.label_key()),
            moderation_note: item.moderation_note.clone(),
            author_name: item.author_name.clone(),
            day: french_date(day.with_timezone(&TIME_ZONE).date_naive()),
            can_edit,
        }
    }

    pub fn is_published(&self) -> bool {
        self.status == Status::Published
    }

    pub fn waits_for_changes(&self) -> bool {
        self.status == Status::ChangesRequested
    }
}

#[derive(Template)]
#[template(path = "news/public.html")]
pub struct PublicListPage {
    pub ctx: PageContext,
    pub events: Vec<NewsCard>,
    pub items: Vec<NewsCard>,
}

#[derive(Template)]
#[template(path = "news/public_item.html")]
pub struct PublicItemPage {
    pub ctx: PageContext,
    pub item: NewsCard,
}

#[derive(Template)]
#[template(path = "news/feed.html")]
pub struct StaffFeedPage {
    pub ctx: PageContext,
    pub items: Vec<NewsCard>,
    pub mine: Vec<NewsCard>,
    pub waiting: usize,
}

#[derive(Template)]
#[template(path = "news/form.html")]
pub struct FormPage {
    pub ctx: PageContext,
    /// `None` for a new proposal.
    pub id: Option<i64>,
    pub kinds: Vec<Choice>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    /// The coordinator's request for changes, when there is one.
    pub moderation_note: String,
    /// Documents of the resource library that may be attached.
    pub attachments: Vec<Choice>,
}

impl FormPage {
    pub fn new(
        ctx: PageContext,
        id: Option<i64>,
        values: Vec<(String, String)>,
        errors: Vec<(String, String)>,
        moderation_note: String,
        library: &[crate::resources::Resource],
    ) -> Self {
        let chosen = crate::web::form::field(&values, "type").to_owned();
        let attached = crate::web::form::field(&values, "piece_jointe").to_owned();
        let attachments = library
            .iter()
            .map(|resource| Choice {
                value: resource.id.to_string(),
                label: resource.info.title.clone(),
                checked: resource.id.to_string() == attached,
            })
            .collect();
        let kinds = NewsKind::ALL
            .iter()
            .map(|kind| Choice {
                value: kind.code().to_owned(),
                label: ctx.t(kind.label_key()),
                checked: kind.code() == chosen,
            })
            .collect();
        Self {
            ctx,
            id,
            kinds,
            values,
            errors,
            moderation_note,
            attachments,
        }
    }

    pub fn is_public(&self) -> bool {
        self.value("public") == "oui"
    }

    pub fn max_title(&self) -> usize {
        model::TITLE_MAX_CHARS
    }
}

#[derive(Template)]
#[template(path = "news/moderation.html")]
pub struct ModerationPage {
    pub ctx: PageContext,
    pub items: Vec<NewsCard>,
    /// The item whose decision was refused, its message and the note typed.
    pub refused: Option<(i64, String, String)>,
}

impl ModerationPage {
    pub fn error_for(&self, id: &i64) -> Option<&str> {
        self.refused
            .as_ref()
            .filter(|(item, _, _)| item == id)
            .map(|(_, message, _)| message.as_str())
    }

    pub fn note_for(&self, id: &i64) -> &str {
        self.refused
            .as_ref()
            .filter(|(item, _, _)| item == id)
            .map_or("", |(_, _, note)| note.as_str())
    }
}

crate::refillable_form!(FormPage);
