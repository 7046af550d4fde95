//! Template structs of the statistics pages, and the sections they share: a heading, an SVG
//! chart and the data table with the same figures.

use super::chart::{Bar, horizontal_bars};
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// One chart with its table.
#[derive(Clone, Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    /// The header of the value column.
    pub header: String,
    /// The SVG (escaped by `chart`), empty when there is nothing to draw.
    pub chart: String,
    /// `(label, shown value)`.
    pub rows: Vec<(String, String)>,
    /// Said when there are no rows; empty: the accompaniments' sentence.
    pub empty: String,
}

impl Section {
    /// `items`: `(label, value drawn, text shown)`.
    pub fn new(
        id: &'static str,
        title: String,
        header: String,
        items: Vec<(String, i64, String)>,
    ) -> Self {
        let bars: Vec<Bar> = items
            .iter()
            .map(|(label, value, text)| Bar {
                label: label.clone(),
                value: *value,
                text: text.clone(),
            })
            .collect();
        Section {
            id,
            title,
            header,
            chart: horizontal_bars(&bars),
            rows: items.into_iter().map(|(l, _, t)| (l, t)).collect(),
            empty: String::new(),
        }
    }

    /// A table of figures that are not comparable bars (counts of different things).
    pub fn table(
        id: &'static str,
        title: String,
        header: String,
        rows: Vec<(String, String)>,
    ) -> Self {
        Section {
            id,
            title,
            header,
            chart: String::new(),
            rows,
            empty: String::new(),
        }
    }

    /// What to say when the section has no rows.
    pub fn when_empty(mut self, text: String) -> Self {
        self.empty = text;
        self
    }
}

#[derive(Template)]
#[template(path = "stats/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageContext,
    pub from: String,
    pub to: String,
    pub is_last_quarter: bool,
    pub places: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub themes: Vec<Choice>,
    pub ages: Vec<Choice>,
    /// `(label, value)` of the headline figures.
    pub totals: Vec<(String, String)>,
    pub sections: Vec<Section>,
    /// Referrals, workshops, diagnostics, permanences and charters.
    pub domain_sections: Vec<Section>,
    pub is_theme_only: bool,
    /// The query string of the current filters, for the report links.
    pub report_query: String,
}

#[derive(Template)]
#[template(path = "stats/public.html")]
pub struct PublicPage {
    pub ctx: PageContext,
    pub period: String,
    pub totals: Vec<(String, String)>,
    pub sections: Vec<Section>,
}
