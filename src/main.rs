//! The `relais` binary: everything lives in the library; this only hands over to the CLI.

/// mimalloc instead of the system allocator: the import and the search index allocate many
/// small strings, and glibc's allocator made imports about twice as slow and kept freed memory.
/// Built with `no_thp` (Cargo.toml): mimalloc does not ask for transparent huge pages, whose
/// 2 MB pages stayed resident when only part of them was in use (server RSS 135 → 115 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    relais::cli::main()
}
