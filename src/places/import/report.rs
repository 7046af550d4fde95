//! The import report: one CSV line per row, for staff to open in a spreadsheet.

use super::ImportRow;
use std::io::Write;

/// Writes the report as CSV (UTF-8 with BOM, `;`-separated, as French spreadsheets expect):
/// `ligne;identifiant;nom;resultat;details`.
pub fn write_report<W: Write>(rows: &[ImportRow], mut out: W) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(["ligne", "identifiant", "nom", "resultat", "details"])?;
    for row in rows {
        writer.write_record([
            row.number.to_string(),
            neutralise(&row.source_id),
            neutralise(&row.name),
            row.outcome.label().to_owned(),
            neutralise(&row.messages.join(" ; ")),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// Prefixes cells a spreadsheet would run as a formula with an apostrophe.
fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
