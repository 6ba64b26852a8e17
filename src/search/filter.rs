//! Filters (種別, 対象者, 曜日, 居住地…) and facet counts over the results.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use chrono::{NaiveDate, NaiveDateTime};

use super::normalize::normalize;
use crate::area::{self, serves};
use crate::resource::{Category, ReportStance, Resource, vocab};
use crate::schedule::Schedule;

/// Narrowing conditions. Within one list any value may match; different lists must all match.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Filters {
    /// 種別.
    pub categories: Vec<Category>,
    /// 対象者 values.
    pub targets: Vec<String>,
    /// 対象物質 values.
    pub substances: Vec<String>,
    /// プログラム values (partial match: `SMARPP` matches `SMARPP（…版）`).
    pub programs: Vec<String>,
    /// Where the resource is (`大阪市` also matches `大阪市北区`).
    pub municipality: Option<String>,
    /// Resources that serve a person living here, by 対象地域.
    pub resident_of: Option<String>,
    /// Open on this weekday (0 = Monday).
    pub day: Option<u8>,
    /// Only resources that say they take anonymous consultations.
    pub anonymous: bool,
    /// Only resources that say no reservation is needed.
    pub no_reservation: bool,
    /// Only resources that state in their own words that they keep consultations confidential
    /// (and are not a police or enforcement body): [`ReportStance::NoReport`].
    pub confidential: bool,
    /// 対応言語: resources whose data says they answer in one of these (英語, or a sheet's
    /// language code: en, zh, ko, vi, ja).
    pub languages: Vec<String>,
    /// Open on this date by their schedule (public holidays and the year-end closure applied).
    pub open_on: Option<NaiveDate>,
    /// Open at this moment: a rule of their schedule states hours that include it.
    pub open_at: Option<NaiveDateTime>,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether a resource passes every filter.
    pub fn matches(&self, r: &Resource) -> bool {
        let any_of = |wanted: &[String], have: &[String], partial: bool| {
            wanted.is_empty()
                || wanted.iter().any(|w| {
                    let w = normalize(w);
                    have.iter().any(|h| {
                        let h = normalize(h);
                        h == w || (partial && h.contains(&w))
                    })
                })
        };
        (self.categories.is_empty() || self.categories.contains(&r.category))
            && any_of(&self.targets, &r.targets, false)
            && any_of(&self.substances, &r.substances, false)
            && any_of(&self.programs, &r.programs, true)
            && self.municipality.as_deref().is_none_or(|m| {
                r.municipality
                    .as_deref()
                    .is_some_and(|have| normalize(have).starts_with(&normalize(m)))
            })
            && self.resident_of.as_deref().is_none_or(|m| serves(r, m))
            && self.day.is_none_or(|d| open_on(r, d))
            && (!self.anonymous || r.accepts_anonymous())
            && (!self.no_reservation || r.needs_no_reservation())
            && (!self.confidential || ReportStance::of(r) == ReportStance::NoReport)
            && (self.languages.is_empty()
                || self.languages.iter().any(|w| {
                    let w = language_term(w);
                    r.languages.iter().any(|h| normalize(h) == w)
                }))
            && self.matches_schedule(r)
    }

    /// The filters in words, for the head of a printed list (`種別: 家族教室 / 居住地: 堺市`).
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        let mut add = |label: &str, values: Vec<String>| {
            if !values.is_empty() {
                parts.push(format!("{label}: {}", values.join("・")));
            }
        };
        add(
            "種別",
            self.categories
                .iter()
                .map(|c| c.label().to_owned())
                .collect(),
        );
        add("対象者", self.targets.clone());
        add("対象物質", self.substances.clone());
        add("プログラム", self.programs.clone());
        add("所在地", self.municipality.iter().cloned().collect());
        add("居住地", self.resident_of.iter().cloned().collect());
        add("対応言語", self.languages.clone());
        add(
            "曜日",
            self.day
                .iter()
                .filter_map(|d| {
                    crate::schedule::WEEKDAYS_JA
                        .get(usize::from(*d))
                        .map(|s| (*s).to_owned())
                })
                .collect(),
        );
        add(
            "開いている日",
            self.open_on.iter().map(|d| d.to_string()).collect(),
        );
        add(
            "開いている日時",
            self.open_at
                .iter()
                .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .collect(),
        );
        if self.anonymous {
            parts.push("匿名相談可".to_owned());
        }
        if self.no_reservation {
            parts.push("予約不要".to_owned());
        }
        if self.confidential {
            parts.push(ReportStance::NoReport.label().to_owned());
        }
        (!parts.is_empty()).then(|| parts.join(" / "))
    }

    /// Whether the resource passes the date and time filters (the ones the index cannot answer,
    /// because they depend on the calendar).
    pub fn matches_schedule(&self, r: &Resource) -> bool {
        if self.open_on.is_none() && self.open_at.is_none() {
            return true;
        }
        let schedule = Schedule::of(r);
        self.open_on.is_none_or(|d| schedule.is_open_on(d))
            && self.open_at.is_none_or(|t| schedule.is_open_at(t))
    }
}

/// The index term of a resource open in the evening (a query's 夜 is bounded by it).
pub(super) const EVENING_TERM: &str = "h:evening";

/// Index terms that let the search index answer the filters exactly (all but the partial
/// プログラム match, which [`Filters::matches`] checks on the candidates): one per value, each
/// prefixed with the filter it serves.
pub(super) fn index_terms(r: &Resource) -> Vec<String> {
    let mut out = vec![format!("c:{}", r.category.label())];
    out.extend(r.targets.iter().map(|t| format!("t:{}", normalize(t))));
    out.extend(r.substances.iter().map(|t| format!("s:{}", normalize(t))));
    out.extend(r.programs.iter().map(|t| format!("p:{}", normalize(t))));
    if let Some(m) = &r.municipality {
        // Every prefix, so `大阪市` finds `大阪市北区` with one term lookup.
        let m = normalize(m);
        let mut prefix = String::new();
        for c in m.chars() {
            prefix.push(c);
            out.push(format!("m:{prefix}"));
        }
    }
    let served = area::served_area(r);
    if served.basis == area::Basis::Anyone {
        out.push("a:*".to_owned());
    }
    out.extend(served.areas.iter().map(|a| format!("a:{}", normalize(a))));
    out.push(format!("r:{}", ReportStance::of(r).key()));
    if crate::schedule::Schedule::of(r).is_open_in_the_evening() {
        out.push(EVENING_TERM.to_owned());
    }
    out.extend(r.languages.iter().map(|l| format!("l:{}", normalize(l))));
    out.extend((0..7).filter(|d| open_on(r, *d)).map(|d| format!("d:{d}")));
    if r.accepts_anonymous() {
        out.push("x:anonymous".to_owned());
    }
    if r.needs_no_reservation() {
        out.push("x:no-reservation".to_owned());
    }
    out
}

impl Filters {
    /// The filters as groups of index terms: a resource passes when it has at least one term of
    /// every group. Mirrors [`Filters::matches`]; プログラム is left to it (partial match).
    pub(super) fn term_groups(&self) -> Vec<Vec<String>> {
        let mut groups = Vec::new();
        let mut group = |prefix: &str, values: &mut dyn Iterator<Item = String>| {
            groups.push(values.map(|v| format!("{prefix}:{v}")).collect::<Vec<_>>());
        };
        if !self.categories.is_empty() {
            group(
                "c",
                &mut self.categories.iter().map(|c| c.label().to_owned()),
            );
        }
        if !self.targets.is_empty() {
            group("t", &mut self.targets.iter().map(|v| normalize(v)));
        }
        if !self.substances.is_empty() {
            group("s", &mut self.substances.iter().map(|v| normalize(v)));
        }
        if let Some(m) = &self.municipality {
            group("m", &mut std::iter::once(normalize(m)));
        }
        if let Some(place) = &self.resident_of {
            let place = normalize(place);
            let mut areas = vec!["*".to_owned(), normalize("全国")];
            let mut prefix = String::new();
            for c in place.chars() {
                prefix.push(c);
                areas.push(prefix.clone());
            }
            if area::is_osaka_place(&place) {
                areas.push(normalize("大阪府"));
            }
            group("a", &mut areas.into_iter());
        }
        if let Some(d) = self.day {
            group("d", &mut std::iter::once(d.to_string()));
        }
        if !self.languages.is_empty() {
            group("l", &mut self.languages.iter().map(|v| language_term(v)));
        }
        if self.anonymous {
            group("x", &mut std::iter::once("anonymous".to_owned()));
        }
        if self.no_reservation {
            group("x", &mut std::iter::once("no-reservation".to_owned()));
        }
        if self.confidential {
            group(
                "r",
                &mut std::iter::once(ReportStance::NoReport.key().to_owned()),
            );
        }
        groups
    }
}

/// A language as typed after `--language` (英語, or a sheet's code such as `en`), as the index
/// and [`Filters::matches`] compare it.
fn language_term(typed: &str) -> String {
    let name = crate::sheet::Lang::parse(typed)
        .map(|l| l.dataset_name().to_owned())
        .unwrap_or_else(|_| typed.to_owned());
    normalize(&name)
}

/// Whether the resource's 利用可能曜日 include the weekday (0 = Monday).
pub fn open_on(r: &Resource, weekday: u8) -> bool {
    r.days.iter().any(|d| match d.as_str() {
        "平日" => weekday < 5,
        "毎日" => true,
        "土日" | "土日祝" => weekday >= 5,
        other => vocab::weekday_of(other) == Some(weekday),
    })
}

/// Parses a weekday as typed on the command line: 月, 月曜, 月曜日, mon, monday, or 0–6.
pub fn parse_weekday(s: &str) -> Option<u8> {
    let t = s.trim().to_lowercase();
    if let Some(d) = vocab::weekday_of(&t) {
        return Some(d);
    }
    let english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    english
        .iter()
        .position(|e| t.starts_with(e))
        .map(|p| p as u8)
        .or_else(|| t.parse::<u8>().ok().filter(|d| *d < 7))
}

/// Counts per value for each facet, over the resources given (the full result set, before the
/// limit). Values with the highest counts first.
pub fn facets<'a>(
    resources: impl Iterator<Item = &'a Resource>,
) -> BTreeMap<&'static str, Vec<(String, usize)>> {
    // Values are borrowed while counting (this runs on every keystroke) and copied once at the
    // end.
    let mut counts: BTreeMap<&'static str, BTreeMap<&'a str, usize>> = BTreeMap::new();
    let mut bump = |facet: &'static str, value: &'a str| {
        *counts.entry(facet).or_default().entry(value).or_default() += 1;
    };
    for r in resources {
        bump("category", r.category.label());
        r.targets.iter().for_each(|v| bump("targets", v));
        r.substances.iter().for_each(|v| bump("substances", v));
        r.programs.iter().for_each(|v| bump("programs", v));
        if let Some(m) = &r.municipality {
            bump("municipality", m);
        }
        for d in 0..7u8 {
            if open_on(r, d) {
                bump("day", crate::schedule::WEEKDAYS_JA[d as usize]);
            }
        }
        if r.accepts_anonymous() {
            bump("anonymous", crate::labels::ANONYMOUS_VALUE);
        }
        if r.needs_no_reservation() {
            bump("no_reservation", crate::labels::NO_RESERVATION_VALUE);
        }
    }
    counts
        .into_iter()
        .map(|(k, v)| {
            let mut v: Vec<(String, usize)> =
                v.into_iter().map(|(s, n)| (s.to_owned(), n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (k, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_area(area: &[&str]) -> Resource {
        Resource {
            service_area: area.iter().map(|s| s.to_string()).collect(),
            ..Resource::default()
        }
    }

    #[test]
    fn residency() {
        assert!(serves(&with_area(&["大阪市"]), "大阪市北区"));
        assert!(!serves(&with_area(&["大阪市"]), "堺市"));
        assert!(serves(&with_area(&["大東市", "四條畷市"]), "四条畷市"));
        assert!(serves(&with_area(&["大阪府"]), "枚方市"));
        assert!(!serves(&with_area(&["大阪府"]), "京都市"));
        assert!(serves(&with_area(&["全国"]), "京都市"));
        assert!(serves(&with_area(&[]), "堺市"));
    }

    #[test]
    fn weekdays() {
        let r = Resource {
            days: vec!["平日".into()],
            ..Resource::default()
        };
        assert!(open_on(&r, 0) && open_on(&r, 4) && !open_on(&r, 5));
        assert_eq!(parse_weekday("火曜日"), Some(1));
        assert_eq!(parse_weekday("sat"), Some(5));
        assert_eq!(parse_weekday("x"), None);
    }
}
