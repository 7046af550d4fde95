//! Import of open-data files into the directory (see `relais import`).

pub mod raw;

// TEMPORARY: replaced by feat/import at merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Fixed,
    Flagged,
    Refused,
}
pub struct ImportRow {
    pub outcome: Outcome,
    pub data: Option<crate::places::PlaceData>,
}
pub struct ParsedImport {
    pub rows: Vec<ImportRow>,
}
