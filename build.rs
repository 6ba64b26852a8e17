//! Checks that the PDF fonts are in place before `include_bytes!` would fail with a bare "file not
//! found": it is fetched by `scripts/setup.sh` (see `scripts/fonts.sh`), not kept in git.

fn main() {
    for font in [
        "NotoSansJP-Regular.ttf",
        "NotoSansJP-Bold.ttf",
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSansSC-Regular.ttf",
        "NotoSansKR-Regular.ttf",
    ] {
        let path = std::path::Path::new("assets/fonts").join(font);
        println!("cargo::rerun-if-changed={}", path.display());
        if !path.is_file() {
            println!(
                "cargo::error=assets/fonts/{font} is missing: run `bash scripts/setup.sh` (it fetches the Noto Sans fonts from the npm registry)"
            );
        }
    }
}
