//! Whom a resource serves by where they live: the rule behind `--resident-of`, the app's 居住地
//! filter and the publisher's coverage table, written once.
//!
//! Most records state their area (対象地域). Many do not, and reading "not stated" as "serves
//! everyone" sends a caller in 寝屋川市 to a 堺市 ward centre. So an unstated area is read from what
//! the record does say: a window run by a local government serves that government's residents (a
//! ward centre its ward); a local window run by anyone else serves where it is; only the kinds
//! that are open to anyone by nature (hotlines, self-help groups, family associations, clinics,
//! recovery facilities, legal help) serve everyone. [`ServedArea::basis`] says which reading was
//! used, so the detail can say it plainly.

use serde::Serialize;

use crate::resource::{Category, Resource};
use crate::search::normalize;

/// Osaka Prefecture's 43 municipalities, in the order of their local-government codes.
pub const OSAKA_MUNICIPALITIES: &[&str] = &[
    "大阪市",
    "堺市",
    "岸和田市",
    "豊中市",
    "池田市",
    "吹田市",
    "泉大津市",
    "高槻市",
    "貝塚市",
    "守口市",
    "枚方市",
    "茨木市",
    "八尾市",
    "泉佐野市",
    "富田林市",
    "寝屋川市",
    "河内長野市",
    "松原市",
    "大東市",
    "和泉市",
    "箕面市",
    "柏原市",
    "羽曳野市",
    "門真市",
    "摂津市",
    "高石市",
    "藤井寺市",
    "東大阪市",
    "泉南市",
    "四條畷市",
    "交野市",
    "大阪狭山市",
    "阪南市",
    "島本町",
    "豊能町",
    "能勢町",
    "忠岡町",
    "熊取町",
    "田尻町",
    "岬町",
    "太子町",
    "河南町",
    "千早赤阪村",
];

/// The 24 wards of 大阪市, in code order.
pub const OSAKA_CITY_WARDS: &[&str] = &[
    "都島区",
    "福島区",
    "此花区",
    "西区",
    "港区",
    "大正区",
    "天王寺区",
    "浪速区",
    "西淀川区",
    "東淀川区",
    "東成区",
    "生野区",
    "旭区",
    "城東区",
    "阿倍野区",
    "住吉区",
    "東住吉区",
    "西成区",
    "淀川区",
    "鶴見区",
    "住之江区",
    "平野区",
    "北区",
    "中央区",
];

/// The 7 wards of 堺市, in code order.
pub const SAKAI_CITY_WARDS: &[&str] = &["堺区", "中区", "東区", "西区", "南区", "北区", "美原区"];

/// The prefecture this catalogue is about.
pub const PREFECTURE: &str = "大阪府";

/// Where a person may live: each municipality, with the two designated cities' wards after
/// their city (大阪市, 大阪市都島区, …, 堺市, 堺市堺区, …). The rows of the coverage table.
pub fn residences() -> Vec<String> {
    let mut out = Vec::new();
    for m in OSAKA_MUNICIPALITIES {
        out.push((*m).to_owned());
        let wards = match *m {
            "大阪市" => OSAKA_CITY_WARDS,
            "堺市" => SAKAI_CITY_WARDS,
            _ => &[],
        };
        out.extend(wards.iter().map(|w| format!("{m}{w}")));
    }
    out
}

/// How a resource's area was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "AreaBasis"))]
pub enum Basis {
    /// Its 対象地域.
    Stated,
    /// Not stated; run by this local government (運営主体), so it serves its residents.
    Operator,
    /// Not stated; a local window, so it serves where it is (市区町村名).
    Location,
    /// Not stated, and open to anyone by its kind (a hotline, a self-help group…).
    Anyone,
}

/// The areas whose residents a resource serves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ServedArea {
    /// Place names (大阪市北区, 大阪府, 全国…); empty when [`Basis::Anyone`].
    pub areas: Vec<String>,
    /// How they were read.
    pub basis: Basis,
}

impl ServedArea {
    /// The area in words, for the detail and the sheet: `池田市・箕面市`, `堺市堺区（対象地域の記載
    /// なし。運営主体から）`.
    pub fn describe(&self) -> String {
        let areas = self.areas.join("・");
        match self.basis {
            Basis::Stated => areas,
            Basis::Operator => format!("{areas}（対象地域の記載なし。運営主体から）"),
            Basis::Location => format!("{areas}（対象地域の記載なし。所在地から）"),
            Basis::Anyone => "住んでいる地域を問わない種類（対象地域の記載なし）".to_owned(),
        }
    }
}

/// The kinds of resource that take anyone who calls or comes, wherever they live, unless their
/// data says otherwise.
fn open_to_anyone(c: Category) -> bool {
    matches!(
        c,
        Category::Hotline
            | Category::SelfHelpGroup
            | Category::FamilyAssociation
            | Category::Medical
            | Category::Recovery
            | Category::Employment
            | Category::Legal
    )
}

/// The areas a resource serves; see the module documentation for the rule.
pub fn served_area(r: &Resource) -> ServedArea {
    if !r.service_area.is_empty() {
        return ServedArea {
            areas: r.service_area.clone(),
            basis: Basis::Stated,
        };
    }
    if let Some(government) = r.organisation.as_deref().and_then(local_government) {
        return ServedArea {
            areas: vec![government],
            basis: Basis::Operator,
        };
    }
    if !open_to_anyone(r.category)
        && let Some(m) = r.municipality.as_deref().filter(|m| !m.trim().is_empty())
    {
        return ServedArea {
            areas: vec![m.trim().to_owned()],
            basis: Basis::Location,
        };
    }
    ServedArea {
        areas: Vec::new(),
        basis: Basis::Anyone,
    }
}

/// The local government an organisation name starts with: `大阪市西成区役所` → 大阪市西成区,
/// `堺市（堺区）` → 堺市堺区, `東大阪市（保健所）` → 東大阪市, `大阪府健康医療部` → 大阪府.
/// `None` for anyone else (an NPO, a hospital corporation, a ministry).
pub fn local_government(organisation: &str) -> Option<String> {
    let text: String = organisation
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    let city = OSAKA_MUNICIPALITIES
        .iter()
        .chain(std::iter::once(&PREFECTURE))
        .filter(|g| text.starts_with(**g))
        .max_by_key(|g| g.len())?;
    let rest = text[city.len()..].trim_start_matches('(');
    let wards = match *city {
        "大阪市" => OSAKA_CITY_WARDS,
        "堺市" => SAKAI_CITY_WARDS,
        _ => &[],
    };
    let ward = wards
        .iter()
        .filter(|w| rest.starts_with(**w))
        .max_by_key(|w| w.len());
    Some(match ward {
        Some(w) => format!("{city}{w}"),
        None => (*city).to_owned(),
    })
}

/// How closely a resource's area fits a residence: `Some(0)` for the place itself, larger for
/// wider areas (the city for a ward, the prefecture, a region, everyone); `None` when it does not
/// serve someone living there. Listings for a residence sort on it, so a caller's own window
/// comes before the prefecture's hotline.
pub fn fit(r: &Resource, place: &str) -> Option<u8> {
    // Searches ask this of every candidate: the constants are normalised once.
    static WIDE: std::sync::LazyLock<[String; 2]> =
        std::sync::LazyLock::new(|| [normalize("全国"), normalize(PREFECTURE)]);
    let served = served_area(r);
    if served.basis == Basis::Anyone {
        return Some(4);
    }
    let place = normalize(place);
    let [nationwide, prefecture] = &*WIDE;
    served
        .areas
        .iter()
        .filter_map(|area| {
            let area = normalize(area);
            if area == place {
                Some(0)
            } else if area == *nationwide {
                Some(3)
            } else if area == *prefecture {
                is_osaka_place(&place).then_some(2)
            } else if place.starts_with(&area) {
                Some(1)
            } else {
                None
            }
        })
        .min()
}

/// Whether a resource serves a person living in `place` (the `--resident-of` rule).
pub fn serves(r: &Resource, place: &str) -> bool {
    fit(r, place).is_some()
}

/// Osaka Prefecture's municipalities all end in 市, 町, 村 or 区 and a person types them without
/// the prefecture; anything typed with 大阪府 in front is in it too. `place` is normalised.
pub(crate) fn is_osaka_place(place: &str) -> bool {
    // Asked of search candidates: the names are normalised once.
    static PLACES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        std::iter::once(PREFECTURE)
            .chain(OSAKA_MUNICIPALITIES.iter().copied())
            .map(normalize)
            .collect()
    });
    PLACES.iter().any(|p| place.starts_with(p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(org: &str, municipality: &str, category: Category) -> Resource {
        Resource {
            organisation: (!org.is_empty()).then(|| org.to_owned()),
            municipality: (!municipality.is_empty()).then(|| municipality.to_owned()),
            category,
            ..Resource::default()
        }
    }

    #[test]
    fn a_municipal_window_serves_its_own_residents_only() {
        let ward = window("堺市（堺区）", "堺市堺区", Category::Consultation);
        assert_eq!(served_area(&ward).areas, vec!["堺市堺区"]);
        assert_eq!(served_area(&ward).basis, Basis::Operator);
        assert!(serves(&ward, "堺市堺区"));
        assert!(!serves(&ward, "堺市北区"));
        assert!(!serves(&ward, "寝屋川市"));
        let class = window(
            "大阪市健康局（こころの健康センター）",
            "大阪市",
            Category::FamilyClass,
        );
        assert!(serves(&class, "大阪市北区"));
        assert!(!serves(&class, "寝屋川市"));
        let east = window("東大阪市(保健所)", "東大阪市", Category::Consultation);
        assert_eq!(served_area(&east).areas, vec!["東大阪市"]);
        assert!(!serves(&east, "大阪市"));
        let ward_office = window("大阪市西成区役所", "大阪市西成区", Category::Consultation);
        assert_eq!(served_area(&ward_office).areas, vec!["大阪市西成区"]);
    }

    #[test]
    fn the_prefecture_serves_every_osaka_municipality() {
        let centre = window("大阪府", "大阪市住吉区", Category::Consultation);
        assert!(serves(&centre, "寝屋川市"));
        assert!(serves(&centre, "大阪市北区"));
        assert!(!serves(&centre, "京都市"));
        assert_eq!(fit(&centre, "寝屋川市"), Some(2));
    }

    #[test]
    fn open_kinds_serve_anyone_and_local_windows_serve_where_they_are() {
        let line = window("関西いのちの電話", "", Category::Hotline);
        assert_eq!(served_area(&line).basis, Basis::Anyone);
        assert!(serves(&line, "寝屋川市"));
        assert_eq!(fit(&line, "寝屋川市"), Some(4));
        let district = window("門真地区保護司会", "門真市", Category::Justice);
        assert_eq!(served_area(&district).basis, Basis::Location);
        assert!(serves(&district, "門真市"));
        assert!(!serves(&district, "寝屋川市"));
        let nowhere = window("法務省 大阪保護観察所", "", Category::Justice);
        assert_eq!(served_area(&nowhere).basis, Basis::Anyone);
    }

    #[test]
    fn a_stated_area_wins_and_fits_by_how_close_it_is() {
        let r = Resource {
            service_area: vec!["寝屋川市".into()],
            organisation: Some("大阪府".into()),
            ..Resource::default()
        };
        assert_eq!(fit(&r, "寝屋川市"), Some(0));
        assert_eq!(fit(&r, "枚方市"), None);
        let city = Resource {
            service_area: vec!["大阪市".into()],
            ..Resource::default()
        };
        assert_eq!(fit(&city, "大阪市北区"), Some(1));
        let nation = Resource {
            service_area: vec!["全国".into()],
            ..Resource::default()
        };
        assert_eq!(fit(&nation, "寝屋川市"), Some(3));
    }

    #[test]
    fn residences_list_every_municipality_and_ward() {
        let all = residences();
        assert_eq!(all.len(), 43 + 24 + 7);
        assert!(all.contains(&"大阪市西成区".to_owned()));
        assert!(all.contains(&"堺市美原区".to_owned()));
    }

    #[test]
    fn other_organisations_are_not_governments() {
        assert_eq!(local_government("NPO法人 大阪ダルク"), None);
        assert_eq!(local_government("地方独立行政法人大阪府立病院機構"), None);
        assert_eq!(local_government("大阪府警察").as_deref(), Some("大阪府"));
    }
}
