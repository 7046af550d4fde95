//! Template structs of the referral pages: the list (or the coordinator's counts), the
//! two-step form, one referral, the slip's print view, the desk's code page and the partner's
//! link page.

use super::model::{self, ContactWay, State};
use super::slip::Slip;
use super::{Referral, Side};
use crate::web::PageContext;
use crate::web::page::Choice;
use askama::Template;
use chrono::{DateTime, Utc};

fn day_of(at: DateTime<Utc>) -> String {
    crate::places::views::french_date(crate::permanences::today(at))
}

/// One referral as a row of a list.
pub struct Row {
    pub id: i64,
    pub date: String,
    pub from: String,
    pub to: String,
    pub need: String,
    pub state: String,
    pub reminder: bool,
}

impl Row {
    pub fn new(ctx: &PageContext, referral: &Referral, now: DateTime<Utc>) -> Self {
        let state = referral.state_at(now);
        Self {
            id: referral.id.0,
            date: day_of(referral.created_at),
            from: referral.origin_name.clone(),
            to: referral.destination_name.clone(),
            need: referral.data.categories.join(", "),
            state: ctx.t(state.label_key()),
            reminder: model::needs_reminder(state, referral.created_at, now),
        }
    }
}

#[derive(Template)]
#[template(path = "referrals/list.html")]
pub struct ListPage {
    pub ctx: PageContext,
    /// Coordinators without an organisation see counts only.
    pub counts: Option<Vec<(String, i64)>>,
    pub reminders: Vec<Row>,
    pub incoming: Vec<Row>,
    pub outgoing: Vec<Row>,
}

/// What the form shows about the chosen destination.
pub struct DestinationPanel {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub is_partner: bool,
    pub services: Vec<String>,
    pub next_permanences: Vec<String>,
    pub hours: Vec<String>,
}

impl DestinationPanel {
    pub fn from_slip(id: i64, is_partner: bool, services: Vec<String>, slip: &Slip) -> Self {
        Self {
            id,
            name: slip.place_name.clone(),
            address: slip.address.clone(),
            is_partner,
            services,
            next_permanences: slip.next_permanences.clone(),
            hours: slip.hours.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "referrals/form.html")]
pub struct FormPage {
    pub ctx: PageContext,
    /// Step 1: the places of the network, then the partners.
    pub network_places: Vec<Choice>,
    pub partners: Vec<Choice>,
    /// Step 2, once a destination is chosen.
    pub destination: Option<DestinationPanel>,
    pub categories: Vec<Choice>,
    pub shares: Vec<Choice>,
    pub contact_ways: Vec<Choice>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl FormPage {
    pub fn consent_is(&self, value: &str) -> bool {
        self.value("accord") == value
    }
}

/// Builds the choices of the form from what was typed.
pub fn form_choices(
    ctx: &PageContext,
    values: &[(String, String)],
) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let chosen = |name: &str, value: &str| values.iter().any(|(k, v)| k == name && v == value);
    let categories = crate::places::vocab::SERVICES
        .options()
        .into_iter()
        .map(|(slug, label)| Choice {
            checked: chosen("categories", &slug),
            value: slug,
            label: label.to_owned(),
        })
        .collect();
    let shares = [
        ("prenom", "referrals-share-name"),
        ("contact", "referrals-share-contact"),
        ("besoin", "referrals-share-need"),
    ]
    .iter()
    .map(|(value, key)| Choice {
        value: (*value).to_owned(),
        label: ctx.t(key),
        checked: chosen("partage", value),
    })
    .collect();
    let ways = ContactWay::ALL
        .iter()
        .map(|way| Choice {
            value: way.as_str().to_owned(),
            label: ctx.t(way.label_key()),
            checked: chosen("contact_mode", way.as_str()),
        })
        .collect();
    (categories, shares, ways)
}

/// What one referral page shows, already filtered by side.
pub struct Details {
    pub id: i64,
    pub state: String,
    pub is_open: bool,
    pub created: String,
    pub origin: String,
    pub sender: String,
    pub destination: String,
    pub categories: Vec<String>,
    /// Empty when not to be shown.
    pub need: String,
    pub consent: String,
    pub first_name: String,
    pub contact: String,
    pub contact_way: String,
    pub refusal_reason: String,
    pub code: String,
    pub purged: bool,
}

impl Details {
    /// The sender's side sees all it typed; the destination what the person consented to.
    pub fn new(ctx: &PageContext, referral: &Referral, side: Side, now: DateTime<Utc>) -> Self {
        let state = referral.state_at(now);
        let consent = referral.data.consent.as_ref();
        let sender_side = side.is_sender();
        let (contact_way, contact) = match consent.and_then(|c| c.contact.as_ref()) {
            Some((way, contact)) => (
                ctx.t(way.label_key()),
                model::display_contact(*way, contact),
            ),
            None => (String::new(), String::new()),
        };
        let consent_text = match (consent, referral.consent_at, referral.consent_until) {
            (Some(_), Some(at), Some(until)) => ctx.t_args2(
                "referrals-consent-given",
                "date",
                day_of(at),
                "until",
                day_of(until),
            ),
            _ => ctx.t("referrals-consent-none"),
        };
        Self {
            id: referral.id.0,
            state: ctx.t(state.label_key()),
            is_open: state.is_open(),
            created: day_of(referral.created_at),
            origin: referral.origin_name.clone(),
            sender: referral.sender_name.clone(),
            destination: referral.destination_name.clone(),
            categories: referral.data.categories.clone(),
            need: if sender_side || consent.is_some_and(|c| c.need) {
                referral.data.need.clone()
            } else {
                String::new()
            },
            consent: consent_text,
            first_name: consent.map(|c| c.first_name.clone()).unwrap_or_default(),
            contact,
            contact_way,
            refusal_reason: referral.refusal_reason.clone(),
            code: if sender_side {
                referral
                    .code
                    .as_deref()
                    .map(model::display_code)
                    .unwrap_or_default()
            } else {
                String::new()
            },
            purged: referral.purged_at.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "referrals/show.html")]
pub struct ShowPage {
    pub ctx: PageContext,
    pub details: Details,
    pub is_sender: bool,
    pub is_destination: bool,
    /// A partner without an account: the link's expiry, and a fresh link to pass on.
    pub needs_link: bool,
    pub link_until: Option<String>,
    pub new_link: Option<String>,
    pub link_emailed: bool,
    pub reason_error: Option<String>,
    pub reason: String,
}

impl ShowPage {
    pub fn can_answer(&self) -> bool {
        self.is_destination && self.details.is_open
    }

    pub fn can_cancel(&self) -> bool {
        self.is_sender && self.details.is_open
    }
}

#[derive(Template)]
#[template(path = "referrals/slip.html")]
pub struct SlipPage {
    pub ctx: PageContext,
    pub id: i64,
    pub slip: Slip,
    pub qr_data_uri: String,
}

#[derive(Template)]
#[template(path = "referrals/code.html")]
pub struct CodePage {
    pub ctx: PageContext,
    pub code: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "referrals/link.html")]
pub struct LinkPage {
    pub ctx: PageContext,
    pub token: String,
    pub details: Details,
    pub reason_error: Option<String>,
    pub reason: String,
    /// The answer just given, or the state of an already closed referral.
    pub message: Option<String>,
}

#[derive(Template)]
#[template(path = "referrals/link_gone.html")]
pub struct LinkGonePage {
    pub ctx: PageContext,
    pub message: String,
}

/// The French name of a state.
pub fn state_label(ctx: &PageContext, state: State) -> String {
    ctx.t(state.label_key())
}

crate::refillable_form!(FormPage);
