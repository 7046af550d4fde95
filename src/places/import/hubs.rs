//! Hub formats (France services, MedNum BFC, RhinOcc, Région Sud). Placeholder: the real
//! mappings are written in another branch and replace this file at merge.

use super::Format;
use super::raw::{RawRow, Table};

/// The hub format a CSV header belongs to, if any.
pub fn detect(headers: &[String]) -> Option<Format> {
    let _ = headers;
    None
}

/// One data row of a hub file brought to standard column names.
pub fn to_raw(format: Format, table: &Table, row: &[String], number: usize) -> RawRow {
    let _ = (format, table, row);
    RawRow::new(number)
}
