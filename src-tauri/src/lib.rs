//! つなぐ desktop: a Tauri shell over the `tsunagu` core. Each command is a few lines that call
//! the core; everything the app knows about resources, search, schedules and sheets lives there.

mod commands;
mod error;
mod state;
#[cfg(windows)]
pub mod webview2;

pub use error::{CommandError, ErrorCode};
pub use state::AppState;

use tauri::Manager;

/// Starts the app: opens (on first start, creates from the bundled dataset) the catalogue in the
/// platform's data folder, or in `TSUNAGU_DB` when set, and shows the main window.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let state = AppState::open(state::catalogue_path()?)?;
            app.manage(state);
            // The first keystroke should not pay for a cold index: warm it while the window
            // opens.
            let handle = app.handle().clone();
            std::thread::spawn(move || handle.state::<AppState>().directory().warm_up());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::search::search,
            commands::search::labels,
            commands::resources::detail,
            commands::resources::open_link,
            commands::resources::add_local,
            commands::resources::remove_local,
            commands::resources::local_resources,
            commands::notes::add_note,
            commands::notes::set_favourite,
            commands::notes::favourites,
            commands::sheets::export_sheet,
            commands::sheets::sheet_model,
            commands::sheets::sheet_text,
            commands::handouts::upcoming,
            commands::handouts::export_calendar,
            commands::handouts::export_ics,
            commands::handouts::export_booklet,
            commands::workbench::add_correction,
            commands::workbench::coverage,
            commands::dataset::dataset_status,
            commands::dataset::choose_dataset,
            commands::dataset::choose_bundled,
            commands::dataset::fetch_dataset,
            commands::dataset::apply_dataset,
            commands::dataset::rollback_dataset,
            commands::referrals::case_code_concerns,
            commands::referrals::add_referral,
            commands::referrals::update_referral,
            commands::referrals::referrals,
            commands::referrals::due_referrals,
            commands::referrals::erase_case,
        ])
        .run(tauri::generate_context!())
        .expect("つなぐを起動できませんでした");
}
