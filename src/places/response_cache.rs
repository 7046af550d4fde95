//! Serialized answers of public searches (`/api/v1/lieux`, and `/lieux` for visitors who are
//! not logged in), keyed by the raw query string.
//!
//! An answer depends on three things only: the query, the index snapshot and the minute
//! (`Snapshot::search` computes statuses and "open now" at the start of the current minute,
//! and opening hours change state only on minute boundaries). So every held answer is valid
//! for one [`Validity`] (index revision, minute): a lookup with another validity misses, and
//! the first answer stored for a new validity drops all the others. The cache is bounded by
//! the bytes it holds: once full, it keeps no new answer until it is emptied for the next
//! minute or revision. (Evicting the oldest answers instead would miss every time on a
//! repeated sequence of searches slightly larger than the cache.)

use axum::body::Bytes;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::RwLock;

/// Bytes held at most by the search response cache of a server (answers, keys and
/// bookkeeping). A page of 20 API results is about 7 KB: this keeps about 2,300 of them.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Bookkeeping per answer, counted in the byte bound: the key's allocation, the map slot
/// and the `Bytes` handle.
const ENTRY_OVERHEAD: usize = 96;

/// Which answer of a query string: the JSON of the API or the HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Api = 0,
    Page = 1,
}

/// What a held answer was computed from, besides its query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    pub revision: i64,
    /// Minutes since the Unix epoch (Paris is a whole number of hours off UTC, so UTC minutes
    /// and local minutes start at the same instants).
    pub minute: i64,
}

impl Validity {
    pub fn new(revision: i64, now: DateTime<Utc>) -> Self {
        Self {
            revision,
            minute: now.timestamp().div_euclid(60),
        }
    }
}

pub struct ResponseCache {
    max_bytes: usize,
    inner: RwLock<Inner>,
    /// Set while a new index is built (nothing is kept then).
    paused: std::sync::atomic::AtomicBool,
}

#[derive(Default)]
struct Inner {
    validity: Option<Validity>,
    bytes: usize,
    answers: [HashMap<Box<str>, Bytes>; 2],
}

impl Inner {
    fn reset(&mut self, validity: Option<Validity>) {
        *self = Inner {
            validity,
            ..Inner::default()
        };
    }
}

fn cost(query: &str, body: &Bytes) -> usize {
    query.len() + body.len() + ENTRY_OVERHEAD
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_BYTES)
    }
}

impl ResponseCache {
    /// A cache holding at most `max_bytes` (0 disables it).
    pub fn new(max_bytes: usize) -> Self {
        Self {
            max_bytes,
            inner: RwLock::new(Inner::default()),
            paused: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Empties the cache and keeps nothing new until [`ResponseCache::resume`]: while a new
    /// index is built beside the served one, its memory goes to the new index.
    pub fn pause(&self) {
        self.paused.store(true, std::sync::atomic::Ordering::SeqCst);
        self.clear();
    }

    pub fn resume(&self) {
        self.paused
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// The answer held for `query`, if it was computed with `validity`.
    pub fn get(&self, kind: Kind, query: &str, validity: Validity) -> Option<Bytes> {
        let inner = self.inner.read().ok()?;
        if inner.validity != Some(validity) {
            return None;
        }
        inner.answers[kind as usize].get(query).cloned()
    }

    /// Keeps `body` as the answer to `query` computed with `validity`, unless that would pass
    /// the bound. Answers of any other validity are dropped first.
    pub fn insert(&self, kind: Kind, query: &str, validity: Validity, body: Bytes) {
        let cost = cost(query, &body);
        if cost > self.max_bytes || self.paused.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let Ok(mut inner) = self.inner.write() else {
            return;
        };
        if inner.validity != Some(validity) {
            inner.reset(Some(validity));
        }
        if inner.bytes + cost > self.max_bytes || inner.answers[kind as usize].contains_key(query) {
            return;
        }
        inner.answers[kind as usize].insert(query.into(), body);
        inner.bytes += cost;
    }

    /// Drops every answer (the index was replaced).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.write() {
            inner.reset(None);
        }
    }

    /// Bytes counted against the bound.
    pub fn bytes(&self) -> usize {
        self.inner.read().map_or(0, |inner| inner.bytes)
    }

    /// Number of answers held.
    pub fn len(&self) -> usize {
        self.inner
            .read()
            .map_or(0, |inner| inner.answers.iter().map(HashMap::len).sum())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(revision: i64, minute: i64) -> Validity {
        Validity { revision, minute }
    }

    fn body(size: usize, fill: u8) -> Bytes {
        Bytes::from(vec![fill; size])
    }

    #[test]
    fn an_answer_is_found_only_for_its_kind_query_revision_and_minute() {
        let cache = ResponseCache::new(10_000);
        cache.insert(Kind::Api, "commune=cognac", at(3, 100), body(10, b'a'));
        assert_eq!(
            cache.get(Kind::Api, "commune=cognac", at(3, 100)),
            Some(body(10, b'a'))
        );
        assert_eq!(cache.get(Kind::Page, "commune=cognac", at(3, 100)), None);
        assert_eq!(cache.get(Kind::Api, "commune=Cognac", at(3, 100)), None);
        assert_eq!(cache.get(Kind::Api, "commune=cognac", at(4, 100)), None);
        assert_eq!(cache.get(Kind::Api, "commune=cognac", at(3, 101)), None);
        assert_eq!(cache.get(Kind::Api, "commune=cognac", at(3, 99)), None);
    }

    #[test]
    fn an_answer_of_a_new_minute_or_revision_drops_the_others() {
        let cache = ResponseCache::new(10_000);
        cache.insert(Kind::Api, "a", at(3, 100), body(10, b'a'));
        cache.insert(Kind::Page, "b", at(3, 100), body(10, b'b'));
        assert_eq!(cache.len(), 2);
        cache.insert(Kind::Api, "c", at(3, 101), body(10, b'c'));
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.bytes(), cost("c", &body(10, b'c')));
        cache.insert(Kind::Api, "a", at(4, 101), body(10, b'a'));
        assert_eq!(cache.get(Kind::Api, "c", at(4, 101)), None);
        assert_eq!(cache.len(), 1);
        cache.clear();
        assert!(cache.is_empty());
        assert_eq!(cache.bytes(), 0);
        assert_eq!(cache.get(Kind::Api, "a", at(4, 101)), None);
    }

    #[test]
    fn the_byte_bound_holds_and_a_full_cache_keeps_what_it_has_until_the_next_minute() {
        let entry = cost("q=00", &body(1000, b'x'));
        let cache = ResponseCache::new(entry * 5 + entry / 2);
        for i in 0..20 {
            cache.insert(Kind::Api, &format!("q={i:02}"), at(1, 1), body(1000, b'x'));
            assert!(cache.bytes() <= cache.max_bytes(), "{}", cache.bytes());
        }
        assert_eq!(cache.len(), 5);
        assert_eq!(cache.bytes(), entry * 5);
        for i in 0..5 {
            assert!(
                cache
                    .get(Kind::Api, &format!("q={i:02}"), at(1, 1))
                    .is_some()
            );
        }
        for i in 5..20 {
            assert_eq!(cache.get(Kind::Api, &format!("q={i:02}"), at(1, 1)), None);
        }
        // Storing the same query twice counts it once.
        cache.insert(Kind::Api, "q=00", at(1, 1), body(1000, b'x'));
        assert_eq!(cache.bytes(), entry * 5);
        // An answer larger than the whole bound is never kept.
        cache.insert(Kind::Api, "big", at(1, 2), body(entry * 6, b'x'));
        assert_eq!(cache.get(Kind::Api, "big", at(1, 2)), None);
        // The next minute starts empty.
        cache.insert(Kind::Api, "q=19", at(1, 3), body(1000, b'x'));
        assert_eq!(cache.len(), 1);
        assert!(cache.get(Kind::Api, "q=19", at(1, 3)).is_some());
    }

    #[test]
    fn a_cache_of_zero_bytes_keeps_nothing() {
        let cache = ResponseCache::new(0);
        cache.insert(Kind::Api, "", at(1, 1), Bytes::new());
        assert_eq!(cache.get(Kind::Api, "", at(1, 1)), None);
        assert_eq!(cache.bytes(), 0);
    }

    #[test]
    fn a_paused_cache_keeps_nothing_until_resumed() {
        let cache = ResponseCache::new(1 << 20);
        let validity = at(1, 100);
        cache.insert(Kind::Api, "a=1", validity, Bytes::from_static(b"un"));
        cache.pause();
        assert!(cache.is_empty());
        cache.insert(Kind::Api, "a=2", validity, Bytes::from_static(b"deux"));
        assert!(cache.is_empty());
        cache.resume();
        cache.insert(Kind::Api, "a=2", validity, Bytes::from_static(b"deux"));
        assert_eq!(cache.len(), 1);
    }
}
