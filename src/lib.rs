//! Relais: the platform of a local digital-inclusion network and its permanences numériques.
//!
//! Module map (calls go downwards only):
//! - `cli` parses the command line and starts `serve`, `demo`, `migrate`, `create-admin`, `purge`.
//! - `config` holds the typed settings (every one is a `RELAIS_*` variable); `clock` is the only
//!   source of time, so tests can move it.
//! - `app` builds `AppState` and the router with its middleware (security headers, CSRF,
//!   request ids, tracing); `error` turns failures into clean French pages.
//! - `web` holds shared HTTP pieces: the page layout context, authentication extractors, static
//!   files, the home page and health probes.
//! - one folder per domain, each with `mod.rs` (its public operations), `model.rs` (pure rules),
//!   `store.rs` (its SQL) and `routes.rs` (thin handlers): `accounts`, `audit`, `organizations`,
//!   `network`, `places`, `permanences`, `charters`, `activities`, `diagnostic`, `referrals`,
//!   `workshops`, and for network life `news`, `prevention`, `members` (the members' directory),
//!   `meetings` (work sessions) and `resources` (the shared library).
//! - `stats` keeps daily rollups written with each record and reads them for the dashboard,
//!   the public page and the funders' reports, hiding small cells in what leaves staff pages.
//! - `privacy` is the guard every free-text field goes through: it refuses personal data and
//!   secrets (e-mail, phone, social-security, IBAN and card numbers, passwords and codes, dates
//!   of birth) with a French message saying where and why, and never logs the text.
//! - `storage` owns the database handle, migrations and the few SQLite/PostgreSQL differences.
//! - `jobs` holds the retention and clean-up jobs and their scheduler (once per period across
//!   servers, `job_runs`); `demo` seeds demo content;
//!   `mailer` sends e-mail when an SMTP relay is configured.
//! - `i18n` renders interface text from Fluent files (French first); `register` declares every
//!   table's personal data (the register of processing printed by `relais registre`).

pub mod accounts;
pub mod activities;
pub mod app;
pub mod audit;
pub mod charters;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod diagnostic;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod mailer;
pub mod meetings;
pub mod members;
pub mod network;
pub mod news;
pub mod organizations;
pub mod permanences;
pub mod places;
pub mod prevention;
pub mod privacy;
pub mod referrals;
pub mod register;
pub mod resources;
pub mod stats;
pub mod storage;
pub mod text;
pub mod web;
pub mod workshops;
