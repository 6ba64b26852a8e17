//! The difference between two editions: what a counsellor must see before accepting a new one.
//! Resources are matched by ID; a changed resource lists each field with its old and new value,
//! and a changed phone number or address is called out, because a wrong number is the costliest
//! mistake on a referral sheet.

use std::collections::HashMap;

use serde::Serialize;

use crate::resource::{Field, Resource};

/// One field of one resource, before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FieldChange {
    /// The English key (`phone`).
    pub field: &'static str,
    /// The Japanese header (`電話番号`).
    pub header: &'static str,
    /// The value in the current edition (canonical cell text; empty when unset).
    pub before: String,
    /// The value in the new edition.
    pub after: String,
}

/// A resource present in both editions with different content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Change {
    /// Its ID.
    pub id: String,
    /// Its name in the new edition.
    pub name: String,
    /// Every field that differs, in column order.
    pub fields: Vec<FieldChange>,
    /// The telephone number changed.
    pub phone_changed: bool,
    /// The address (住所 or 方書) changed.
    pub address_changed: bool,
}

/// A resource only one edition has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Entry {
    /// Its ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its 種別.
    pub category: &'static str,
}

impl From<&Resource> for Entry {
    fn from(r: &Resource) -> Self {
        Entry {
            id: r.id.clone(),
            name: r.name.clone(),
            category: r.category.label(),
        }
    }
}

/// What moving from one edition to another changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Diff {
    /// In the new edition only, in its order.
    pub added: Vec<Entry>,
    /// In the current edition only, in its order.
    pub removed: Vec<Entry>,
    /// In both, with different content, in the new edition's order.
    pub changed: Vec<Change>,
    /// In both and identical.
    pub unchanged: usize,
}

impl Diff {
    /// Whether the editions hold the same resources with the same content.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares the current resources with a new edition's.
pub fn diff(current: &[Resource], new: &[Resource]) -> Diff {
    let old: HashMap<&str, &Resource> = current.iter().map(|r| (r.id.as_str(), r)).collect();
    let new_ids: HashMap<&str, ()> = new.iter().map(|r| (r.id.as_str(), ())).collect();
    let mut out = Diff::default();
    for r in new {
        match old.get(r.id.as_str()) {
            None => out.added.push(Entry::from(r)),
            Some(before) => {
                let fields = field_changes(before, r);
                if fields.is_empty() {
                    out.unchanged += 1;
                } else {
                    let touched = |keys: &[Field]| {
                        fields
                            .iter()
                            .any(|c| keys.iter().any(|f| f.key() == c.field))
                    };
                    out.changed.push(Change {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        phone_changed: touched(&[Field::Phone]),
                        address_changed: touched(&[Field::Address, Field::AddressExtra]),
                        fields,
                    });
                }
            }
        }
    }
    out.removed = current
        .iter()
        .filter(|r| !new_ids.contains_key(r.id.as_str()))
        .map(Entry::from)
        .collect();
    out
}

fn field_changes(before: &Resource, after: &Resource) -> Vec<FieldChange> {
    let mut out: Vec<FieldChange> = Field::ALL
        .iter()
        .filter_map(|f| {
            let (a, b) = (before.cell(*f), after.cell(*f));
            (a != b).then(|| FieldChange {
                field: f.key(),
                header: f.header(),
                before: a,
                after: b,
            })
        })
        .collect();
    // Columns outside the schema, by name.
    let keys: std::collections::BTreeSet<&String> =
        before.extra.keys().chain(after.extra.keys()).collect();
    for k in keys {
        let (a, b) = (
            before.extra.get(k).cloned().unwrap_or_default(),
            after.extra.get(k).cloned().unwrap_or_default(),
        );
        if a != b {
            out.push(FieldChange {
                field: "extra",
                header: "その他の列",
                before: format!("{k}: {a}"),
                after: format!("{k}: {b}"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;

    fn r(id: &str, name: &str, phone: &str) -> Resource {
        Resource {
            id: id.into(),
            name: name.into(),
            category: Category::ALL[0],
            phones: if phone.is_empty() {
                vec![]
            } else {
                vec![phone.into()]
            },
            ..Resource::default()
        }
    }

    #[test]
    fn finds_added_removed_and_changed_with_phone_called_out() {
        let old = [
            r("a", "A", "06-1111-1111"),
            r("b", "B", ""),
            r("c", "C", ""),
        ];
        let mut c2 = r("c", "C2", "");
        c2.address = Some("大阪市北区1-1".into());
        let new = [r("a", "A", "06-2222-2222"), c2, r("d", "D", "")];
        let d = diff(&old, &new);
        assert_eq!(
            d.added.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["d"]
        );
        assert_eq!(
            d.removed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(d.changed.len(), 2);
        let a = &d.changed[0];
        assert!(a.phone_changed && !a.address_changed);
        assert_eq!(a.fields.len(), 1);
        assert_eq!(
            (a.fields[0].before.as_str(), a.fields[0].after.as_str()),
            ("06-1111-1111", "06-2222-2222")
        );
        let c = &d.changed[1];
        assert!(c.address_changed && !c.phone_changed);
        assert_eq!(
            c.fields.iter().map(|f| f.field).collect::<Vec<_>>(),
            ["name", "address"]
        );
        assert_eq!(d.unchanged, 0);
        assert!(diff(&old, &old).is_empty());
        assert_eq!(diff(&old, &old).unchanged, 3);
    }
}
