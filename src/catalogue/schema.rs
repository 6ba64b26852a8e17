//! Versioned schema migrations, embedded at compile time. Each runs in its own transaction and
//! bumps SQLite's `user_version`; never edit a released migration, add a new file.

use rusqlite_migration::{M, Migrations};

/// The schema version the last migration leaves (SQLite's `user_version`).
pub const LATEST: i64 = 8;

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_catalogue.sql")),
        M::up(include_str!("migrations/0002_revision.sql")),
        M::up(include_str!("migrations/0003_notes.sql")),
        M::up(include_str!("migrations/0004_editions.sql")),
        M::up(include_str!("migrations/0005_referrals.sql")),
        M::up(include_str!("migrations/0006_confirmation.sql")),
        M::up(include_str!("migrations/0007_languages.sql")),
        M::up(include_str!("migrations/0008_unread_indexes.sql")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST, "LATEST names the last migration");
    }
}
