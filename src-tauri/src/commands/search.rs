//! Search as you type.

use tauri::State;
use tsunagu::search::{Filters, SearchResults};

use crate::{AppState, CommandError};

/// The most results one call returns: the list shows these, facets count them all.
const MAX_LIMIT: usize = 500;

/// Searches the catalogue; an empty query with filters lists what passes them.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    filters: Filters,
    limit: usize,
) -> Result<SearchResults, CommandError> {
    Ok(state
        .searcher()
        .search(&query, &filters, limit.min(MAX_LIMIT))?)
}
