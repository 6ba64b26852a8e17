// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(windows)]
    if !tsunagu_desktop::webview2::runtime_present() {
        tsunagu_desktop::webview2::explain_missing_runtime();
        return;
    }
    tsunagu_desktop::run();
}
