//! Import of open-data files into the directory (see `relais import`).
//!
//! Pure functions, no database: `parse` reads a CSV or JSON file (any of the formats in
//! `Format`), brings every row to a `RawRow` of standard column names, and one common
//! normaliser turns each `RawRow` into an `ImportRow` (accepted, fixed, flagged or refused, with
//! French explanations). `write_report` writes those explanations as a CSV report.

pub mod hubs;
mod normalize;
pub mod raw;
mod read;
mod report;
mod values;

#[cfg(test)]
mod tests;

use crate::places::PlaceData;
use std::collections::HashSet;

pub use report::write_report;

/// An input format. `Auto` asks `parse` to recognise it from the columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Auto,
    MediationV1,
    MediationV0,
    DataInclusion,
    FranceServices,
    BfcTernum,
    RhinOcc,
    RegionSud,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Auto,
        Format::MediationV1,
        Format::MediationV0,
        Format::DataInclusion,
        Format::FranceServices,
        Format::BfcTernum,
        Format::RhinOcc,
        Format::RegionSud,
    ];

    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::MediationV1 => "mediation-v1",
            Format::MediationV0 => "mediation-v0",
            Format::DataInclusion => "data-inclusion",
            Format::FranceServices => "france-services",
            Format::BfcTernum => "bfc-ternum",
            Format::RhinOcc => "rhinocc",
            Format::RegionSud => "regionsud",
        }
    }
}

pub struct ImportOptions {
    pub format: Format,
    /// Sets (and overrides) the `source` of every row.
    pub source: Option<String>,
    /// Dates after this one are treated as missing.
    pub today: chrono::NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Taken as is.
    Accepted,
    /// Taken after a correction the messages explain.
    Fixed,
    /// Taken, with a `QualityFlag` staff must look at.
    Flagged,
    /// Not taken; the messages say why.
    Refused,
}

impl Outcome {
    /// The French word used in reports.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepté",
            Outcome::Fixed => "corrigé",
            Outcome::Flagged => "signalé",
            Outcome::Refused => "refusé",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ImportRow {
    /// 1-based position of the row in the file (header excluded).
    pub number: usize,
    pub source_id: String,
    pub name: String,
    pub outcome: Outcome,
    /// Plain French explanations; never empty unless the row is accepted as is.
    pub messages: Vec<String>,
    /// `None` exactly when the row is refused.
    pub data: Option<PlaceData>,
}

#[derive(Clone, Debug)]
pub struct ParsedImport {
    /// The format used (the detected one when `Format::Auto` was asked).
    pub format: Format,
    pub rows: Vec<ImportRow>,
    /// File-level notes in French (ignored columns, encoding…).
    pub notes: Vec<String>,
}

impl ParsedImport {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.rows
            .iter()
            .filter(|row| row.outcome == outcome)
            .count()
    }
}

/// Why a whole file cannot be imported. Each message is one French sentence.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("Le fichier est vide.")]
    Empty,
    #[error("Le fichier est trop gros ({size} octets) : la limite est de {max} octets.")]
    TooLarge { size: usize, max: usize },
    #[error(
        "Le fichier n'est ni un CSV (colonnes séparées par des virgules ou des points-virgules) ni un JSON."
    )]
    NotCsvOrJson,
    #[error(
        "Le fichier JSON est incomplet : il s'arrête à la ligne {line}, colonne {column}, avant la fin des données (fichier tronqué ?)."
    )]
    JsonTruncated { line: usize, column: usize },
    #[error("Le fichier JSON est mal formé à la ligne {line}, colonne {column}.")]
    JsonSyntax { line: usize, column: usize },
    #[error(
        "Le fichier JSON est imbriqué trop profondément (ligne {line}) : on attend une liste de lieux, un objet simple par lieu."
    )]
    JsonTooDeep { line: usize },
    #[error(
        "Le fichier JSON doit contenir une liste d'objets, un objet par lieu (par exemple [{{\"id\": \"1\", \"nom\": \"…\"}}])."
    )]
    NotArrayOfObjects,
    #[error("Le fichier a trop de colonnes ({found}) : au plus {max} sont acceptées.")]
    TooManyColumns { found: usize, max: usize },
    #[error(
        "La ligne {line} du fichier est trop longue (plus de {max} octets) : le fichier semble endommagé."
    )]
    RecordTooLarge { line: usize, max: usize },
    #[error("Le fichier CSV est illisible à la ligne {line}.")]
    Csv { line: usize },
    #[error("Le fichier ne contient aucune ligne de données.")]
    NoRows,
    #[error(
        "Aucune colonne n'est reconnue (colonnes trouvées : {found}). Colonnes attendues : celles du schéma des lieux de médiation numérique (id, nom, adresse, code_postal, commune…), de data·inclusion ou d'un format de hub connu."
    )]
    NoRecognisedColumns { found: String },
}

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 100 * 1024 * 1024;
/// Largest number of columns accepted.
pub const MAX_COLUMNS: usize = 500;
/// Largest size of one row (CSV record or JSON object), in bytes.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// Rows normalized per block, each block shared between the machine's cores.
const NORMALIZE_BLOCK: usize = 8192;

/// A file read and split into rows, not normalized yet.
pub struct ReadFile {
    pub format: Format,
    /// File-level notes in French (ignored columns, encoding…).
    pub notes: Vec<String>,
    raws: Vec<raw::RawRow>,
    source: Option<String>,
    today: chrono::NaiveDate,
}

/// Reads a whole file into rows (the cheap part of an import; normalizing them is the rest).
pub fn read_file(bytes: &[u8], options: &ImportOptions) -> Result<ReadFile, ImportError> {
    let input = read::read(bytes, options.format)?;
    Ok(ReadFile {
        format: input.format,
        notes: input.notes,
        raws: input.rows,
        source: options
            .source
            .clone()
            .filter(|source| !source.trim().is_empty()),
        today: options.today,
    })
}

impl ReadFile {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.raws.len()
    }

    pub fn is_empty(&self) -> bool {
        self.raws.is_empty()
    }

    /// Normalizes every row in file order, a block at a time, each block split between the
    /// machine's cores (rows are independent), and hands each block to `on_block`; a second
    /// row with the source and id of an earlier one is refused. Stops early when `on_block`
    /// answers `false` (the writer gave up).
    pub fn normalize(self, on_block: &mut dyn FnMut(Vec<ImportRow>) -> bool) {
        let ReadFile {
            format,
            raws,
            source,
            today,
            ..
        } = self;
        let source = source.as_deref();
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .clamp(1, 8);
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut rest = raws.into_iter();
        loop {
            let block: Vec<raw::RawRow> = rest.by_ref().take(NORMALIZE_BLOCK).collect();
            if block.is_empty() {
                break;
            }
            let mut done = Vec::with_capacity(block.len());
            if workers == 1 || block.len() < 512 {
                // Small files: one row at a time, each handed over (and reported) alone.
                for raw in block {
                    let mut row = normalize::normalize(raw, format, source, today);
                    refuse_repeated_id(&mut row, &mut seen);
                    if !on_block(vec![row]) {
                        return;
                    }
                }
                continue;
            }
            let share = block.len().div_ceil(workers);
            let mut parts: Vec<Vec<raw::RawRow>> = Vec::with_capacity(workers);
            let mut block = block.into_iter();
            loop {
                let part: Vec<raw::RawRow> = block.by_ref().take(share).collect();
                if part.is_empty() {
                    break;
                }
                parts.push(part);
            }
            std::thread::scope(|scope| {
                let handles: Vec<_> = parts
                    .into_iter()
                    .map(|part| {
                        scope.spawn(move || {
                            part.into_iter()
                                .map(|raw| normalize::normalize(raw, format, source, today))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                for handle in handles {
                    match handle.join() {
                        Ok(part) => done.extend(part),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
            });
            for row in &mut done {
                refuse_repeated_id(row, &mut seen);
            }
            if !on_block(done) {
                return;
            }
        }
    }
}

/// Refuses a row whose source and id an earlier row of the file already had.
fn refuse_repeated_id(row: &mut ImportRow, seen: &mut HashSet<(String, String)>) {
    if let Some(data) = &row.data {
        let key = (data.record.source.clone(), data.record.id.clone());
        if !seen.insert(key) {
            row.outcome = Outcome::Refused;
            row.messages = vec![format!(
                "identifiant « {} » en double pour la source « {} » : seule la première ligne est gardée",
                data.record.id, data.record.source
            )];
            row.data = None;
        }
    }
}

/// Reads a whole file and normalises every row. `progress(done, total)` is called as rows are
/// processed.
pub fn parse(
    bytes: &[u8],
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ParsedImport, ImportError> {
    let file = read_file(bytes, options)?;
    let total = file.len();
    let format = file.format;
    let notes = file.notes.clone();
    let mut rows = Vec::with_capacity(total);
    file.normalize(&mut |block| {
        rows.extend(block);
        progress(rows.len(), total);
        true
    });
    Ok(ParsedImport {
        format,
        rows,
        notes,
    })
}
