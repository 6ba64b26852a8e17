//! Errors as the page receives them: a code from a closed set, for the UI to decide what to offer
//! next, and a message in Japanese to show as is.

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as far as the UI needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// No resource with that ID (it may have been removed by a new edition).
    NotFound,
    /// The request itself was wrong: an empty note, a link that may not be opened.
    InvalidInput,
    /// A dataset file has errors; nothing was changed.
    InvalidDataset,
    /// Another program is writing to the catalogue; try again shortly.
    Busy,
    /// The disk is full or the folder cannot be written.
    Storage,
    /// A file could not be read or written.
    Io,
    /// The referral sheet could not be made.
    Pdf,
    /// A published edition could not be fetched (offline, not found, cut short, too slow).
    Network,
    /// Anything else.
    Internal,
}

/// The error a command returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    /// The kind of error.
    pub code: ErrorCode,
    /// What to tell the user, in Japanese.
    pub message: String,
}

impl CommandError {
    /// An error with its code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> CommandError {
        CommandError {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<tsunagu::Error> for CommandError {
    fn from(e: tsunagu::Error) -> CommandError {
        use tsunagu::Error as E;
        let code = match &e {
            E::NotFound(_) => ErrorCode::NotFound,
            E::Note(_)
            | E::Local(_)
            | E::Rollback(_)
            | E::Unsigned
            | E::Date(_)
            | E::Choice(_)
            | E::Referral(_) => ErrorCode::InvalidInput,
            E::Invalid(_) | E::Meta { .. } | E::Signature(_) | E::OlderEdition { .. } => {
                ErrorCode::InvalidDataset
            }
            E::Fetch { .. } => ErrorCode::Network,
            E::Busy => ErrorCode::Busy,
            E::DiskFull | E::ReadOnly(_) | E::Unavailable(_) => ErrorCode::Storage,
            E::Io { .. } | E::Write(_) | E::Csv(_) | E::Output { .. } => ErrorCode::Io,
            E::Pdf(_) => ErrorCode::Pdf,
            _ => ErrorCode::Internal,
        };
        CommandError::new(code, e.to_string())
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> CommandError {
        CommandError::new(ErrorCode::Internal, format!("アプリのエラー: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_page_as_code_and_japanese_message() {
        let e = CommandError::from(tsunagu::Error::NotFound("x-1".into()));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "ID「x-1」の資源は見つかりません"})
        );
        let busy = serde_json::to_value(CommandError::from(tsunagu::Error::Busy)).unwrap();
        assert_eq!(busy["code"], "busy");
        assert!(busy["message"].as_str().unwrap().contains("使用中"));
        // Exactly two keys: the UI's type has no room for anything else.
        assert_eq!(busy.as_object().unwrap().len(), 2);
    }
}
