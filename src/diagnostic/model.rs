//! The diagnostic's pure rules: the questionnaire file (checked when loaded), scoring, and the
//! code that carries a person's answers (versioned, with a checksum, no server lookup).

use crate::places::vocab;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashSet;

/// The questionnaire shipped with Relais.
pub const DEFAULT_FILE: &str = include_str!("questionnaire.toml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub label: String,
    pub points: u32,
    pub pictogram: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub min_percent: u32,
    pub sentence: String,
    /// A value of the workshops' levels (`activities::vocab::WORKSHOP_LEVELS`).
    pub workshop_level: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub label: String,
    pub min_percent: u32,
    pub sentence: String,
    /// The workshops' level that suits this profile (`activities::vocab::WORKSHOP_LEVELS`).
    pub workshop_level: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub domain: String,
    pub text: String,
    #[serde(default)]
    pub example: String,
    /// Kept so that old codes can be read; not asked any more.
    #[serde(default)]
    pub retired: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: String,
    pub label: String,
    /// Values of the open-data standard's `services` field.
    pub services: Vec<String>,
    /// Accompaniment themes (`activities::vocab::THEMES`) of the workshops that answer it.
    #[serde(default)]
    pub themes: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub number: u32,
    pub questions: Vec<String>,
    pub needs: Vec<String>,
}

/// A checked questionnaire. Versions hold indexes into `questions` and `needs`.
#[derive(Clone, Debug)]
pub struct Questionnaire {
    pub answers: Vec<Answer>,
    pub levels: Vec<Level>,
    pub profiles: Vec<Profile>,
    pub domains: Vec<Domain>,
    pub questions: Vec<Question>,
    /// The domain index of each question.
    question_domains: Vec<usize>,
    pub needs: Vec<Need>,
    versions: Vec<Layout>,
}

#[derive(Clone, Debug)]
struct Layout {
    number: u32,
    questions: Vec<usize>,
    needs: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    answers: Vec<Answer>,
    levels: Vec<Level>,
    profiles: Vec<Profile>,
    domains: Vec<Domain>,
    questions: Vec<Question>,
    needs: Vec<Need>,
    versions: Vec<Version>,
}

/// Most versions a code can name (6 bits).
const MAX_VERSION: u32 = 63;
const VERSION_BITS: usize = 6;
const DAY_BITS: usize = 14;
const ANSWER_BITS: usize = 2;
const CHECK_BITS: usize = 10;
/// Day 0 of the codes' dates.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date")
}

fn unique<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(format!("{what}: an id is empty"));
        }
        if !seen.insert(id) {
            return Err(format!("{what}: the id \"{id}\" appears twice"));
        }
    }
    Ok(())
}

fn position(ids: &[String], wanted: &str) -> Option<usize> {
    ids.iter().position(|id| id == wanted)
}

fn check_thresholds(what: &str, thresholds: &[u32]) -> Result<(), String> {
    if thresholds.first() != Some(&0) {
        return Err(format!("{what}: the first one must have min_percent = 0"));
    }
    if thresholds.windows(2).any(|w| w[0] >= w[1]) || thresholds.iter().any(|t| *t > 100) {
        return Err(format!(
            "{what}: min_percent must grow from 0 to at most 100"
        ));
    }
    Ok(())
}

impl Questionnaire {
    /// Reads and checks a questionnaire file. The error says, in English for the person who
    /// runs the server, what to fix.
    pub fn parse(text: &str) -> Result<Questionnaire, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        if file.answers.is_empty() || file.answers.len() > 1 << ANSWER_BITS {
            return Err("answers: give between 1 and 4 answers".into());
        }
        unique("answers", file.answers.iter().map(|a| a.id.as_str()))?;
        unique("levels", file.levels.iter().map(|l| l.id.as_str()))?;
        unique("profiles", file.profiles.iter().map(|p| p.id.as_str()))?;
        unique("domains", file.domains.iter().map(|d| d.id.as_str()))?;
        unique("questions", file.questions.iter().map(|q| q.id.as_str()))?;
        unique("needs", file.needs.iter().map(|n| n.id.as_str()))?;
        check_thresholds(
            "levels",
            &file
                .levels
                .iter()
                .map(|l| l.min_percent)
                .collect::<Vec<_>>(),
        )?;
        check_thresholds(
            "profiles",
            &file
                .profiles
                .iter()
                .map(|p| p.min_percent)
                .collect::<Vec<_>>(),
        )?;
        let workshop_levels = file
            .levels
            .iter()
            .map(|l| &l.workshop_level)
            .chain(file.profiles.iter().map(|p| &p.workshop_level));
        for level in workshop_levels {
            if !crate::activities::vocab::is_known(crate::activities::vocab::WORKSHOP_LEVELS, level)
            {
                return Err(format!("levels: \"{level}\" is not a workshop level"));
            }
        }
        let domain_ids: Vec<String> = file.domains.iter().map(|d| d.id.clone()).collect();
        let mut question_domains = Vec::new();
        for question in &file.questions {
            let domain = position(&domain_ids, &question.domain).ok_or_else(|| {
                format!(
                    "questions: \"{}\" names the unknown domain \"{}\"",
                    question.id, question.domain
                )
            })?;
            if question.text.trim().is_empty() {
                return Err(format!("questions: \"{}\" has no text", question.id));
            }
            question_domains.push(domain);
        }
        for need in &file.needs {
            if need.services.is_empty() {
                return Err(format!("needs: \"{}\" names no service", need.id));
            }
            for theme in &need.themes {
                if !crate::activities::vocab::is_known(crate::activities::vocab::THEMES, theme) {
                    return Err(format!(
                        "needs: \"{}\" names the theme \"{theme}\", which is not an accompaniment theme",
                        need.id
                    ));
                }
            }
            for service in &need.services {
                if !vocab::SERVICES.values.contains(&service.as_str()) {
                    return Err(format!(
                        "needs: \"{}\" names \"{service}\", which is not a service of the open-data standard",
                        need.id
                    ));
                }
            }
        }
        if file.versions.is_empty() {
            return Err("versions: give at least one version".into());
        }
        let question_ids: Vec<String> = file.questions.iter().map(|q| q.id.clone()).collect();
        let need_ids: Vec<String> = file.needs.iter().map(|n| n.id.clone()).collect();
        let mut versions = Vec::new();
        for version in &file.versions {
            if version.number == 0 || version.number > MAX_VERSION {
                return Err(format!(
                    "versions: numbers go from 1 to {MAX_VERSION} (got {})",
                    version.number
                ));
            }
            if versions
                .last()
                .is_some_and(|last: &Layout| last.number >= version.number)
            {
                return Err("versions: numbers must grow".into());
            }
            unique(
                "versions.questions",
                version.questions.iter().map(String::as_str),
            )?;
            unique("versions.needs", version.needs.iter().map(String::as_str))?;
            let questions = version
                .questions
                .iter()
                .map(|id| {
                    position(&question_ids, id).ok_or_else(|| {
                        format!("version {}: unknown question \"{id}\"", version.number)
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let needs = version
                .needs
                .iter()
                .map(|id| {
                    position(&need_ids, id)
                        .ok_or_else(|| format!("version {}: unknown need \"{id}\"", version.number))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if questions.is_empty() {
                return Err(format!("version {}: no question", version.number));
            }
            versions.push(Layout {
                number: version.number,
                questions,
                needs,
            });
        }
        let current = versions.last().expect("at least one version");
        for (index, domain) in file.domains.iter().enumerate() {
            if !current
                .questions
                .iter()
                .any(|q| question_domains[*q] == index)
            {
                return Err(format!(
                    "the current version asks no question of the domain \"{}\"",
                    domain.id
                ));
            }
        }
        for &question in &current.questions {
            if file.questions[question].retired {
                return Err(format!(
                    "the current version asks the retired question \"{}\"",
                    file.questions[question].id
                ));
            }
        }
        Ok(Questionnaire {
            answers: file.answers,
            levels: file.levels,
            profiles: file.profiles,
            domains: file.domains,
            questions: file.questions,
            question_domains,
            needs: file.needs,
            versions,
        })
    }

    /// The questionnaire shipped with Relais.
    pub fn builtin() -> Questionnaire {
        Questionnaire::parse(DEFAULT_FILE).expect("the shipped questionnaire is valid")
    }

    fn current(&self) -> &Layout {
        self.versions.last().expect("at least one version")
    }

    /// The questions asked now, in order (indexes into `questions`).
    pub fn current_questions(&self) -> &[usize] {
        &self.current().questions
    }

    /// The needs offered now, in order (indexes into `needs`).
    pub fn current_needs(&self) -> &[usize] {
        &self.current().needs
    }

    pub fn domain_of(&self, question: usize) -> usize {
        self.question_domains[question]
    }

    pub fn need_index(&self, id: &str) -> Option<usize> {
        self.needs.iter().position(|n| n.id == id)
    }

    pub fn answer_index(&self, id: &str) -> Option<usize> {
        self.answers.iter().position(|a| a.id == id)
    }

    /// The services the chosen needs point to, each once, in the standard's order.
    pub fn services_for(&self, needs: &[usize]) -> Vec<&'static str> {
        vocab::SERVICES
            .values
            .iter()
            .copied()
            .filter(|service| {
                needs
                    .iter()
                    .any(|n| self.needs[*n].services.iter().any(|s| s == service))
            })
            .collect()
    }

    /// Scores a completed diagnostic.
    pub fn score(&self, diagnostic: &Diagnostic) -> Scores {
        let max_points = self.answers.iter().map(|a| a.points).max().unwrap_or(0);
        let mut domains: Vec<DomainScore> = (0..self.domains.len())
            .map(|domain| DomainScore {
                domain,
                points: 0,
                max: 0,
                level: None,
            })
            .collect();
        for &(question, answer) in &diagnostic.answers {
            let score = &mut domains[self.question_domains[question]];
            score.points += self.answers[answer].points;
            score.max += max_points;
        }
        for score in &mut domains {
            if score.max > 0 {
                score.level = Some(highest(
                    self.levels.iter().map(|l| l.min_percent),
                    score.points,
                    score.max,
                ));
            }
        }
        let points: u32 = domains.iter().map(|d| d.points).sum();
        let max: u32 = domains.iter().map(|d| d.max).sum();
        let profile = highest(self.profiles.iter().map(|p| p.min_percent), points, max);
        Scores { domains, profile }
    }

    /// The code of a completed diagnostic, in the current version.
    pub fn encode(&self, diagnostic: &Diagnostic) -> String {
        let layout = self.current();
        let mut bits = Bits::default();
        bits.push(u64::from(layout.number), VERSION_BITS);
        let days = (diagnostic.on_date - epoch())
            .num_days()
            .clamp(0, (1 << DAY_BITS) - 1);
        bits.push(days as u64, DAY_BITS);
        for question in &layout.questions {
            let answer = diagnostic
                .answers
                .iter()
                .find(|(q, _)| q == question)
                .map_or(0, |(_, a)| *a);
            bits.push(answer as u64, ANSWER_BITS);
        }
        for need in &layout.needs {
            bits.push(u64::from(diagnostic.needs.contains(need)), 1);
        }
        let check = checksum(&bits);
        bits.push(u64::from(check), CHECK_BITS);
        let text = bits.to_base32();
        group(&text)
    }

    /// Reads a code typed, pasted or scanned by a person.
    pub fn decode(&self, code: &str) -> Result<Diagnostic, CodeError> {
        let mut bits = Bits::from_base32(code)?;
        if bits.len() < VERSION_BITS {
            return Err(CodeError::Truncated);
        }
        let number = bits.read(0, VERSION_BITS) as u32;
        let layout = self
            .versions
            .iter()
            .find(|v| v.number == number)
            .ok_or(CodeError::UnknownVersion)?;
        let payload =
            VERSION_BITS + DAY_BITS + ANSWER_BITS * layout.questions.len() + layout.needs.len();
        let total = payload + CHECK_BITS;
        let chars = total.div_ceil(5);
        match bits.len().cmp(&(chars * 5)) {
            std::cmp::Ordering::Less => return Err(CodeError::Truncated),
            std::cmp::Ordering::Greater => return Err(CodeError::TooLong),
            std::cmp::Ordering::Equal => {}
        }
        if bits.read(total, chars * 5 - total) != 0 {
            return Err(CodeError::Checksum);
        }
        let check = bits.read(payload, CHECK_BITS) as u16;
        bits.truncate(payload);
        if checksum(&bits) != check {
            return Err(CodeError::Checksum);
        }
        let days = bits.read(VERSION_BITS, DAY_BITS) as i64;
        let on_date = epoch() + chrono::Duration::days(days);
        let mut offset = VERSION_BITS + DAY_BITS;
        let mut answers = Vec::new();
        for &question in &layout.questions {
            let answer = bits.read(offset, ANSWER_BITS) as usize;
            offset += ANSWER_BITS;
            if answer >= self.answers.len() {
                return Err(CodeError::Checksum);
            }
            answers.push((question, answer));
        }
        let mut needs = Vec::new();
        for &need in &layout.needs {
            if bits.read(offset, 1) == 1 {
                needs.push(need);
            }
            offset += 1;
        }
        Ok(Diagnostic {
            version: number,
            on_date,
            answers,
            needs,
        })
    }

    /// Reads the answers carried by the form while the person goes through the questions:
    /// one character per current question, `0`–`3` for an answer, `-` for none yet. Anything
    /// else (a tampered form) counts as "no answer yet".
    pub fn read_progress(&self, text: &str) -> Vec<Option<usize>> {
        let mut chars = text.chars();
        self.current()
            .questions
            .iter()
            .map(|_| {
                chars
                    .next()
                    .and_then(|c| c.to_digit(10))
                    .map(|d| d as usize)
                    .filter(|d| *d < self.answers.len())
            })
            .collect()
    }

    pub fn write_progress(progress: &[Option<usize>]) -> String {
        progress
            .iter()
            .map(|a| a.map_or('-', |a| char::from(b'0' + a as u8)))
            .collect()
    }

    /// A completed diagnostic from the progress and chosen needs, or `None` when a question
    /// is still unanswered.
    pub fn complete(
        &self,
        progress: &[Option<usize>],
        needs: &[usize],
        on_date: NaiveDate,
    ) -> Option<Diagnostic> {
        let layout = self.current();
        let answers = layout
            .questions
            .iter()
            .zip(progress)
            .map(|(q, a)| a.map(|a| (*q, a)))
            .collect::<Option<Vec<_>>>()?;
        if answers.len() != layout.questions.len() {
            return None;
        }
        let mut kept: Vec<usize> = layout
            .needs
            .iter()
            .copied()
            .filter(|n| needs.contains(n))
            .collect();
        kept.dedup();
        Some(Diagnostic {
            version: layout.number,
            on_date,
            answers,
            needs: kept,
        })
    }
}

/// The index of the highest threshold reached by `points` out of `max`.
fn highest(thresholds: impl Iterator<Item = u32>, points: u32, max: u32) -> usize {
    let mut reached = 0;
    for (index, min_percent) in thresholds.enumerate() {
        if u64::from(points) * 100 >= u64::from(min_percent) * u64::from(max) {
            reached = index;
        }
    }
    reached
}

/// A person's answers: `(question, answer)` indexes, the chosen needs and the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub version: u32,
    pub on_date: NaiveDate,
    pub answers: Vec<(usize, usize)>,
    pub needs: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainScore {
    pub domain: usize,
    pub points: u32,
    pub max: u32,
    /// `None` when the code asked nothing of this domain (an older questionnaire).
    pub level: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scores {
    pub domains: Vec<DomainScore>,
    pub profile: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    Empty,
    BadCharacter,
    Truncated,
    TooLong,
    Checksum,
    UnknownVersion,
}

impl CodeError {
    pub fn message_key(self) -> &'static str {
        match self {
            CodeError::Empty => "diagnostic-code-empty",
            CodeError::BadCharacter => "diagnostic-code-bad-character",
            CodeError::Truncated => "diagnostic-code-truncated",
            CodeError::TooLong => "diagnostic-code-too-long",
            CodeError::Checksum => "diagnostic-code-checksum",
            CodeError::UnknownVersion => "diagnostic-code-unknown-version",
        }
    }
}

/// Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not
/// mistaken.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn value_of(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|a| *a as char == c)
        .map(|p| p as u8)
}

/// A code as the person typed it, written the canonical way (upper case, O/I/L read as digits,
/// grouped by four). Only for a code that `decode` accepted.
pub fn normalize_code(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter_map(value_of)
        .map(|v| ALPHABET[v as usize] as char)
        .collect();
    group(&plain)
}

/// `ABCD-EFGH-JKMN-PQ`: groups of four, easier to copy.
fn group(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect::<Vec<_>>()
        .join("-")
}

#[derive(Clone, Debug, Default)]
struct Bits(Vec<bool>);

impl Bits {
    fn push(&mut self, value: u64, width: usize) {
        for shift in (0..width).rev() {
            self.0.push((value >> shift) & 1 == 1);
        }
    }

    fn read(&self, offset: usize, width: usize) -> u64 {
        self.0[offset..offset + width]
            .iter()
            .fold(0, |acc, bit| (acc << 1) | u64::from(*bit))
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    fn to_base32(&self) -> String {
        self.0
            .chunks(5)
            .map(|chunk| {
                let mut value = 0usize;
                for i in 0..5 {
                    value = (value << 1) | usize::from(chunk.get(i).copied().unwrap_or(false));
                }
                ALPHABET[value] as char
            })
            .collect()
    }

    /// Reads a typed code: spaces, dashes and dots are ignored, case does not matter, and the
    /// letters O, I and L are read as the digits they look like.
    fn from_base32(text: &str) -> Result<Bits, CodeError> {
        let mut bits = Bits::default();
        for c in text.chars() {
            if c.is_whitespace() || matches!(c, '-' | '.' | '‑' | '–') {
                continue;
            }
            let value = value_of(c).ok_or(CodeError::BadCharacter)?;
            bits.push(u64::from(value), 5);
        }
        if bits.len() == 0 {
            return Err(CodeError::Empty);
        }
        Ok(bits)
    }
}

/// CRC-10 (polynomial 0x233) of the payload bits: it catches every error within 10
/// consecutive bits, so every mistyped character (5 bits) and every swap of two neighbouring
/// characters; a code typed at random passes about once in 1,000 tries.
fn checksum(bits: &Bits) -> u16 {
    let mut crc: u16 = 0;
    for &bit in &bits.0 {
        let top = (crc >> (CHECK_BITS - 1)) & 1 == 1;
        crc = (crc << 1) & ((1 << CHECK_BITS) - 1);
        if top ^ bit {
            crc ^= 0x233;
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q() -> Questionnaire {
        Questionnaire::builtin()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    /// The same answer to every question.
    fn all(q: &Questionnaire, answer: &str) -> Diagnostic {
        let a = q.answer_index(answer).unwrap();
        let progress: Vec<Option<usize>> = q.current_questions().iter().map(|_| Some(a)).collect();
        q.complete(&progress, &[], day()).unwrap()
    }

    #[test]
    fn the_shipped_questionnaire_has_ten_questions_over_five_domains() {
        let q = q();
        assert_eq!(q.current_questions().len(), 10);
        assert_eq!(q.domains.len(), 5);
        assert_eq!(q.answers.len(), 4);
    }

    #[test]
    fn every_need_maps_to_a_service_of_the_standard() {
        let q = q();
        assert!(!q.needs.is_empty());
        for need in &q.needs {
            assert!(!need.services.is_empty(), "{}", need.id);
            for service in &need.services {
                assert!(
                    vocab::SERVICES.values.contains(&service.as_str()),
                    "{} → {service}",
                    need.id
                );
            }
        }
    }

    #[test]
    fn every_need_names_workshop_themes_and_every_profile_a_workshop_level() {
        let q = q();
        for need in &q.needs {
            assert!(!need.themes.is_empty(), "{}", need.id);
        }
        assert!(q.profiles.iter().all(|p| !p.workshop_level.is_empty()));
    }

    #[test]
    fn scoring_table() {
        let q = q();
        let level = |s: &Scores, d: usize| q.levels[s.domains[d].level.unwrap()].id.clone();
        let alone = q.score(&all(&q, "seul"));
        assert!(alone.domains.iter().all(|d| d.points == 4 && d.max == 4));
        assert_eq!(level(&alone, 0), "autonome");
        assert_eq!(q.profiles[alone.profile].id, "autonomie");

        let help = q.score(&all(&q, "aide"));
        assert_eq!(level(&help, 2), "en-progres");
        assert_eq!(q.profiles[help.profile].id, "premiers-usages");

        let no = q.score(&all(&q, "non"));
        assert_eq!(level(&no, 4), "premiers-pas");
        assert_eq!(q.profiles[no.profile].id, "decouverte");
        let unknown = q.score(&all(&q, "inconnu"));
        assert_eq!(unknown, no);

        // One domain at 3 of 4 points (alone + with help): "en progrès", not autonomous.
        let seul = q.answer_index("seul").unwrap();
        let aide = q.answer_index("aide").unwrap();
        let non = q.answer_index("non").unwrap();
        let mut progress: Vec<Option<usize>> = vec![Some(non); 10];
        progress[0] = Some(seul);
        progress[1] = Some(aide);
        let mixed = q.score(&q.complete(&progress, &[], day()).unwrap());
        assert_eq!(level(&mixed, 0), "en-progres");
        assert_eq!(mixed.domains[0].points, 3);
        // 1 of 4 points is still first steps (25 % < 40 %).
        progress[0] = Some(aide);
        progress[1] = Some(non);
        let one = q.score(&q.complete(&progress, &[], day()).unwrap());
        assert_eq!(level(&one, 0), "premiers-pas");
        assert_eq!(q.profiles[one.profile].id, "decouverte");
    }

    #[test]
    fn needs_point_to_services_once_each() {
        let q = q();
        let needs = [
            q.need_index("photos").unwrap(),
            q.need_index("courriels").unwrap(),
        ];
        assert_eq!(
            q.services_for(&needs),
            vec![
                "Maîtrise des outils numériques du quotidien",
                "Loisirs et créations numériques"
            ]
        );
    }

    #[test]
    fn a_code_is_short_grouped_and_reads_back() {
        let q = q();
        let mut diagnostic = all(&q, "aide");
        diagnostic.needs = vec![
            q.need_index("visio").unwrap(),
            q.need_index("emploi").unwrap(),
        ];
        let code = q.encode(&diagnostic);
        assert_eq!(code.len(), 13 + 3, "{code}");
        assert!(
            code.chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        assert_eq!(q.decode(&code).unwrap(), diagnostic);
        // Typed by hand: lower case, spaces instead of dashes, O for 0.
        let typed = code.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(q.decode(&typed).unwrap(), diagnostic);
        assert_eq!(normalize_code(&typed), code);
    }

    #[test]
    fn a_mistyped_truncated_or_empty_code_is_refused() {
        let q = q();
        for answer in ["seul", "aide", "non", "inconnu"] {
            let mut diagnostic = all(&q, answer);
            diagnostic.needs = q.current_needs()[..3].to_vec();
            every_change_is_caught(&q, &q.encode(&diagnostic));
        }
        let code = q.encode(&all(&q, "seul"));
        assert_eq!(q.decode(&code[..code.len() - 2]), Err(CodeError::Truncated));
        assert_eq!(q.decode(&format!("{code}7")), Err(CodeError::TooLong));
        assert_eq!(q.decode("  - "), Err(CodeError::Empty));
        assert_eq!(q.decode("ABCD-ÉFGH"), Err(CodeError::BadCharacter));
        assert_eq!(q.decode("U"), Err(CodeError::BadCharacter));
    }

    /// Every single mistyped character and every swap of two neighbours is refused.
    fn every_change_is_caught(q: &Questionnaire, code: &str) {
        let chars: Vec<char> = code.chars().filter(|c| *c != '-').collect();
        for i in 0..chars.len() - 1 {
            if chars[i] != chars[i + 1] {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                assert!(q.decode(&swapped).is_err(), "{swapped} was accepted");
            }
        }
        for (i, c) in chars.iter().enumerate() {
            for replacement in ALPHABET.iter().map(|b| *b as char) {
                if replacement == *c {
                    continue;
                }
                let mut changed = chars.clone();
                changed[i] = replacement;
                let changed: String = changed.into_iter().collect();
                let result = q.decode(&changed);
                // Changing the version character may name an unknown version: also refused.
                assert!(result.is_err(), "{changed} was accepted");
            }
        }
    }

    /// A newer questionnaire (version 2: one question retired, one added, a need added) still
    /// reads version-1 codes; the domains asked in both keep their level.
    #[test]
    fn codes_of_an_older_version_are_still_read() {
        let v1 = q();
        let mut old = all(&v1, "seul");
        old.needs = vec![v1.need_index("demarches").unwrap()];
        let old_code = v1.encode(&old);

        let v2_text = DEFAULT_FILE.replace(
            "id = \"wifi\"\ndomain = \"internet\"",
            "id = \"wifi\"\ndomain = \"internet\"\nretired = true",
        ) + r#"
[[questions]]
id = "navigateur"
domain = "internet"
text = "Savez-vous ouvrir un site dont on vous donne l’adresse ?"

[[needs]]
id = "banque"
label = "Consulter mon compte en banque"
services = ["Utilisation sécurisée du numérique"]

[[versions]]
number = 2
questions = ["allumer", "application", "recherche", "navigateur", "courriel", "piece-jointe", "compte", "document", "arnaque", "mot-de-passe", "allumer-bis"]
needs = ["banque", "demarches"]
"#;
        // An unknown question in a version is refused with a message naming it.
        let error = Questionnaire::parse(&v2_text).unwrap_err();
        assert!(error.contains("allumer-bis"), "{error}");
        let v2 = Questionnaire::parse(&v2_text.replace(", \"allumer-bis\"", "")).unwrap();

        let read = v2.decode(&old_code).unwrap();
        assert_eq!(read.version, 1);
        let wifi = v2.questions.iter().position(|q| q.id == "wifi").unwrap();
        assert!(read.answers.iter().any(|(q, _)| *q == wifi));
        assert_eq!(read.needs, vec![v2.need_index("demarches").unwrap()]);
        let scores = v2.score(&read);
        assert_eq!(v2.levels[scores.domains[1].level.unwrap()].id, "autonome");

        // New codes use version 2; version 1 no longer knows them.
        let progress: Vec<Option<usize>> = v2.current_questions().iter().map(|_| Some(1)).collect();
        let new = v2.complete(&progress, &[], day()).unwrap();
        let new_code = v2.encode(&new);
        assert_eq!(v2.decode(&new_code).unwrap(), new);
        assert_eq!(v1.decode(&new_code), Err(CodeError::UnknownVersion));
    }

    #[test]
    fn a_broken_file_is_refused_with_a_reason() {
        let cases = [
            (
                DEFAULT_FILE.replace("\"Aide aux démarches administratives\"]", "\"Aide\"]"),
                "not a service",
            ),
            (
                DEFAULT_FILE.replace("domain = \"securite\"", "domain = \"inconnu\""),
                "unknown domain",
            ),
            (
                DEFAULT_FILE.replace("min_percent = 40", "min_percent = 0"),
                "min_percent",
            ),
            (
                DEFAULT_FILE.replace("workshop_level = \"avance\"", "workshop_level = \"expert\""),
                "workshop level",
            ),
            (
                DEFAULT_FILE.replace("id = \"wifi\"", "id = \"allumer\""),
                "twice",
            ),
        ];
        for (text, reason) in cases {
            let error = Questionnaire::parse(&text).unwrap_err();
            assert!(error.contains(reason), "{reason}: {error}");
        }
    }

    #[test]
    fn progress_survives_the_form_and_ignores_tampering() {
        let q = q();
        let progress = vec![Some(0), None, Some(3), Some(1)];
        let text = Questionnaire::write_progress(&progress);
        assert_eq!(text, "0-31");
        let read = q.read_progress(&text);
        assert_eq!(&read[..4], &progress[..]);
        assert!(read[4..].iter().all(Option::is_none));
        assert_eq!(q.read_progress("9x<script>")[0], None);
        assert!(q.complete(&read, &[], day()).is_none());
    }

    proptest! {
        #[test]
        fn any_diagnostic_round_trips(
            answers in proptest::collection::vec(0usize..4, 10),
            needs in proptest::collection::vec(any::<bool>(), 11),
            days in 0i64..6000,
        ) {
            let q = q();
            let progress: Vec<Option<usize>> = answers.into_iter().map(Some).collect();
            let chosen: Vec<usize> = q
                .current_needs()
                .iter()
                .zip(&needs)
                .filter(|(_, keep)| **keep)
                .map(|(n, _)| *n)
                .collect();
            let diagnostic = q
                .complete(&progress, &chosen, epoch() + chrono::Duration::days(days))
                .unwrap();
            let code = q.encode(&diagnostic);
            prop_assert_eq!(q.decode(&code).unwrap(), diagnostic);
        }
    }
}
