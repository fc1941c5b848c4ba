// mimalloc: loading a warm index is allocation-bound (thousands of small
// strings per journal); it halves that cost against the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    infoview::huge_pages(false);
    infoview::main()
}
