//! The `relais` binary: everything lives in the library; this only hands over to the CLI.

/// mimalloc instead of the system allocator: the import and the search index allocate many
/// small strings, and glibc's allocator made imports about twice as slow and kept freed memory.
/// `relais-alloc` builds it without transparent huge pages and gives freed memory back at once.
#[global_allocator]
static ALLOCATOR: relais_alloc::MiMalloc = relais_alloc::MiMalloc;

fn main() -> std::process::ExitCode {
    relais_alloc::give_back_freed_memory_at_once();
    relais::cli::main()
}
