//! `note`, `notes`: the user's own notes on resources.

use std::process::ExitCode;

use anyhow::Result;
use tsunagu::{Directory, Note};

use super::out;
use super::term::inert;

pub fn add(directory: &mut Directory, id: &str, text: &str) -> Result<ExitCode> {
    let note = directory.add_note(id, text)?;
    out(format!(
        "メモを保存しました（{}: {}）",
        inert(&note.resource_id),
        inert(&note.resource_name)
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(directory: &Directory, json: bool) -> Result<ExitCode> {
    let notes = directory.notes()?;
    if json {
        out(serde_json::to_string_pretty(&notes)?)?;
    } else if notes.is_empty() {
        out("メモはまだありません。`tsunagu note ID メモ` で追加できます")?;
    } else {
        for n in &notes {
            print(n)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One note as printed under a resource or in the list.
pub fn print(n: &Note) -> Result<()> {
    let removed = if n.removed {
        "（現在の版にはありません）"
    } else {
        ""
    };
    out(format!(
        "[{}] {} {}{}",
        tsunagu::time::display(n.created_at),
        inert(&n.resource_id),
        inert(&n.resource_name),
        removed
    ))?;
    for line in n.text.lines() {
        out(format!("    {}", inert(line)))?;
    }
    Ok(())
}
