#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use std::path::PathBuf;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

fn options(format: Format) -> ImportOptions {
    ImportOptions { format, source: None, today: today() }
}

fn shared_data(path: &str) -> PathBuf {
    let mut roots = Vec::new();
    if let Ok(root) = std::env::var("RELAIS_SHARED_DATA") {
        roots.push(PathBuf::from(root));
    }
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    roots.push(PathBuf::from("/work/shared/data"));
    for root in &roots {
        if root.is_dir() {
            return root.join(path);
        }
    }
    panic!("shared data folder not found (tried {roots:?}); set RELAIS_SHARED_DATA");
}

#[test]
fn dump_counts() {
    for file in [
        "mediation-v1/2023-05-17_hub-du-sud_lieux-de-mediation-numerique_provence-alpes-cote-d-azur.json",
        "mediation-v1/2023-07-11_charente_lieux-de-mediation-numerique_nouvelle-aquitaine.json",
        "mediation-v0.1/data-inclusion_lieux-de-mediation-numerique_v0.1.json",
        "mediation-v0.1/hinaura_lieux-de-mediation-numerique_v0.1.json",
        "mediation-v0.1/le-havre_lieux-de-mediation-numerique_v0.1-like.json",
        "mediation-v0.1/aix-en-provence_lieux-de-mediation-numerique_v0.1-like.json",
        "data-inclusion/numi_structures_data-inclusion-v0.json",
        "data-inclusion/data-inclusion_services_v0.json",
        "schemas/standard-mediation-num/exemple-valide-v1.0.2.csv",
        "schemas/standard-mediation-num/exemple-valide-v0.1.1.csv",
    ] {
        let bytes = std::fs::read(shared_data(file)).unwrap();
        let start = std::time::Instant::now();
        let parsed = parse(&bytes, &options(Format::Auto), &mut |_, _| {}).unwrap();
        println!("{file}: {:?} rows={} A={} Fi={} Fl={} R={} in {:?}", parsed.format, parsed.rows.len(),
            parsed.count(Outcome::Accepted), parsed.count(Outcome::Fixed), parsed.count(Outcome::Flagged), parsed.count(Outcome::Refused), start.elapsed());
        for note in &parsed.notes { println!("  note: {note}"); }
        let mut msgs: std::collections::BTreeMap<String, usize> = Default::default();
        for row in &parsed.rows {
            for m in &row.messages {
                let key: String = m.chars().take(60).collect();
                *msgs.entry(key).or_default() += 1;
            }
        }
        let mut v: Vec<_> = msgs.into_iter().collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        for (m, n) in v.iter().take(25) { println!("    {n:5} {m}"); }
    }
}
