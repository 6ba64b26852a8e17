//! Search as you type, and the words the page shows for the catalogue's lists and filters.

use tauri::State;
use tsunagu::labels::Labels;
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
        .directory()
        .search(&query, &filters, limit.min(MAX_LIMIT))?)
}

/// The category list, facet labels, weekday names and municipalities, from the core.
#[tauri::command]
pub async fn labels() -> Labels {
    Labels::get()
}
