//! The one integration-test binary. Every test gets its own fresh database: a SQLite file in
//! a temporary folder, or, when `TEST_DATABASE_URL` points at PostgreSQL, a `test_<random>`
//! database created there and dropped afterwards. `scripts/test` runs this binary on both.

// Test helpers outside `#[test]` functions panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod access;
mod accounts;
mod activities;
mod assets;
mod canary;
mod charters;
mod cli;
mod crash;
mod diagnostic;
mod hostile;
mod jobs;
mod meetings;
mod members;
mod news;
mod permanences;
mod places;
mod prevention;
mod referrals;
mod register;
mod resources;
mod servers;
mod sessions;
mod stats;
mod storage;
mod web;
mod workshops;
