//! Coverage: for every place a person may live in Osaka Prefecture (43 municipalities, and the
//! wards of 大阪市 and 堺市), the windows that serve a resident there by the same rule as
//! `--resident-of` ([`crate::area`]), whether each has a phone, and how long ago it was
//! confirmed. Gaps first: it is the publisher's to-do list, and works on any edition.

use chrono::NaiveDate;
use serde::Serialize;

use crate::area::{fit, residences};
use crate::resource::{Category, Resource};

/// A window serving a place.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CoverageWindow {
    /// Resource ID.
    pub id: String,
    /// 名称.
    pub name: String,
    /// Whether the record gives a phone number.
    pub phone: bool,
    /// Whether its area is this place itself (a ward's own centre), not the whole city.
    pub own: bool,
    /// Days since a person confirmed it (`None`: 未確認).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days_since_confirmed: Option<i64>,
}

/// One place and the windows serving its residents.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CoverageRow {
    /// 寝屋川市, 大阪市北区…
    pub place: String,
    /// Local windows: consultation windows whose area is this place or its city (not the
    /// prefecture's), the ones a resident is referred to.
    pub windows: Vec<CoverageWindow>,
    /// How many of them give a phone number.
    pub with_phone: usize,
    /// Whether one of them is this place's own (not the city's) and gives a phone: a ward
    /// reached only through its city's number is not covered.
    pub covered: bool,
    /// Local windows plus prefecture-wide consultation windows and hotlines with a phone: what a
    /// resident can call at all.
    pub wide_with_phone: usize,
    /// The gap in words: 窓口なし, 電話番号なし, 市の番号のみ (a ward reached only through its
    /// city's number), or empty when its own window has a phone.
    pub gap: String,
}

/// The coverage table and its summary.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Coverage {
    /// Gaps first (no window, then no phone), then in code order.
    pub rows: Vec<CoverageRow>,
    /// Municipalities (of 43) with a local window that has a phone.
    pub municipalities_covered: usize,
    /// Of how many municipalities.
    pub municipalities: usize,
    /// Wards (of 31, 大阪市 and 堺市) with a window of their own that has a phone.
    pub wards_covered: usize,
    /// Of how many wards.
    pub wards: usize,
}

/// The coverage of the resources as of `today`.
pub fn coverage(resources: &[Resource], today: NaiveDate) -> Coverage {
    let windows: Vec<&Resource> = resources
        .iter()
        .filter(|r| !r.local && r.is_open_to_people())
        .filter(|r| matches!(r.category, Category::Consultation | Category::Hotline))
        .collect();
    let places = residences();
    let mut rows: Vec<(usize, CoverageRow)> = places
        .iter()
        .enumerate()
        .map(|(order, place)| {
            let mut local = Vec::new();
            let mut wide_with_phone = 0;
            for r in &windows {
                let Some(f) = fit(r, place) else { continue };
                let phone = !r.phones.is_empty();
                if f <= 1 && r.category == Category::Consultation {
                    local.push(CoverageWindow {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        phone,
                        own: f == 0,
                        days_since_confirmed: r.confirmed_on.map(|d| (today - d).num_days()),
                    });
                }
                if phone && f <= 2 {
                    wide_with_phone += 1;
                }
            }
            let with_phone = local.iter().filter(|w| w.phone).count();
            let covered = local.iter().any(|w| w.phone && w.own);
            let gap = if local.is_empty() {
                "窓口なし"
            } else if with_phone == 0 {
                "電話番号なし"
            } else if !covered {
                "市の番号のみ"
            } else {
                ""
            };
            (
                order,
                CoverageRow {
                    place: place.clone(),
                    windows: local,
                    with_phone,
                    covered,
                    wide_with_phone,
                    gap: gap.to_owned(),
                },
            )
        })
        .collect();
    let is_ward = |p: &str| p.ends_with('区');
    let covered = |ward: bool| {
        rows.iter()
            .filter(|(_, r)| is_ward(&r.place) == ward && r.covered)
            .count()
    };
    let (municipalities_covered, wards_covered) = (covered(false), covered(true));
    let wards = places.iter().filter(|p| is_ward(p)).count();
    rows.sort_by_key(|(order, r)| {
        let rank = match r.gap.as_str() {
            "窓口なし" => 0,
            "電話番号なし" => 1,
            "市の番号のみ" => 2,
            _ => 3,
        };
        (rank, *order)
    });
    Coverage {
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        municipalities_covered,
        municipalities: places.len() - wards,
        wards_covered,
        wards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_without_a_local_window_with_a_phone_is_a_gap_and_comes_first() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let ward = Resource {
            id: "w".into(),
            name: "北区の保健センター".into(),
            category: Category::Consultation,
            organisation: Some("堺市（北区）".into()),
            ..Resource::default()
        };
        let city = Resource {
            id: "c".into(),
            name: "寝屋川市保健所".into(),
            category: Category::Consultation,
            service_area: vec!["寝屋川市".into()],
            phones: vec!["072-000-0000".into()],
            confirmed_on: Some(NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()),
            ..Resource::default()
        };
        let c = coverage(&[ward, city], today);
        assert_eq!(c.municipalities, 43);
        assert_eq!(c.wards, 31);
        assert_eq!(c.municipalities_covered, 1);
        let row = |p: &str| c.rows.iter().find(|r| r.place == p).unwrap();
        assert_eq!(row("寝屋川市").gap, "");
        assert_eq!(row("寝屋川市").windows[0].days_since_confirmed, Some(30));
        assert_eq!(row("堺市北区").gap, "電話番号なし");
        assert_eq!(row("堺市堺区").gap, "窓口なし");
        assert_eq!(c.rows.last().unwrap().place, "寝屋川市");
    }
}
