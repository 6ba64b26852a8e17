//! The commands the page may call, grouped by noun. Each one checks its input, calls the core and
//! returns its result; the logic is in the `tsunagu` crate.

pub mod dataset;
pub mod notes;
pub mod resources;
pub mod search;
pub mod sheets;

/// Today in local time: the day "next sessions" and "possibly out of date" count from.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
