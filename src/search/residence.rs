//! A place in a query read as where the caller lives. A counsellor who types `貝塚 薬物` means
//! "someone living in 貝塚市 with a drug problem": the window that serves 貝塚市 (岸和田保健所,
//! whose area covers it) is the answer, although its text never says 貝塚 next to 薬物. Each
//! term that names one municipality or ward of Osaka Prefecture — in kanji, with or without
//! 市/区, or as the place readings of [`super::places`] turn kana and romaji into — is resolved to
//! the residence the `--resident-of` rule ([`crate::area::fit`]) takes.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::normalize;
use crate::area::{OSAKA_MUNICIPALITIES, PREFECTURE, residences};

/// The residence a normalised term names (`貝塚` → `貝塚市`, `生野区` → `大阪市生野区`,
/// `美原` → `堺市美原区`), if exactly one.
///
/// Names shared by two places (北区 and 西区 are wards of both 大阪市 and 堺市) name none unless
/// typed with their city. `大阪` alone names none: it is as often the prefecture as the city.
pub fn residence(term: &str) -> Option<&'static str> {
    table().get(term).copied()
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let places: &'static [String] = Box::leak(residences().into_boxed_slice());
        // Every way of writing each residence; a key claimed by two residences is dropped.
        let mut keys: HashMap<String, Option<&'static str>> = HashMap::new();
        let mut claim = |key: String, place: &'static str| {
            if key.is_empty() {
                return;
            }
            keys.entry(key)
                .and_modify(|p| {
                    if *p != Some(place) {
                        *p = None;
                    }
                })
                .or_insert(Some(place));
        };
        for place in places {
            let place: &'static str = place.as_str();
            claim(normalize(place), place);
            let city = OSAKA_MUNICIPALITIES
                .iter()
                .filter(|m| place.starts_with(**m))
                .max_by_key(|m| m.len())
                .copied()
                .unwrap_or(place);
            let own = if city.len() < place.len() {
                // A ward: 生野区, and 生野.
                &place[city.len()..]
            } else {
                place
            };
            claim(normalize(own), place);
            let stem = own.trim_end_matches(['市', '町', '村', '区']);
            // 堺 is 堺市; other one-character stems (北, 西, 中) are not places on their own.
            if stem.chars().count() >= 2 || (stem == "堺" && own == "堺市") {
                claim(normalize(stem), place);
            }
        }
        // 大阪 is the prefecture as often as the city; 大阪府 is the prefecture.
        keys.remove(&normalize("大阪"));
        keys.remove(&normalize(PREFECTURE));
        keys.into_iter()
            .filter_map(|(k, p)| Some((k, p?)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(term: &str) -> Option<&'static str> {
        residence(&normalize(term))
    }

    #[test]
    fn municipalities_and_wards_with_and_without_suffix() {
        assert_eq!(of("貝塚"), Some("貝塚市"));
        assert_eq!(of("貝塚市"), Some("貝塚市"));
        assert_eq!(of("熊取町"), Some("熊取町"));
        assert_eq!(of("熊取"), Some("熊取町"));
        assert_eq!(of("生野区"), Some("大阪市生野区"));
        assert_eq!(of("生野"), Some("大阪市生野区"));
        assert_eq!(of("美原区"), Some("堺市美原区"));
        assert_eq!(of("大阪市生野区"), Some("大阪市生野区"));
        assert_eq!(of("堺"), Some("堺市"));
        assert_eq!(of("大阪市"), Some("大阪市"));
        assert_eq!(of("東大阪"), Some("東大阪市"));
    }

    #[test]
    fn shared_and_vague_names_are_no_residence() {
        assert_eq!(of("北区"), None);
        assert_eq!(of("西区"), None);
        assert_eq!(of("堺市北区"), Some("堺市北区"));
        assert_eq!(of("大阪市北区"), Some("大阪市北区"));
        assert_eq!(of("大阪"), None);
        assert_eq!(of("大阪府"), None);
        assert_eq!(of("北"), None);
        assert_eq!(of("家族"), None);
        assert_eq!(of("保健所"), None);
    }
}
