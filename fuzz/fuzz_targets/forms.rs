//! Form parsing: any bytes as an `application/x-www-form-urlencoded` body, decoded into
//! name/value pairs the way the `Form` extractor does (`form_urlencoded`), then given to every
//! form reader of the crate: places, permanences, activities, news, referrals, prevention
//! sheets, meetings, resources, organizations, workshops and workshop registrations.
//!
//! Properties checked, beyond "no panic":
//! - the place form keeps hours it can read: an expert string that changed parses, a grid
//!   gives a string that parses; an accepted place shown again in the form (`from_place`) and
//!   posted unchanged gives the same place (hours written the canonical way);
//! - permanences, activities and news: accepted data written back by `form_pairs` and posted
//!   again is accepted and unchanged (a permanence's rule may be rewritten to the form's own
//!   spelling, then it is stable);
//! - the other readers: text limits hold on what they accept.
#![no_main]

use chrono::{DateTime, NaiveDate, Utc};
use libfuzzer_sys::fuzz_target;
use relais::places::form::{FormValues, PlaceFormOutput, parse_place_form};
use relais::places::hours::{Hours, WeeklySchedule};
use relais::places::{Place, PlaceId};

fuzz_target!(|data: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 6, 10).expect("valid date");
    place(&pairs);
    permanence(&pairs);
    activity(&pairs, today);
    news(&pairs);
    others(&pairs, today);
});

const ORGANIZATIONS: [i64; 2] = [1, 2];

fn place(pairs: &[(String, String)]) {
    let values = FormValues::from_pairs(pairs.to_vec());
    for (may_choose, current) in [(true, None), (false, Some(7))] {
        let Ok(output) = parse_place_form(&values, &ORGANIZATIONS, may_choose, current) else {
            continue;
        };
        let record = &output.data.record;
        assert!(!record.nom.is_empty() && record.nom.chars().count() <= 300);
        let raw = values.get("horaires_osm");
        let origin = values.get("horaires_origine");
        if raw != origin {
            assert_eq!(record.horaires, raw);
        }
        let from_grid = raw == origin && record.horaires != origin;
        if (raw != origin || from_grid) && !record.horaires.is_empty() {
            assert!(
                Hours::parse(&record.horaires).is_ok(),
                "kept unreadable hours {:?}",
                record.horaires
            );
        }
        if may_choose {
            assert!(
                output
                    .organization_id
                    .is_none_or(|id| ORGANIZATIONS.contains(&id))
            );
        } else {
            assert_eq!(output.organization_id, current);
        }
        // Shown again in the edit form and posted unchanged.
        let shown = FormValues::from_place(&as_place(&output));
        let again = parse_place_form(&shown, &ORGANIZATIONS, may_choose, current)
            .unwrap_or_else(|errors| panic!("{output:?} shown again is refused: {errors:?}"));
        let mut expected = output.clone();
        expected.data.record.horaires = WeeklySchedule::from_osm(&record.horaires)
            .map_or_else(|| record.horaires.clone(), |schedule| schedule.to_osm());
        assert_eq!(again, expected);
    }
}

fn as_place(output: &PlaceFormOutput) -> Place {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    Place {
        id: PlaceId(1),
        organization_id: output.organization_id,
        kind: output.kind,
        visibility: output.visibility,
        record: output.data.record.clone(),
        equipment: output.data.equipment.clone(),
        hours_note: output.data.hours_note.clone(),
        flags: output.data.flags.clone(),
        closures: Vec::new(),
        last_confirmed_at: None,
        created_at: epoch,
        updated_at: epoch,
    }
}

fn permanence(pairs: &[(String, String)]) {
    use relais::permanences::model::{NOTE_MAX_CHARS, TITLE_MAX_CHARS, form_pairs, parse_form};
    let Ok(data) = parse_form(pairs) else {
        return;
    };
    assert!(data.title.chars().count() <= TITLE_MAX_CHARS);
    assert!(data.public_note.chars().count() <= NOTE_MAX_CHARS);
    let again = parse_form(&form_pairs(&data))
        .unwrap_or_else(|errors| panic!("{data:?} written back is refused: {errors:?}"));
    let mut expected = data.clone();
    expected.schedule.rule = again.schedule.rule.clone();
    assert_eq!(again, expected);
    assert_eq!(parse_form(&form_pairs(&again)).as_ref(), Ok(&again));
}

fn activity(pairs: &[(String, String)], today: NaiveDate) {
    use relais::activities::model::{form_pairs, parse_form};
    let Ok(data) = parse_form(pairs, today) else {
        return;
    };
    assert!(data.on_date <= today);
    let again = parse_form(&form_pairs(&data), today)
        .unwrap_or_else(|errors| panic!("{data:?} written back is refused: {errors:?}"));
    assert_eq!(again, data);
}

fn news(pairs: &[(String, String)]) {
    use relais::news::model::{form_pairs, parse_form};
    let Ok(data) = parse_form(pairs) else {
        return;
    };
    if let (Some(start), Some(end)) = (data.starts_at, data.ends_at) {
        assert!(start < end, "an event ends before it starts: {data:?}");
    }
    let again = parse_form(&form_pairs(&data))
        .unwrap_or_else(|errors| panic!("{data:?} written back is refused: {errors:?}"));
    assert_eq!(again, data);
}

fn others(pairs: &[(String, String)], today: NaiveDate) {
    let _ = relais::referrals::model::parse_form(pairs);
    let _ = relais::prevention::model::parse_form("fiche-test", pairs);
    let _ = relais::meetings::model::parse_form(pairs);
    let _ = relais::resources::model::parse_info(pairs);
    let _ = relais::organizations::model::parse_form(pairs);
    if let Ok(workshop) = relais::workshops::model::parse_form(pairs, today) {
        let _ = workshop.end();
    }
    let _ = relais::workshops::model::parse_registration(pairs);
}
