//! Template structs of the diagnostic: the welcome page, one page per question, the needs, the
//! result (with the earlier result beside it), and the staff board of counts.

use super::model::{Diagnostic, Questionnaire};
use super::{BoardPlace, NextSteps, shown_count};
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;

/// Hidden fields every step carries, so that nothing is kept on the server between steps.
pub struct Carried {
    pub progress: String,
    pub needs: Vec<String>,
    pub place: String,
    pub with_helper: bool,
}

#[derive(Template)]
#[template(path = "diagnostic/start.html")]
pub struct StartPage {
    pub ctx: PageContext,
    pub questions: usize,
    pub place: String,
    pub with_helper: bool,
    pub code_error: Option<String>,
    pub code: String,
}

pub struct AnswerButton {
    pub id: String,
    pub label: String,
    pub pictogram: String,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "diagnostic/question.html")]
pub struct QuestionPage {
    pub ctx: PageContext,
    pub carried: Carried,
    pub step: usize,
    /// 1-based, for people.
    pub number: usize,
    pub total: usize,
    pub domain: String,
    pub text: String,
    pub example: String,
    pub answers: Vec<AnswerButton>,
    pub message: Option<String>,
}

#[derive(Template)]
#[template(path = "diagnostic/needs.html")]
pub struct NeedsPage {
    pub ctx: PageContext,
    pub carried: Carried,
    pub step: usize,
    pub total: usize,
    pub needs: Vec<Choice>,
}

pub struct DomainRow {
    pub label: String,
    pub level: String,
    /// 1 to the number of levels, for the small scale drawn beside the level.
    pub rank: usize,
    pub ranks: usize,
    pub sentence: String,
    pub before: Option<String>,
    /// Compared with the earlier code: "progress", "same", "lower" or "" (not comparable).
    pub change: &'static str,
}

#[derive(Template)]
#[template(path = "diagnostic/result.html")]
pub struct ResultPage {
    pub ctx: PageContext,
    pub code: String,
    pub on_date: String,
    pub before_date: Option<String>,
    pub before_code: String,
    pub before_error: Option<String>,
    pub profile: String,
    pub profile_sentence: String,
    pub domains: Vec<DomainRow>,
    pub needs: Vec<String>,
    pub services: Vec<&'static str>,
    pub commune: String,
    pub next_steps: NextSteps,
    pub workshops: Vec<super::NextWorkshop>,
    pub qr_data_uri: String,
    pub result_url: String,
    pub place: String,
    /// A helper runs the diagnostic with the person: offer to carry the levels to the record.
    pub record_link: Option<String>,
    pub search_link: String,
}

/// The rows of the result, with the earlier diagnostic beside when there is one.
pub fn domain_rows(
    questionnaire: &Questionnaire,
    now: &Diagnostic,
    before: Option<&Diagnostic>,
) -> Vec<DomainRow> {
    let scores = questionnaire.score(now);
    let earlier = before.map(|d| questionnaire.score(d));
    scores
        .domains
        .iter()
        .map(|score| {
            let domain = &questionnaire.domains[score.domain];
            let level = score.level.map(|l| &questionnaire.levels[l]);
            let before_level = earlier.as_ref().and_then(|e| e.domains[score.domain].level);
            let change = match (score.level, before_level) {
                (Some(now), Some(then)) if now > then => "progress",
                (Some(now), Some(then)) if now == then => "same",
                (Some(_), Some(_)) => "lower",
                _ => "",
            };
            DomainRow {
                label: domain.label.clone(),
                level: level.map(|l| l.label.clone()).unwrap_or_default(),
                rank: score.level.map_or(0, |l| l + 1),
                ranks: questionnaire.levels.len(),
                sentence: level.map(|l| l.sentence.clone()).unwrap_or_default(),
                before: before.map(|_| {
                    before_level
                        .map(|l| questionnaire.levels[l].label.clone())
                        .unwrap_or_default()
                }),
                change,
            }
        })
        .collect()
}

pub struct BoardRow {
    pub label: String,
    pub cells: Vec<String>,
}

pub struct BoardSection {
    pub name: String,
    pub own: bool,
    pub rows: Vec<BoardRow>,
}

#[derive(Template)]
#[template(path = "diagnostic/board.html")]
pub struct BoardPage {
    pub ctx: PageContext,
    pub months: Vec<String>,
    pub sections: Vec<BoardSection>,
}

/// `2026-11` → `nov. 2026`.
pub fn month_label(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let (year, number) = month.split_once('-').unwrap_or((month, ""));
    match number.parse::<usize>() {
        Ok(n @ 1..=12) => format!("{} {year}", NAMES[n - 1]),
        _ => month.to_owned(),
    }
}

/// The board's tables: per place, one row per counter (total, profiles, levels, needs), one
/// column per month; small counts hidden outside the place's own staff.
pub fn board_sections(
    questionnaire: &Questionnaire,
    months: &[String],
    places: &[BoardPlace],
    at_home: &str,
    total_label: &str,
) -> Vec<BoardSection> {
    let mut labels: Vec<(String, String, String)> =
        vec![("total".into(), "total".into(), total_label.to_owned())];
    for profile in &questionnaire.profiles {
        labels.push(("profil".into(), profile.id.clone(), profile.label.clone()));
    }
    for domain in &questionnaire.domains {
        for level in &questionnaire.levels {
            labels.push((
                format!("niveau:{}", domain.id),
                level.id.clone(),
                format!("{} : {}", domain.label, level.label),
            ));
        }
    }
    for need in &questionnaire.needs {
        labels.push(("besoin".into(), need.id.clone(), need.label.clone()));
    }
    places
        .iter()
        .map(|place| BoardSection {
            name: if place.place.is_some() {
                place.name.clone()
            } else {
                at_home.to_owned()
            },
            own: place.own,
            rows: labels
                .iter()
                .filter(|(dimension, value, _)| {
                    place
                        .counts
                        .iter()
                        .any(|c| &c.dimension == dimension && &c.value == value)
                })
                .map(|(dimension, value, label)| BoardRow {
                    label: label.clone(),
                    cells: months
                        .iter()
                        .map(|month| {
                            let people = place
                                .counts
                                .iter()
                                .find(|c| {
                                    &c.month == month
                                        && &c.dimension == dimension
                                        && &c.value == value
                                })
                                .map_or(0, |c| c.people);
                            shown_count(people, place.own)
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
