//! Windows only: the window is drawn by the Microsoft Edge WebView2 runtime, which Windows 10
//! and 11 carry. On a PC without it the app would fail with nothing on screen (a GUI program
//! has no console), so it says in Japanese what to ask for instead. Nothing is downloaded.

use webview2_com::Microsoft::Web::WebView2::Win32::GetAvailableCoreWebView2BrowserVersionString;
use windows::Win32::UI::WindowsAndMessaging::{MB_ICONWARNING, MB_OK, MessageBoxW};
use windows::core::{HSTRING, PCWSTR, PWSTR};

/// Whether an installed WebView2 runtime can be found (machine-wide or per-user, Evergreen or
/// a fixed version the loader knows).
pub fn runtime_present() -> bool {
    let mut version = PWSTR::null();
    // SAFETY: the loader writes a string it allocated with CoTaskMemAlloc (or nothing) into
    // `version`; `take_pwstr` copies it and frees it.
    let found =
        unsafe { GetAvailableCoreWebView2BrowserVersionString(PCWSTR::null(), &mut version) }
            .is_ok();
    if version.is_null() {
        return false;
    }
    found && !webview2_com::take_pwstr(version).is_empty()
}

/// Tells the user, in a message box, that the runtime is missing and what to do.
pub fn explain_missing_runtime() {
    let text = HSTRING::from(
        "つなぐの画面の表示に必要な Microsoft Edge WebView2 ランタイムが、このパソコンに見つかりません。\n\n\
         情報システムの担当者に「WebView2 Evergreen ランタイム」の導入を依頼してください（Windows 10・11 には通常入っています）。\n\n\
         それまでは、同じフォルダのコマンド版 tsunagu.exe で検索や紹介シートの作成ができます。",
    );
    let caption = HSTRING::from("つなぐ");
    // SAFETY: both strings live until the call returns; no owner window.
    unsafe {
        MessageBoxW(None, &text, &caption, MB_OK | MB_ICONWARNING);
    }
}
