//! Reading a file: bytes → text (UTF-8, UTF-16 or Windows-1252) → `Table` (CSV or JSON) →
//! format detection → one `RawRow` per data row.

use super::raw::{RawRow, Table};
use super::{Format, ImportError, MAX_COLUMNS, MAX_FILE_BYTES, MAX_RECORD_BYTES, hubs, values};
use serde_json::Value;
use std::collections::HashMap;

/// A file once read: rows with standard column names, ready for the normaliser.
pub(super) struct Input {
    pub format: Format,
    pub rows: Vec<RawRow>,
    pub notes: Vec<String>,
}

pub(super) fn read(bytes: &[u8], format: Format) -> Result<Input, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let mut notes = Vec::new();
    let text = decode(bytes, &mut notes);
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.trim_end().is_empty() {
        return Err(ImportError::Empty);
    }
    if trimmed.contains('\0') {
        return Err(ImportError::NotCsvOrJson);
    }
    let is_json = trimmed.starts_with('[') || trimmed.starts_with('{');
    let table = if is_json {
        json_table(trimmed)?
    } else {
        csv_table(trimmed)?
    };
    if table.rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    let format = match format {
        Format::Auto => {
            let hub = if is_json {
                None
            } else {
                hubs::detect(&table.headers)
            };
            match hub {
                Some(format) => format,
                None => detect_standard(&table)?,
            }
        }
        other => other,
    };
    let rows = to_raw_rows(table, format, &mut notes)?;
    Ok(Input {
        format,
        rows,
        notes,
    })
}

// --- Decoding -------------------------------------------------------------------------------

/// Text of the file: UTF-8 (BOM removed), UTF-16 with a BOM, or else Windows-1252.
pub(super) fn decode(bytes: &[u8], notes: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        notes.push("Le fichier est en UTF-16 : il a été converti en UTF-8.".to_owned());
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        notes.push("Le fichier est en UTF-16 : il a été converti en UTF-8.".to_owned());
        return utf16(rest, u16::from_be_bytes);
    }
    notes.push(
        "Le fichier n'est pas en UTF-8 : il a été lu comme du Windows-1252 (Excel). Vérifiez les accents."
            .to_owned(),
    );
    bytes.iter().map(|&byte| windows_1252(byte)).collect()
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252: Latin-1 except 0x80–0x9F (undefined bytes map to the same code point, as
/// browsers do).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        other => char::from(other),
    }
}

// --- JSON -----------------------------------------------------------------------------------

fn json_table(text: &str) -> Result<Table, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            let wrapped = [
                "data",
                "results",
                "items",
                "lieux",
                "structures",
                "services",
                "contents",
            ]
            .into_iter()
            .find(|key| matches!(map.get(*key), Some(Value::Array(_))));
            match wrapped.and_then(|key| map.remove(key)) {
                Some(Value::Array(items)) => items,
                _ if map.contains_key("nom") => vec![Value::Object(map)],
                _ => return Err(ImportError::NotArrayOfObjects),
            }
        }
        _ => return Err(ImportError::NotArrayOfObjects),
    };
    let mut headers: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(items.len());
    for (position, item) in items.into_iter().enumerate() {
        let Value::Object(map) = item else {
            return Err(ImportError::NotArrayOfObjects);
        };
        let mut cells: Vec<(usize, String)> = Vec::with_capacity(map.len());
        let mut size = 0;
        for (key, value) in map {
            let cell = json_cell(&value);
            size += key.len() + cell.len();
            if size > MAX_RECORD_BYTES {
                return Err(ImportError::RecordTooLarge {
                    line: position + 1,
                    max: MAX_RECORD_BYTES,
                });
            }
            let column = match index.get(&key) {
                Some(column) => *column,
                None => {
                    if headers.len() >= MAX_COLUMNS {
                        return Err(ImportError::TooManyColumns {
                            found: headers.len() + 1,
                            max: MAX_COLUMNS,
                        });
                    }
                    index.insert(key.clone(), headers.len());
                    headers.push(key);
                    headers.len() - 1
                }
            };
            cells.push((column, cell));
        }
        let mut row = vec![String::new(); headers.len()];
        for (column, cell) in cells {
            row[column] = cell;
        }
        rows.push(row);
    }
    Ok(Table { headers, rows })
}

/// A JSON value as one cell: numbers as written, lists joined with `|`, objects ignored.
fn json_cell(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Array(items) => items
            .iter()
            .filter(|item| !matches!(item, Value::Array(_) | Value::Object(_)))
            .map(json_cell)
            .filter(|cell| !cell.trim().is_empty())
            .collect::<Vec<_>>()
            .join("|"),
        Value::Null | Value::Object(_) => String::new(),
    }
}

fn json_error(error: serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    let (line, column) = (error.line(), error.column());
    match error.classify() {
        Category::Eof => ImportError::JsonTruncated { line, column },
        _ if error.to_string().contains("recursion limit") => ImportError::JsonTooDeep { line },
        Category::Syntax | Category::Io => ImportError::JsonSyntax { line, column },
        Category::Data => ImportError::NotArrayOfObjects,
    }
}

// --- CSV ------------------------------------------------------------------------------------

fn csv_table(text: &str) -> Result<Table, ImportError> {
    let header_end = text.find('\n').unwrap_or(text.len());
    if header_end > MAX_RECORD_BYTES {
        return Err(ImportError::RecordTooLarge {
            line: 1,
            max: MAX_RECORD_BYTES,
        });
    }
    let header = &text[..header_end];
    let delimiter = match delimiter(header) {
        Some(delimiter) => delimiter,
        None if is_known_column(header.trim().trim_matches('"')) => b',',
        None => return Err(ImportError::NotCsvOrJson),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(line, |position| position.line());
                return Err(ImportError::Csv {
                    line: usize::try_from(line).unwrap_or(usize::MAX),
                });
            }
        }
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                found: record.len(),
                max: MAX_COLUMNS,
            });
        }
        if record.as_slice().len() > MAX_RECORD_BYTES {
            return Err(ImportError::RecordTooLarge {
                line,
                max: MAX_RECORD_BYTES,
            });
        }
        match headers {
            None => {
                headers = Some(
                    record
                        .iter()
                        .map(|header| header.trim_start_matches('\u{feff}').trim().to_owned())
                        .collect(),
                );
            }
            Some(_) => {
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                rows.push(record.iter().map(str::to_owned).collect());
            }
        }
    }
    Ok(Table {
        headers: headers.unwrap_or_default(),
        rows,
    })
}

/// The most frequent of `,`, `;` and tab outside quotes in the header line.
fn delimiter(header: &str) -> Option<u8> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in header.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let (best, count) = counts.iter().enumerate().max_by_key(|(_, count)| **count)?;
    if *count == 0 {
        return None;
    }
    Some([b',', b';', b'\t'][best])
}

// --- Columns and format detection -----------------------------------------------------------

/// Columns of the v0.1 schema that v1 renamed, split or dropped.
const V0_ONLY: [&str; 8] = [
    "cle_ban",
    "courriel",
    "conditions_acces",
    "labels_nationaux",
    "publics_accueillis",
    "public_accueillis",
    "accessibilite",
    "labels_autres",
];

/// Columns that only exist in v1.
const V1_ONLY: [&str; 10] = [
    "courriels",
    "itinerance",
    "modalites_acces",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "formations_labels",
    "fiche_acces_libre",
    "autres_formations_labels",
];

/// data·inclusion v0 columns that the mediation standard does not have.
const DATA_INCLUSION_ONLY: [&str; 13] = [
    "siret",
    "thematiques",
    "structure_id",
    "antenne",
    "rna",
    "horaires_ouverture",
    "profils",
    "types",
    "frais",
    "lien_source",
    "labels_nat",
    "labels_autre",
    "frais_autres",
];

fn header_key(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .trim_matches('"')
        .trim()
        .to_lowercase()
}

fn is_known_column(header: &str) -> bool {
    standard_column(&header_key(header)).is_some()
}

/// The standard (v1 or v0.1) name a mediation-format header stands for.
fn standard_column(key: &str) -> Option<&'static str> {
    if key == "public_accueillis" {
        return Some("publics_accueillis");
    }
    crate::places::vocab::COLUMNS
        .iter()
        .chain(V0_ONLY.iter())
        .copied()
        .find(|column| *column == key)
}

/// The raw column a data·inclusion v0 key goes to (v0.1 names where the values are v0 slugs).
fn data_inclusion_column(key: &str) -> Option<&'static str> {
    Some(match key {
        "siret" => "pivot",
        "horaires_ouverture" => "horaires",
        "thematiques" => "services",
        "profils" => "publics_accueillis",
        "frais" => "conditions_acces",
        "types" => "modalites_accompagnement",
        "labels_nat" => "labels_nationaux",
        "labels_autre" => "labels_autres",
        "structure_id" => "structure_id",
        "rna" => "rna",
        _ => return standard_column(key),
    })
}

fn detect_standard(table: &Table) -> Result<Format, ImportError> {
    let keys: Vec<String> = table.headers.iter().map(|h| header_key(h)).collect();
    let has = |name: &str| keys.iter().any(|key| key == name);
    let mut data_inclusion = DATA_INCLUSION_ONLY.iter().filter(|name| has(name)).count();
    if keys.iter().any(|key| key.starts_with("_di_")) {
        data_inclusion += 10;
    }
    if data_inclusion >= 2 {
        return Ok(Format::DataInclusion);
    }
    if !keys.iter().any(|key| standard_column(key).is_some()) {
        return Err(no_recognised_columns(table));
    }
    let mut v1 = V1_ONLY.iter().filter(|name| has(name)).count();
    let mut v0 = V0_ONLY.iter().filter(|name| has(name)).count();
    // The services values tell the version apart when the columns are mixed.
    if let Some(column) = keys.iter().position(|key| key == "services") {
        let (mut votes_v1, mut votes_v0) = (0, 0);
        for row in table.rows.iter().take(200) {
            match values::services_version(row.get(column).map_or("", String::as_str)) {
                Some(true) => votes_v1 += 1,
                Some(false) => votes_v0 += 1,
                None => {}
            }
        }
        if votes_v1 > votes_v0 {
            v1 += 5;
        } else if votes_v0 > votes_v1 {
            v0 += 5;
        }
    }
    Ok(if v0 > v1 {
        Format::MediationV0
    } else {
        Format::MediationV1
    })
}

fn no_recognised_columns(table: &Table) -> ImportError {
    let mut found: Vec<&str> = table.headers.iter().map(String::as_str).take(10).collect();
    if table.headers.len() > 10 {
        found.push("…");
    }
    ImportError::NoRecognisedColumns {
        found: found.join(", "),
    }
}

/// Brings every row of `table` to standard column names. The cells are moved, not copied,
/// and each row of the table is freed once read.
fn to_raw_rows(
    table: Table,
    format: Format,
    notes: &mut Vec<String>,
) -> Result<Vec<RawRow>, ImportError> {
    match format {
        Format::FranceServices | Format::BfcTernum | Format::RhinOcc | Format::RegionSud => {
            return Ok(table
                .rows
                .iter()
                .enumerate()
                .map(|(index, row)| hubs::to_raw(format, &table, row, index + 1))
                .collect());
        }
        Format::Auto | Format::MediationV1 | Format::MediationV0 | Format::DataInclusion => {}
    }
    let plan: Vec<Option<&'static str>> = table
        .headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            if format == Format::DataInclusion {
                data_inclusion_column(&key)
            } else {
                standard_column(&key)
            }
        })
        .collect();
    if !plan
        .iter()
        .flatten()
        .any(|column| matches!(*column, "nom" | "adresse" | "commune" | "code_postal"))
    {
        return Err(no_recognised_columns(&table));
    }
    let mut ignored: Vec<&str> = Vec::new();
    let mut internal = false;
    for (header, column) in table.headers.iter().zip(&plan) {
        match column {
            None if header_key(header).starts_with("_di_") => internal = true,
            None => ignored.push(header),
            Some(_) => {}
        }
    }
    if !ignored.is_empty() {
        notes.push(format!(
            "Colonnes ignorées (hors du schéma des lieux de médiation numérique) : {}.",
            ignored.join(", ")
        ));
    }
    if internal {
        notes.push("Colonnes internes de data·inclusion (_di_…) ignorées.".to_owned());
    }
    let legacy: Vec<&str> = plan
        .iter()
        .flatten()
        .copied()
        .filter(|column| V0_ONLY.contains(column))
        .collect();
    if !legacy.is_empty() && format != Format::DataInclusion {
        notes.push(format!(
            "Colonnes de la version 0.1 du schéma lues et traduites en v1 : {}.",
            legacy.join(", ")
        ));
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    for (index, cells) in table.rows.into_iter().enumerate() {
        let mut raw = RawRow::new(index + 1);
        for (cell, column) in cells.into_iter().zip(&plan) {
            if let Some(column) = column {
                raw.take(column, cell);
            }
        }
        rows.push(raw);
    }
    Ok(rows)
}
