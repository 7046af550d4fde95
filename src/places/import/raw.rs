//! The shape every input format is first brought to: one row of standard column names (v1 or
//! v0.1 names, multi-values joined by any separator the sources use) before the common
//! normalisation turns it into `PlaceData`.

use crate::places::Equipment;
use std::collections::BTreeMap;

/// One row of a source, with the columns renamed to the standard's names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    /// 1-based position of the row in the file (data rows, header excluded).
    pub number: usize,
    /// Standard column name (v1 such as `courriels`, or v0.1 such as `courriel`,
    /// `labels_nationaux`, `conditions_acces`) → value as found, trimmed.
    pub fields: BTreeMap<&'static str, String>,
    /// Opening hours the source gave as French free text, when they could not be converted
    /// to an OSM `opening_hours` string.
    pub hours_note: Option<String>,
    /// Equipment, when the source describes it.
    pub equipment: Equipment,
    /// What the format mapping already fixed or noticed, in plain French, for the report.
    pub messages: Vec<String>,
}

impl RawRow {
    pub fn new(number: usize) -> Self {
        RawRow {
            number,
            ..RawRow::default()
        }
    }

    /// Sets a column when the value is not blank.
    pub fn set(&mut self, column: &'static str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.fields.insert(column, value.to_owned());
        }
    }

    /// Sets a column to a cell taken as it is (no copy when it needs no trimming), or adds it
    /// after a `|` when the column already has a value (two source columns for one).
    pub fn take(&mut self, column: &'static str, mut cell: String) {
        let trimmed = cell.trim();
        if trimmed.is_empty() {
            return;
        }
        if trimmed.len() != cell.len() {
            cell = trimmed.to_owned();
        }
        match self.fields.get_mut(column) {
            Some(existing) => {
                existing.push('|');
                existing.push_str(&cell);
            }
            None => {
                self.fields.insert(column, cell);
            }
        }
    }

    pub fn get(&self, column: &str) -> Option<&str> {
        self.fields.get(column).map(String::as_str)
    }
}

/// A CSV file once read: its header and its data rows (already decoded to UTF-8).
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The value of `column` in `row`, trimmed, or "" when the column or cell is missing.
    pub fn cell<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        self.headers
            .iter()
            .position(|header| header.trim() == column)
            .and_then(|index| row.get(index))
            .map_or("", |value| value.trim())
    }
}
