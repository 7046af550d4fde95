//! Funders' reports for a period and a territory: the Conférence des financeurs (people aged
//! 60 and over), the Région and a generic one, as CSV, XLSX and PDF from one `Report`. Every
//! count goes through `suppress`: these files leave the staff pages. The same data, period and
//! generation date give the same bytes (fixed document properties, no wall-clock time).

use super::model::{Counters, dimension};
use super::routes::{StatsParams, checked_query};
use super::store::{self, RollupFilter, Split};
use super::suppress::{self, Cell};
use super::{SENIOR_BANDS, SENIORS, StatsQuery};
use crate::activities::vocab;
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::storage::{Db, StoreError};
use crate::web::RequireManager;
use anyhow::Context;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
pub enum Template {
    /// Conférence des financeurs: people aged 60 and over.
    #[serde(rename = "financeurs")]
    Funders,
    #[serde(rename = "region")]
    Region,
    #[default]
    #[serde(rename = "general")]
    Generic,
}

impl Template {
    fn key(self) -> &'static str {
        match self {
            Self::Funders => "financeurs",
            Self::Region => "region",
            Self::Generic => "general",
        }
    }
}

/// A published value: a number (a typed cell in XLSX) or a text ("< 5", "secret").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(i64),
    Text(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Number(n) => n.to_string(),
            Value::Text(t) => t.clone(),
        }
    }

    fn of(cell: Cell, masked: &str) -> Self {
        match cell {
            Cell::Shown(n) => Value::Number(n),
            other => Value::Text(other.text(masked)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportTable {
    pub title: String,
    pub columns: Vec<String>,
    /// `(label, values)`, as many values as columns after the first.
    pub rows: Vec<(String, Vec<Value>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub title: String,
    pub period: String,
    pub territory: String,
    pub generated: String,
    pub small_rule: String,
    pub tables: Vec<ReportTable>,
    /// The period's last day: the documents' fixed creation date.
    #[serde(skip)]
    pub period_end: NaiveDate,
}

fn label(values: vocab::Values, code: &str) -> String {
    match vocab::label(values, code) {
        "" => code.to_owned(),
        found => found.to_owned(),
    }
}

/// A table of suppressed lists: one column of counts whose rows add up to a total.
fn list_table(
    title: String,
    column: String,
    items: Vec<(String, i64)>,
    total_label: String,
    masked: &str,
) -> ReportTable {
    let counts: Vec<i64> = items.iter().map(|(_, n)| *n).collect();
    let (cells, total) = suppress::suppress_list(&counts);
    let mut rows: Vec<(String, Vec<Value>)> = items
        .into_iter()
        .zip(cells)
        .map(|((label, _), cell)| (label, vec![Value::of(cell, masked)]))
        .collect();
    rows.push((total_label, vec![Value::of(total, masked)]));
    ReportTable {
        title,
        columns: vec![String::new(), column],
        rows,
    }
}

/// Counts that do not add up (a record has several themes): the small-cell rule alone.
fn alone_table(
    title: String,
    column: String,
    items: Vec<(String, i64)>,
    masked: &str,
) -> ReportTable {
    ReportTable {
        title,
        columns: vec![String::new(), column],
        rows: items
            .into_iter()
            .map(|(label, n)| (label, vec![Value::of(suppress::suppress_alone(n), masked)]))
            .collect(),
    }
}

/// Sums of one dimension under `filter`, by value, split by age band.
async fn sums_by_age(
    db: &Db,
    filter: &RollupFilter,
    dimension: &str,
) -> Result<Vec<store::RollupLine>, StoreError> {
    let mut conn = db.acquire().await?;
    store::sum_rollups(&mut conn, filter, Split::AgeBand, Some((dimension, None))).await
}

/// Builds the report's tables for `query`.
pub async fn build_report(
    db: &Db,
    tr: &Tr,
    template: Template,
    query: &StatsQuery,
    territory: String,
    generated_on: NaiveDate,
) -> Result<Report, StoreError> {
    let masked = tr.t("stats-masked");
    let total_label = tr.t("stats-report-total");
    let people = tr.t("stats-column-people");
    let records = tr.t("stats-column-records");
    let labels = super::place_labels(db).await?;
    let mut tables = Vec::new();
    let mut query = query.clone();
    if template == Template::Funders {
        query.age = Some(SENIORS.to_owned());
        query.kind = Some("individual".to_owned());
    }
    let figures = super::figures(db, &query).await?;
    if template == Template::Funders {
        // People aged 60+ accompanied one to one, by age band and gender.
        let lines = sums_by_age(db, &query.filter(), dimension::GENDER).await?;
        let genders: Vec<&str> = vocab::GENDERS.iter().map(|(c, _)| *c).collect();
        let counts: Vec<Vec<i64>> = SENIOR_BANDS
            .iter()
            .map(|band| {
                genders
                    .iter()
                    .map(|gender| {
                        lines
                            .iter()
                            .filter(|l| l.split == *band && l.value == *gender)
                            .map(|l| l.counters.people)
                            .sum()
                    })
                    .collect()
            })
            .collect();
        let table = suppress::suppress_table(&counts);
        let mut columns = vec![String::new()];
        columns.extend(vocab::GENDERS.iter().map(|(_, l)| (*l).to_owned()));
        columns.push(total_label.clone());
        let mut rows: Vec<(String, Vec<Value>)> = SENIOR_BANDS
            .iter()
            .enumerate()
            .map(|(r, band)| {
                let mut values: Vec<Value> = table.cells[r]
                    .iter()
                    .map(|c| Value::of(*c, &masked))
                    .collect();
                values.push(Value::of(table.row_totals[r], &masked));
                (label(vocab::AGE_BANDS, band), values)
            })
            .collect();
        let mut totals: Vec<Value> = table
            .column_totals
            .iter()
            .map(|c| Value::of(*c, &masked))
            .collect();
        totals.push(Value::of(table.total, &masked));
        rows.push((total_label.clone(), totals));
        tables.push(ReportTable {
            title: tr.t("stats-report-seniors-individual"),
            columns,
            rows,
        });
        // Workshop participants aged 60+, by age band (from the sessions' counts).
        let mut collective = query.filter();
        collective.kind = Some("collective".to_owned());
        collective.age_bands = Vec::new();
        let lines = sums_by_age(db, &collective, dimension::AGE).await?;
        let total_sessions = {
            let mut conn = db.acquire().await?;
            store::sum_rollups(
                &mut conn,
                &collective,
                Split::AgeBand,
                Some((dimension::TOTAL, None)),
            )
            .await?
            .iter()
            .fold(Counters::default(), |mut sum, line| {
                sum.add(line.counters);
                sum
            })
        };
        tables.push(list_table(
            tr.t("stats-report-seniors-workshops"),
            people.clone(),
            SENIOR_BANDS
                .iter()
                .map(|band| {
                    let n = lines
                        .iter()
                        .filter(|l| l.value == *band)
                        .map(|l| l.counters.people)
                        .sum();
                    (label(vocab::AGE_BANDS, band), n)
                })
                .collect(),
            total_label.clone(),
            &masked,
        ));
        tables.push(ReportTable {
            title: tr.t("stats-report-sessions"),
            columns: vec![
                String::new(),
                tr.t("stats-column-sessions"),
                tr.t("stats-column-hours"),
            ],
            rows: vec![
                (
                    tr.t("stats-kind-individual"),
                    vec![
                        Value::of(suppress::suppress_alone(figures.totals.records), &masked),
                        Value::Number(figures.totals.hours()),
                    ],
                ),
                (
                    tr.t("stats-kind-collective"),
                    vec![
                        Value::of(suppress::suppress_alone(total_sessions.records), &masked),
                        Value::Number(total_sessions.hours()),
                    ],
                ),
            ],
        });
    } else {
        tables.push(ReportTable {
            title: tr.t("stats-totals"),
            columns: vec![String::new(), tr.t("stats-column-value")],
            rows: vec![
                (
                    tr.t("stats-total-records"),
                    vec![Value::of(
                        suppress::suppress_alone(figures.totals.records),
                        &masked,
                    )],
                ),
                (
                    tr.t("stats-total-people"),
                    vec![Value::of(
                        suppress::suppress_alone(figures.totals.people),
                        &masked,
                    )],
                ),
                (
                    tr.t("stats-column-hours"),
                    vec![Value::Number(figures.totals.hours())],
                ),
            ],
        });
    }
    let place_items: Vec<(String, i64)> = figures
        .places
        .iter()
        .map(|(id, c)| {
            let name = labels
                .get(id)
                .cloned()
                .unwrap_or_else(|| tr.t("stats-no-place"));
            (name, c.people)
        })
        .collect();
    tables.push(list_table(
        tr.t("stats-section-places"),
        people.clone(),
        place_items,
        total_label.clone(),
        &masked,
    ));
    if template == Template::Region {
        let communes = commune_items(db, &figures.places).await?;
        tables.push(list_table(
            tr.t("stats-report-territory"),
            people.clone(),
            communes,
            total_label.clone(),
            &masked,
        ));
    }
    tables.push(alone_table(
        tr.t("stats-section-themes"),
        records.clone(),
        figures
            .themes
            .iter()
            .map(|(code, c)| (label(vocab::THEMES, code), c.records))
            .collect(),
        &masked,
    ));
    if template == Template::Generic {
        tables.push(list_table(
            tr.t("stats-section-ages"),
            people.clone(),
            figures
                .age_bands
                .iter()
                .map(|(code, n)| (label(vocab::AGE_BANDS, code), *n))
                .collect(),
            total_label.clone(),
            &masked,
        ));
        tables.push(list_table(
            tr.t("stats-section-months"),
            records.clone(),
            figures
                .months
                .iter()
                .map(|(m, c)| (m.clone(), c.records))
                .collect(),
            total_label.clone(),
            &masked,
        ));
    }
    Ok(Report {
        title: tr.t(&format!("stats-report-title-{}", template.key())),
        period: tr.t_args(
            "stats-report-period",
            &[
                ("from", query.from.format("%d/%m/%Y").to_string()),
                ("to", query.to.format("%d/%m/%Y").to_string()),
            ],
        ),
        territory,
        generated: tr.t1(
            "stats-report-generated",
            "date",
            generated_on.format("%d/%m/%Y"),
        ),
        small_rule: tr.t("stats-small-rule"),
        tables,
        period_end: query.to,
    })
}

/// People per commune of the places (the territory of a Région report).
async fn commune_items(
    db: &Db,
    places: &[(i64, Counters)],
) -> Result<Vec<(String, i64)>, StoreError> {
    let mut conn = db.acquire().await?;
    let communes: BTreeMap<i64, String> = store::place_names(&mut conn)
        .await?
        .into_iter()
        .map(|(id, _, commune)| (id, commune))
        .collect();
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for (id, counters) in places {
        let commune = communes.get(id).cloned().unwrap_or_else(|| "—".to_owned());
        *sums.entry(commune).or_default() += counters.people;
    }
    Ok(sums.into_iter().collect())
}

/// The report as CSV: UTF-8 with a byte-order mark, `;` between cells.
pub fn to_csv(report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    for line in [
        &report.title,
        &report.period,
        &report.territory,
        &report.generated,
        &report.small_rule,
    ] {
        writer.write_record([crate::text::neutralise_formula(line)])?;
    }
    for table in &report.tables {
        writer.write_record([""])?;
        writer.write_record([crate::text::neutralise_formula(&table.title)])?;
        writer.write_record(
            table
                .columns
                .iter()
                .map(|c| crate::text::neutralise_formula(c)),
        )?;
        for (label, values) in &table.rows {
            let mut record = vec![crate::text::neutralise_formula(label)];
            record.extend(
                values
                    .iter()
                    .map(|v| crate::text::neutralise_formula(&v.text())),
            );
            writer.write_record(record)?;
        }
    }
    writer.into_inner().context("finishing the CSV")
}

/// The report as an XLSX workbook with typed number cells and fixed document properties.
pub fn to_xlsx(report: &Report) -> anyhow::Result<Vec<u8>> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(report.period_end.year()).unwrap_or(2000),
        u8::try_from(report.period_end.month()).unwrap_or(1),
        u8::try_from(report.period_end.day()).unwrap_or(1),
    )?;
    let properties = DocProperties::new()
        .set_title(&report.title)
        .set_author("Relais")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Bilan")?;
    sheet.set_column_width(0, 48)?;
    let mut row: u32 = 0;
    for line in [
        &report.title,
        &report.period,
        &report.territory,
        &report.generated,
        &report.small_rule,
    ] {
        sheet.write_string(row, 0, line)?;
        row += 1;
    }
    for table in &report.tables {
        row += 1;
        sheet.write_string_with_format(row, 0, &table.title, &bold)?;
        row += 1;
        for (column, header) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(row, u16::try_from(column)?, header, &bold)?;
        }
        row += 1;
        for (label, values) in &table.rows {
            sheet.write_string(row, 0, label)?;
            for (index, value) in values.iter().enumerate() {
                let column = u16::try_from(index + 1)?;
                match value {
                    // Report counts stay far below 2^53: exact as f64.
                    #[allow(clippy::cast_precision_loss)]
                    Value::Number(n) => sheet.write_number(row, column, *n as f64)?,
                    Value::Text(t) => sheet.write_string(row, column, t)?,
                };
            }
            row += 1;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

const PDF_TEMPLATE: &str = include_str!("../../templates/pdf/stats-report.typ");

#[derive(Serialize)]
struct PdfDocument<'a> {
    texts: BTreeMap<String, String>,
    report: &'a Report,
}

/// The report as a tagged PDF (CPU-bound: call it off the async runtime).
pub fn to_pdf(report: &Report, tr: &Tr) -> Result<relais_pdf::RenderedPdf, relais_pdf::PdfError> {
    let document = PdfDocument {
        texts: tr.texts_for_template(PDF_TEMPLATE),
        report,
    };
    relais_pdf::render(PDF_TEMPLATE, &document, &[])
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportParams {
    pub modele: Template,
    #[serde(flatten)]
    pub filters: StatsParams,
}

async fn report_for(
    state: &AppState,
    user: &crate::accounts::SessionUser,
    params: &ReportParams,
) -> AppResult<Report> {
    let scope = super::scope_of(&state.db, user).await?;
    let today = crate::permanences::today(state.clock.now());
    let query = checked_query(&params.filters, scope, today)?;
    let tr = Tr::french();
    let territory = territory_label(state, &tr, &query).await?;
    Ok(build_report(&state.db, &tr, params.modele, &query, territory, today).await?)
}

async fn territory_label(state: &AppState, tr: &Tr, query: &StatsQuery) -> AppResult<String> {
    let names: Vec<String> = match (&query.place, &query.organizations) {
        (Some(place), _) => super::place_labels(&state.db)
            .await?
            .get(place)
            .cloned()
            .into_iter()
            .collect(),
        (None, Some(organizations)) => crate::organizations::list_organizations(&state.db)
            .await?
            .into_iter()
            .filter(|o| organizations.contains(&o.id))
            .map(|o| o.name)
            .collect(),
        (None, None) => vec![tr.t("stats-report-network")],
    };
    Ok(tr.t1("stats-report-territory-line", "names", names.join(", ")))
}

fn file_response(bytes: Vec<u8>, content_type: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn file_name(params: &ReportParams, extension: &str) -> String {
    format!("bilan-{}.{extension}", params.modele.key())
}

pub async fn download_csv(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(params): Query<ReportParams>,
) -> AppResult<Response> {
    let report = report_for(&state, &user, &params).await?;
    let bytes = to_csv(&report).map_err(AppError::Internal)?;
    Ok(file_response(
        bytes,
        "text/csv; charset=utf-8",
        &file_name(&params, "csv"),
    ))
}

pub async fn download_xlsx(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(params): Query<ReportParams>,
) -> AppResult<Response> {
    let report = report_for(&state, &user, &params).await?;
    let bytes = to_xlsx(&report).map_err(AppError::Internal)?;
    Ok(file_response(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name(&params, "xlsx"),
    ))
}

pub async fn download_pdf(
    State(state): State<AppState>,
    RequireManager(user): RequireManager,
    Query(params): Query<ReportParams>,
) -> AppResult<Response> {
    let report = report_for(&state, &user, &params).await?;
    let Some(slot) = crate::web::pdf::slot(&state).await else {
        return Ok(crate::web::pdf::busy());
    };
    let bytes = crate::charters::pdf::typeset("a statistics report", move || {
        let pdf = to_pdf(&report, &Tr::french());
        drop(slot);
        pdf
    })
    .await?;
    Ok(file_response(
        bytes,
        "application/pdf",
        &file_name(&params, "pdf"),
    ))
}
