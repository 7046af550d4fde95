//! The one source of "now". Handlers, jobs and stores receive time from here so that tests can
//! freeze it and move it forward (session expiry, invitation expiry, retention).

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

/// A clock: the system clock in production, a manual one in tests and benchmarks.
#[derive(Clone, Debug)]
pub struct Clock(ClockKind);

#[derive(Clone, Debug)]
enum ClockKind {
    System,
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    pub fn system() -> Self {
        Self(ClockKind::System)
    }

    /// A clock frozen at `start`; it only moves through [`Clock::advance`].
    pub fn manual(start: DateTime<Utc>) -> Self {
        Self(ClockKind::Manual(Arc::new(Mutex::new(start))))
    }

    /// The current instant, truncated to whole seconds (timestamps are stored at that precision).
    pub fn now(&self) -> DateTime<Utc> {
        let now = match &self.0 {
            // The single place where the wall clock is read.
            #[allow(clippy::disallowed_methods)]
            ClockKind::System => Utc::now(),
            ClockKind::Manual(at) => *at.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        };
        DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
    }

    /// Moves a manual clock forward; does nothing to the system clock.
    pub fn advance(&self, by: Duration) {
        if let ClockKind::Manual(at) = &self.0 {
            let mut at = at.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            *at += by;
        }
    }
}
