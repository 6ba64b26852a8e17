// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The same allocator as the CLI's: importing an edition and searching a large catalogue
/// allocate many small strings, which mimalloc serves much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    #[cfg(windows)]
    if !tsunagu_desktop::webview2::runtime_present() {
        tsunagu_desktop::webview2::explain_missing_runtime();
        return;
    }
    tsunagu_desktop::run();
}
