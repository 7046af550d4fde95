//! The allocator of the `relais` binary: mimalloc, with freed memory given back to the system
//! at once.
//!
//! mimalloc (version 3, what `libmimalloc-sys` builds by default) keeps the pages a program
//! frees for a second before giving them back. When the search index is rebuilt beside the one being
//! served, the pages of the builder's transient tables and of each page of places read added
//! up: the rebuild of 100,000 places peaked at 166 MB instead of 133 MB, and a server at rest
//! held 112 MB instead of 101 MB, for the same search throughput (docs/performance.md).

pub use mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (`mimalloc.h`, the same number in
/// versions 2 and 3): milliseconds before freed memory is given back to the system.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

// Linked in by `mimalloc` (its `libmimalloc-sys` builds and links the C library).
#[allow(unsafe_code)]
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// Makes mimalloc give freed memory back to the system at once. Call it first thing in
/// `main`; it overrides `MIMALLOC_PURGE_DELAY` from the environment.
pub fn give_back_freed_memory_at_once() {
    // SAFETY: plain setters of the allocator's options (atomics in mimalloc), with a valid
    // option number and value.
    #[allow(unsafe_code)]
    unsafe {
        mi_option_set(MI_OPTION_PURGE_DELAY, 0)
    };
}

/// The purge delay in force, in milliseconds.
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: a plain getter of the allocator's options, with a valid option number.
    #[allow(unsafe_code)]
    let delay = unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
    delay
}

#[cfg(test)]
mod tests {
    use super::*;

    #[global_allocator]
    static ALLOCATOR: MiMalloc = MiMalloc;

    #[test]
    fn the_purge_delay_becomes_zero() {
        // mimalloc 3's default is 1000 ms: with a wrong option number, another option would
        // change and this one would still read 1000.
        assert_eq!(purge_delay(), 1000);
        give_back_freed_memory_at_once();
        assert_eq!(purge_delay(), 0);
        let freed: Vec<u8> = vec![1; 1 << 20];
        drop(freed);
    }
}
