//! Declares the app's own commands so that capabilities/main.json can allow exactly them: with
//! an app manifest, a command no capability names cannot be called from the page.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "search",
            "labels",
            "detail",
            "open_link",
            "add_local",
            "remove_local",
            "local_resources",
            "add_note",
            "set_favourite",
            "favourites",
            "export_sheet",
            "sheet_model",
            "sheet_text",
            "upcoming",
            "export_calendar",
            "export_ics",
            "export_booklet",
            "add_correction",
            "coverage",
            "dataset_status",
            "choose_dataset",
            "choose_bundled",
            "fetch_dataset",
            "apply_dataset",
            "rollback_dataset",
            "case_code_concerns",
            "add_referral",
            "update_referral",
            "referrals",
            "due_referrals",
            "erase_case",
        ]),
    ))
    .expect("failed to run tauri-build");
}
