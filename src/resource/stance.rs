//! Whether a resource may report a consultation to the police — the committee's first point:
//! fear of being reported keeps people from asking for help at all.
//!
//! The stance is read from the record, never assumed: a police or enforcement body is known by
//! who runs it (運営主体) or its name; a resource that keeps consultations confidential says so in
//! its own words (秘密保持). Everything else says nothing, and is shown as saying nothing.

use serde::{Deserialize, Serialize};

use super::Resource;

/// Words in an organisation's name or a resource's name that mark a police or enforcement body.
const ENFORCEMENT_WORDS: &[&str] = &["警察", "麻薬取締", "取締部", "検察"];

/// What a resource says about reporting to the police.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ReportStance {
    /// States in its own words (秘密保持) that consultations stay confidential.
    NoReport,
    /// A police or enforcement body: it says so, and so must we.
    Enforcement,
    /// Says nothing either way.
    Unknown,
}

impl ReportStance {
    /// The stance of a resource. An enforcement body is that even when its page promises
    /// discretion: the badge must never reassure about the police.
    pub fn of(r: &Resource) -> ReportStance {
        let names = [r.organisation.as_deref(), Some(r.name.as_str())];
        if names
            .iter()
            .flatten()
            .any(|n| ENFORCEMENT_WORDS.iter().any(|w| n.contains(w)))
        {
            ReportStance::Enforcement
        } else if r
            .confidentiality
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            ReportStance::NoReport
        } else {
            ReportStance::Unknown
        }
    }

    /// The machine-readable value (`no-report`, `enforcement`, `unknown`), as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            ReportStance::NoReport => "no-report",
            ReportStance::Enforcement => "enforcement",
            ReportStance::Unknown => "unknown",
        }
    }

    /// The badge, in Japanese.
    pub fn label(self) -> &'static str {
        match self {
            ReportStance::NoReport => "秘密を守ると明記",
            ReportStance::Enforcement => "警察・取締機関",
            ReportStance::Unknown => "秘密保持の記載なし",
        }
    }

    /// One sentence for the detail and the sheet.
    pub fn sentence(self) -> &'static str {
        match self {
            ReportStance::NoReport => {
                "相談の秘密を守ると、この窓口自身の言葉で書かれています（下の「秘密保持」）。"
            }
            ReportStance::Enforcement => {
                "警察または取締りの機関です。保健・医療の窓口とは役割が異なります。"
            }
            ReportStance::Unknown => {
                "通報や秘密保持について、このデータには記載がありません。相談の前に窓口に確かめてください。"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn police_and_narcotics_control_are_enforcement_whatever_they_promise() {
        let police = Resource {
            name: "少年総合相談(グリーンライン)".into(),
            organisation: Some("大阪府警察".into()),
            confidentiality: Some("秘密は守ります".into()),
            ..Resource::default()
        };
        assert_eq!(ReportStance::of(&police), ReportStance::Enforcement);
        let ncd = Resource {
            name: "近畿厚生局麻薬取締部 再乱用防止対策室".into(),
            ..Resource::default()
        };
        assert_eq!(ReportStance::of(&ncd), ReportStance::Enforcement);
    }

    #[test]
    fn own_words_make_no_report_and_silence_stays_unknown() {
        let centre = Resource {
            name: "こころの健康センター".into(),
            confidentiality: Some("相談することで警察に通報しません".into()),
            ..Resource::default()
        };
        assert_eq!(ReportStance::of(&centre), ReportStance::NoReport);
        let quiet = Resource {
            name: "保健所".into(),
            remarks: Some("警察の窓口とは異なり、通報しない方針とは書かれていない".into()),
            ..Resource::default()
        };
        assert_eq!(ReportStance::of(&quiet), ReportStance::Unknown);
        assert_eq!(
            serde_json::to_string(&ReportStance::NoReport).unwrap(),
            "\"no-report\""
        );
    }
}
