//! Integration tests: the `tsunagu` binary and the core library, end to end.

mod util;

mod bundled;
mod import;
mod index;
mod notes;
mod schedule;
mod search_quality;
mod upcoming;
mod validate;
