//! The commands the page may call, grouped by noun. Each one takes the page's input, calls one
//! method of the core's `Directory` and returns its answer; every rule lives in the core.

pub mod dataset;
pub mod handouts;
pub mod notes;
pub mod referrals;
pub mod resources;
pub mod search;
pub mod sheets;
pub mod workbench;
