//! The words people see for the catalogue's closed lists and filters, defined once here and
//! sent to the desktop UI (through the generated bindings) and used by the CLI, so that a facet
//! is called the same everywhere and the UI never keeps a copy of a domain list.

use serde::Serialize;

use crate::referral::{How, Status};
use crate::resource::Category;
use crate::schedule::WEEKDAYS_JA;
use crate::search::OSAKA_MUNICIPALITIES;

/// A yes/no facet's one counted value and the words on its chip.
type Flag = Option<(&'static str, &'static str)>;

/// The facets a search result counts, in the order they are shown: (key in
/// [`SearchResults::facets`](crate::search::SearchResults), label, [`Flag`]).
const FACETS: [(&str, &str, Flag); 8] = [
    ("category", "種別", None),
    ("targets", "対象者", None),
    ("substances", "対象物質", None),
    ("programs", "プログラム", None),
    // Where the resource is, as opposed to 居住地 (whom it serves): the label says which.
    ("municipality", "所在地", None),
    ("day", "曜日", None),
    (
        "anonymous",
        "匿名相談",
        Some((ANONYMOUS_VALUE, "匿名で相談できる")),
    ),
    (
        "no_reservation",
        "予約",
        Some((NO_RESERVATION_VALUE, "予約なしで行ける")),
    ),
];

/// The value the `anonymous` facet counts (resources whose 匿名相談 says 可).
pub const ANONYMOUS_VALUE: &str = "可";
/// The value the `no_reservation` facet counts (resources whose 予約 says 不要).
pub const NO_RESERVATION_VALUE: &str = "不要";

/// The label of the residence filter: resources that serve a person living in a place.
pub const RESIDENCE_LABEL: &str = "居住地（利用できる所）";

/// One facet as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FacetLabel {
    /// The key of the facet's counts and of the filter it sets.
    pub key: String,
    /// Its heading (`種別`).
    pub label: String,
    /// For a yes/no facet, the one value it counts (`可`) …
    pub flag_value: Option<String>,
    /// … and the words on its single chip (`匿名で相談できる`).
    pub flag_chip: Option<String>,
}

/// Everything the UI needs to name the catalogue's lists and filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Labels {
    /// 種別, in the dataset's order (the order of the form for one's own resources).
    pub categories: Vec<Category>,
    /// The facets, in the order shown.
    pub facets: Vec<FacetLabel>,
    /// Weekday names, Monday first: index `n` is `Filters::day == n`.
    pub weekdays: Vec<String>,
    /// Osaka's municipalities, for the residence filter.
    pub municipalities: Vec<String>,
    /// The residence filter's label.
    pub residence: String,
    /// How a referral can be made, in the order offered.
    pub referral_ways: Vec<How>,
    /// Where a referral can stand, in the order of the flow.
    pub referral_statuses: Vec<Status>,
}

impl Labels {
    /// The labels.
    pub fn get() -> Labels {
        Labels {
            categories: Category::ALL.to_vec(),
            facets: FACETS
                .iter()
                .map(|(key, label, flag)| FacetLabel {
                    key: (*key).to_owned(),
                    label: (*label).to_owned(),
                    flag_value: flag.map(|(v, _)| v.to_owned()),
                    flag_chip: flag.map(|(_, c)| c.to_owned()),
                })
                .collect(),
            weekdays: WEEKDAYS_JA.iter().map(|d| (*d).to_owned()).collect(),
            municipalities: OSAKA_MUNICIPALITIES
                .iter()
                .map(|m| (*m).to_owned())
                .collect(),
            residence: RESIDENCE_LABEL.to_owned(),
            referral_ways: How::ALL.to_vec(),
            referral_statuses: Status::ALL.to_vec(),
        }
    }
}

/// The label of a facet key (`"category"` → `種別`), for the CLI's facet lines.
pub fn facet_label(key: &str) -> Option<&'static str> {
    FACETS.iter().find(|f| f.0 == key).map(|f| f.1)
}

/// Facet keys in the order shown.
pub fn facet_keys() -> impl Iterator<Item = &'static str> {
    FACETS.iter().map(|f| f.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_facet_the_search_counts_has_a_label() {
        let c = crate::Catalogue::open_in_memory().unwrap();
        let s = crate::search::Searcher::in_memory(&c.list().unwrap()).unwrap();
        let r = s.search("", &crate::search::Filters::default(), 5).unwrap();
        for key in r.facets.keys() {
            assert!(facet_label(key).is_some(), "no label for facet {key}");
        }
        let labels = Labels::get();
        assert_eq!(labels.weekdays[0], "月");
        assert_eq!(labels.municipalities.len(), 43);
        assert_eq!(labels.categories.len(), Category::ALL.len());
    }
}
