//! The open-data importer (`relais import`): any bytes, read as a file in every format
//! (auto-detected, mediation v1 and v0, data·inclusion and the hub formats).
//!
//! Properties checked, beyond "no panic":
//! - the format reported is the one asked, or a concrete one when `auto` was asked;
//! - rows are numbered from 1 in increasing order, `data` is `None` exactly for refused rows,
//!   and every row not accepted as is says why;
//! - no two kept rows share a `(source, id)` pair;
//! - kept hours are empty or readable by `Hours::parse` unless flagged `HoursUnreadable`;
//! - progress never exceeds the total and ends at the total;
//! - the CSV report reads back with one line per row, five cells per line, and no cell a
//!   spreadsheet would run as a formula.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais::places::QualityFlag;
use relais::places::hours::Hours;
use relais::places::import::{Format, ImportOptions, Outcome, parse, write_report};
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("valid date");
    for format in Format::ALL {
        check(data, format, None, today);
    }
    // The `--source` option overrides every row's source.
    check(data, Format::Auto, Some("fuzz".to_owned()), today);
});

fn check(data: &[u8], format: Format, source: Option<String>, today: chrono::NaiveDate) {
    let options = ImportOptions {
        format,
        source: source.clone(),
        today,
    };
    let mut last = (0, 0);
    let mut progress = |done: usize, total: usize| {
        assert!(done <= total, "progress {done} of {total}");
        assert!(done >= last.0, "progress went back");
        last = (done, total);
    };
    let Ok(parsed) = parse(data, &options, &mut progress) else {
        return;
    };
    if format == Format::Auto {
        assert_ne!(parsed.format, Format::Auto);
    } else {
        assert_eq!(parsed.format, format);
    }
    if !parsed.rows.is_empty() {
        assert_eq!(last, (parsed.rows.len(), parsed.rows.len()));
    }
    let mut previous = 0;
    let mut kept = HashSet::new();
    for row in &parsed.rows {
        assert!(row.number > previous, "row numbers must increase");
        previous = row.number;
        assert_eq!(row.data.is_none(), row.outcome == Outcome::Refused);
        if row.outcome != Outcome::Accepted {
            assert!(!row.messages.is_empty(), "row {} says nothing", row.number);
        }
        if let Some(data) = &row.data {
            if let Some(source) = &source {
                assert_eq!(&data.record.source, source);
            }
            assert!(
                kept.insert((data.record.source.clone(), data.record.id.clone())),
                "duplicate id kept"
            );
            let hours = &data.record.horaires;
            if !hours.is_empty() && !data.flags.contains(&QualityFlag::HoursUnreadable) {
                assert!(
                    Hours::parse(hours).is_ok(),
                    "kept hours unreadable: {hours:?}"
                );
            }
        }
    }
    let mut report = Vec::new();
    write_report(&parsed.rows, &mut report).expect("writing to memory");
    let body = report
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the report starts with a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(body);
    let mut lines = 0;
    for record in reader.records() {
        let record = record.expect("the report reads back");
        assert_eq!(record.len(), 5);
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
        lines += 1;
    }
    assert_eq!(lines, parsed.rows.len());
}
