//! The core library's one error type.

use std::path::PathBuf;

use crate::dataset::Report;

/// Everything that can go wrong in the core. Messages are Japanese because they reach users as
/// they are (CLI and app); the variant is what code matches on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path} を読み込めません: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A dataset file is larger than any real one.
    #[error("{path} は大きすぎます（{} MB まで）。データセットのファイルか確かめてください", limit / 1024 / 1024)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// Output could not be written (a full disk, a closed pipe).
    #[error("書き込めません: {0}")]
    Write(String),
    /// The dataset has errors, so nothing was imported.
    #[error("{}: エラーが {} 件あるため取り込みませんでした（カタログは変更されていません）", .0.file, .0.error_count())]
    Invalid(Box<Report>),
    /// The edition sidecar is not valid JSON of the expected shape.
    #[error("{path} を読めません: {message}")]
    Meta {
        /// The sidecar file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The database could not be opened, read or written.
    #[error("データベースのエラー: {0}")]
    Database(rusqlite::Error),
    /// Another program (the desktop app, a second CLI) holds the database longer than the busy
    /// timeout.
    #[error(
        "データベースは別のプログラム（アプリなど）が使用中です。しばらくしてからもう一度試してください"
    )]
    Busy,
    /// The disk (or the database's size limit) is full; the change was rolled back.
    #[error("ディスクがいっぱいで書き込めませんでした（カタログは変更されていません）")]
    DiskFull,
    /// The path given as the database is a folder.
    #[error(
        "{0} はフォルダです。データベースのファイル（例: catalogue.sqlite3）を指定してください"
    )]
    NotADatabase(PathBuf),
    /// The database file cannot be opened or read just now (held by another program, or not
    /// permitted).
    #[error(
        "データベースのファイルを開けません。ほかのプログラム（バックアップやウイルス対策など）が使用中か、使う権限がありません。しばらくしてからもう一度試してください（{0}）"
    )]
    Unavailable(String),
    /// The database file or its folder cannot be written.
    #[error("データベースに書き込めません（読み取り専用です）: {0}")]
    ReadOnly(String),
    /// A dataset's signature does not verify; the file was not imported.
    #[error("署名を確かめられません: {0}")]
    Signature(String),
    /// A published edition could not be fetched; nothing was changed.
    #[error("{url} を取得できませんでした: {reason}（カタログは変更されていません）")]
    Fetch {
        /// What was asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The edition offered is older than the one installed.
    #[error(
        "取得した版 {offered} は、使用中の版 {installed} より古いため取り込みません（カタログは変更されていません）"
    )]
    OlderEdition {
        /// The edition fetched.
        offered: String,
        /// The edition in use.
        installed: String,
    },
    /// Rollback is not possible.
    #[error("前の版に戻せません: {0}")]
    Rollback(String),
    /// A local resource was refused.
    #[error("自分で追加する資源を保存できません: {0}")]
    Local(String),
    /// The database schema could not be brought up to date.
    #[error("データベースの更新（マイグレーション）に失敗しました: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The database holds a value this version cannot read.
    #[error("データベースの内容が壊れています: {0}")]
    Corrupt(String),
    /// No resource has the given ID.
    #[error("ID「{0}」の資源は見つかりません")]
    NotFound(String),
    /// The search index could not be built or read (it is rebuilt from the catalogue when
    /// damaged, so this means even the rebuild failed).
    #[error("検索索引のエラー: {0}")]
    Index(String),
    /// A referral could not be recorded, updated or found.
    #[error("紹介記録: {0}")]
    Referral(String),
    /// A confirmation was refused (a future date, an unknown method…).
    #[error("確認を記録できません: {0}")]
    Verify(String),
    /// A correction, or a file of them, was refused.
    #[error("訂正: {0}")]
    Correction(String),
    /// An edition could not be published.
    #[error("公開できません: {0}")]
    Publish(String),
    /// A note was refused (empty, too long).
    #[error("メモを保存できません: {0}")]
    Note(String),
    /// A referral sheet or calendar could not be laid out as PDF.
    #[error("PDF を作れません: {0}")]
    Pdf(String),
    /// An output file was refused before anything was written: a device, a pipe, a folder, a
    /// link or a read-only file is never replaced by a regular file.
    #[error("{path} には書き出しません: {reason}")]
    Output {
        /// The target the user named.
        path: PathBuf,
        /// Why (in Japanese).
        reason: String,
    },
    /// A dataset without the publisher's signature, applied without the user's consent.
    #[error(
        "発行元の署名がないファイルです。出どころを確かめたうえで、署名がないことを承知して取り込んでください"
    )]
    Unsigned,
    /// A choice typed by the user (a sheet style, a language, an area) is not one there is.
    #[error("{0}")]
    Choice(String),
    /// A date typed by the user could not be read.
    #[error("日付「{0}」を読めません（例: 2026-12-20）")]
    Date(String),
    /// CSV output failed.
    #[error("CSV を書き出せません: {0}")]
    Csv(#[from] csv::Error),
}

impl From<rusqlite::Error> for Error {
    /// Sorts the failures a user can act on (busy, full, read-only) from the rest.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly(e.to_string()),
            // On Windows a backup program or a virus scanner holding the file shows up as a
            // file that cannot be opened or read for a moment, not as a lock SQLite waits for.
            Some(
                ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::SystemIoFailure,
            ) => Error::Unavailable(e.to_string()),
            _ => Error::Database(e),
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
