//! Integration tests: the `tsunagu` binary and the core library, end to end.

mod util;

mod bundled;
mod directory;
mod editions;
mod faults;
mod fetch;
mod fuzz;
mod hostile;
mod import;
mod index;
mod notes;
mod publish;
mod reading;
mod referrals;
mod routing;
mod schedule;
mod search_quality;
mod sheet;
mod styles;
mod upcoming;
mod validate;
mod workbench;
