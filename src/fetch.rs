//! Fetching a published edition, and only when a person asks for it (`update --from-url`, the
//! データ screen's 新しい版を確認). Counsellors work on closed networks and trust the program not
//! to talk to anyone behind their back, so nothing here runs on its own, and nothing is
//! contacted but the folder the person named: its `dataset.json`, the CSV that file names in the
//! same folder, and the two signatures. Everything lands in a temporary folder; the catalogue is
//! touched only by the ordinary update that follows, after the same checks as a file on disk.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

use crate::dataset::signature::signature_path;
use crate::dataset::{DatasetMeta, MAX_FILE_BYTES};
use crate::error::{Error, Result};
use crate::workbench::publish::{CSV_FILE, META_FILE};

/// The largest `dataset.json` or signature taken: they are a few hundred bytes.
const MAX_SMALL_BYTES: u64 = 1024 * 1024;

/// How patient a fetch is.
#[derive(Clone, Copy, Debug)]
pub struct FetchOptions {
    /// The longest a whole request may take, connection included.
    pub timeout: Duration,
}

impl Default for FetchOptions {
    /// Thirty seconds: enough for a 60 MB edition on a slow office line, short enough that a
    /// firewall that drops packets answers with a message rather than a frozen window.
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
        }
    }
}

/// A published edition brought into a temporary folder, laid out as `tsunagu publish` wrote
/// it, ready for [`Directory::prepare_fetched`](crate::Directory::prepare_fetched).
#[derive(Debug)]
pub struct Fetched {
    /// The dataset.json it was found through (recorded as where the edition came from).
    pub url: String,
    /// The edition's description as published (checked against its signature later).
    pub meta: DatasetMeta,
    /// The CSV inside [`Fetched::folder`].
    pub csv: PathBuf,
    folder: tempfile::TempDir,
}

impl Fetched {
    /// The temporary folder, removed when this value is dropped.
    pub fn folder(&self) -> &Path {
        self.folder.path()
    }
}

/// The dataset.json a person's URL names: the URL itself, or `dataset.json` inside it when it
/// names a folder (ends in `/`). Only http and https are accepted.
pub fn meta_url(url: &str) -> Result<Url> {
    let bad = |reason: &str| Error::Fetch {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = Url::parse(url.trim())
        .map_err(|_| bad("URL として読めません（例: https://example.jp/tsunagu/dataset.json）"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("http または https の URL を指定してください"));
    }
    if parsed.path().ends_with('/') {
        return parsed
            .join(META_FILE)
            .map_err(|_| bad("URL として読めません"));
    }
    Ok(parsed)
}

/// Fetches dataset.json at `url`, its signature, the CSV it names (in the same folder) and the
/// CSV's signature. Signatures are checked by the update that follows, not here: a file that
/// is missing, cut short, too large or late is refused here with what went wrong.
pub fn fetch_edition(url: &str, options: &FetchOptions) -> Result<Fetched> {
    let meta_url = meta_url(url)?;
    let agent = agent(options);
    let folder = tempfile::Builder::new()
        .prefix("tsunagu-fetch-")
        .tempdir()
        .map_err(|e| Error::Write(format!("一時フォルダを作れません: {e}")))?;

    let meta_path = folder.path().join(META_FILE);
    download(&agent, &meta_url, &meta_path, MAX_SMALL_BYTES, options)?;
    let meta_text = std::fs::read_to_string(&meta_path).map_err(|_| Error::Fetch {
        url: meta_url.to_string(),
        reason: "UTF-8 のテキストではありません".to_owned(),
    })?;
    let meta = DatasetMeta::from_json(Path::new(meta_url.as_str()), &meta_text)?;
    let csv_name = csv_name(&meta, &meta_url)?;
    download_signature(&agent, &meta_url, &meta_path, options)?;

    let csv_url = sibling(&meta_url, &csv_name)?;
    let csv = folder.path().join(&csv_name);
    download(&agent, &csv_url, &csv, MAX_FILE_BYTES, options)?;
    download_signature(&agent, &csv_url, &csv, options)?;
    Ok(Fetched {
        url: meta_url.to_string(),
        meta,
        csv,
        folder,
    })
}

/// The CSV's file name: what dataset.json names when that is a plain name in the same folder
/// (a path elsewhere, or another host, is refused), else the name `tsunagu publish` writes.
fn csv_name(meta: &DatasetMeta, meta_url: &Url) -> Result<String> {
    let Some(name) = meta
        .file
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return Ok(CSV_FILE.to_owned());
    };
    let plain = !name.contains(['/', '\\', ':', '?', '#'])
        && name != ".."
        && name != "."
        && name.to_ascii_lowercase().ends_with(".csv");
    if plain {
        Ok(name.to_owned())
    } else {
        Err(Error::Fetch {
            url: meta_url.to_string(),
            reason: format!(
                "file 欄 {name:?} が同じフォルダの CSV ファイル名ではありません（ほかの場所には取りに行きません）"
            ),
        })
    }
}

fn sibling(base: &Url, name: &str) -> Result<Url> {
    base.join(name).map_err(|_| Error::Fetch {
        url: base.to_string(),
        reason: format!("{name} の URL を作れません"),
    })
}

/// A file's detached signature, `NAME.minisig` beside it. A missing signature is an error
/// here: an edition fetched over a network is taken only when the publisher signed it.
fn download_signature(
    agent: &ureq::Agent,
    url: &Url,
    path: &Path,
    options: &FetchOptions,
) -> Result<()> {
    let name = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or_default();
    let sig_url = sibling(url, &format!("{name}.minisig"))?;
    download(
        agent,
        &sig_url,
        &signature_path(path),
        MAX_SMALL_BYTES,
        options,
    )
}

fn agent(options: &FetchOptions) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        // The operating system's verifier: on Windows it trusts what the organisation's IT
        // installed (closed networks often inspect TLS with their own root certificate).
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .tls_config(tls)
        .user_agent(concat!("tsunagu/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Writes one URL's body to `path`, refusing more than `limit` bytes and a body shorter than
/// the length the server announced.
fn download(
    agent: &ureq::Agent,
    url: &Url,
    path: &Path,
    limit: u64,
    options: &FetchOptions,
) -> Result<()> {
    let fail = |reason: String| Error::Fetch {
        url: url.to_string(),
        reason,
    };
    let mut response = agent
        .get(url.as_str())
        .call()
        .map_err(|e| fail(reason(&e, limit, options)))?;
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(fail(too_large(limit)));
    }
    let mut bytes = Vec::new();
    response
        .body_mut()
        .with_config()
        .limit(limit)
        .reader()
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_reason(&e, limit, options)))?;
    if announced.is_some_and(|n| n != bytes.len() as u64) {
        return Err(fail(truncated()));
    }
    std::fs::write(path, &bytes).map_err(|e| Error::Write(format!("{}: {e}", path.display())))
}

fn truncated() -> String {
    "ファイルが途中で切れています（最後まで届きませんでした）。もう一度試してください".to_owned()
}

fn too_large(limit: u64) -> String {
    format!("大きすぎます（{} MB まで）", limit / 1024 / 1024)
}

/// What went wrong, as a person at the counter can act on it.
fn reason(e: &ureq::Error, limit: u64, options: &FetchOptions) -> String {
    match e {
        ureq::Error::StatusCode(404) => {
            "見つかりません（404）。URL が正しいか、発行元の案内で確かめてください".to_owned()
        }
        ureq::Error::StatusCode(code) => format!("サーバーがエラー {code} を返しました"),
        ureq::Error::Timeout(_) => format!(
            "{} 秒待っても届きませんでした。ネットワークにつながっているか確かめてください",
            options.timeout.as_secs()
        ),
        ureq::Error::HostNotFound => {
            "サーバーが見つかりません。URL とネットワークの接続を確かめてください".to_owned()
        }
        ureq::Error::ConnectionFailed => "サーバーに接続できません".to_owned(),
        ureq::Error::BodyExceedsLimit(_) => too_large(limit),
        ureq::Error::TooManyRedirects => "転送（リダイレクト）が多すぎます".to_owned(),
        ureq::Error::Io(io) => io_reason(io, limit, options),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            "安全な接続（TLS）を確立できません。証明書を確かめてください".to_owned()
        }
        other => format!("通信のエラー（{other}）"),
    }
}

fn io_reason(e: &std::io::Error, limit: u64, options: &FetchOptions) -> String {
    // ureq reports its own errors inside io::Error while a body is read.
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()) {
        return reason(inner, limit, options);
    }
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => truncated(),
        std::io::ErrorKind::TimedOut => {
            reason(&ureq::Error::Timeout(ureq::Timeout::Global), limit, options)
        }
        _ => format!("通信のエラー（{e}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_url_names_its_dataset_json() {
        assert_eq!(
            meta_url("https://example.jp/tsunagu/").unwrap().as_str(),
            "https://example.jp/tsunagu/dataset.json"
        );
        assert_eq!(
            meta_url("https://example.jp/a/dataset.json")
                .unwrap()
                .as_str(),
            "https://example.jp/a/dataset.json"
        );
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        for url in [
            "file:///etc/passwd",
            "ftp://example.jp/x",
            "javascript:alert(1)",
            "例",
        ] {
            assert!(matches!(meta_url(url), Err(Error::Fetch { .. })), "{url}");
        }
    }

    #[test]
    fn the_csv_must_sit_beside_dataset_json() {
        let base = meta_url("https://example.jp/a/dataset.json").unwrap();
        let with = |file: &str| DatasetMeta {
            file: Some(file.to_owned()),
            ..DatasetMeta::default()
        };
        assert_eq!(csv_name(&DatasetMeta::default(), &base).unwrap(), CSV_FILE);
        assert_eq!(
            csv_name(&with("osaka-2027.csv"), &base).unwrap(),
            "osaka-2027.csv"
        );
        for bad in [
            "../x.csv",
            "https://evil.example/x.csv",
            "sub/x.csv",
            "x.exe",
            "//h/x.csv",
        ] {
            assert!(csv_name(&with(bad), &base).is_err(), "{bad}");
        }
    }
}
