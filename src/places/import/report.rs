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
            crate::text::neutralise_formula(&row.source_id),
            crate::text::neutralise_formula(&row.name),
            row.outcome.label().to_owned(),
            crate::text::neutralise_formula(&row.messages.join(" ; ")),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
