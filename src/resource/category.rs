//! The closed list of resource kinds (種別).

use serde::{Deserialize, Serialize};

/// What kind of place a resource is. The list is closed on purpose: filters, facets and the referral
/// sheet group by it, so a free-text value would silently fall out of every list.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Category {
    /// 相談窓口: health centres, mental-health centres, administrative consultation windows.
    #[serde(rename = "相談窓口")]
    Consultation,
    /// 電話相談: telephone and SNS consultation lines.
    #[serde(rename = "電話相談")]
    Hotline,
    /// 自助グループ: self-help groups (NA, Nar-Anon…).
    #[serde(rename = "自助グループ")]
    SelfHelpGroup,
    /// 家族会: family associations run by families.
    #[serde(rename = "家族会")]
    FamilyAssociation,
    /// 家族教室: family classes run by public bodies or clinics.
    #[serde(rename = "家族教室")]
    FamilyClass,
    /// 医療機関: hospitals and clinics.
    #[serde(rename = "医療機関")]
    Medical,
    /// 回復施設: recovery facilities (DARC, MAC…).
    #[serde(rename = "回復施設")]
    Recovery,
    /// 就労支援: employment support.
    #[serde(rename = "就労支援")]
    Employment,
    /// 法律相談: legal consultation (bail, criminal defence, debts).
    #[serde(rename = "法律相談")]
    Legal,
    /// 司法・更生保護: probation, corrections, rehabilitation support.
    #[serde(rename = "司法・更生保護")]
    Justice,
    /// その他: networks, policy hubs, anything else.
    #[serde(rename = "その他")]
    #[default]
    Other,
}

impl Category {
    /// Every category, in the order the dataset schema lists them.
    pub const ALL: [Category; 11] = [
        Category::Consultation,
        Category::Hotline,
        Category::SelfHelpGroup,
        Category::FamilyAssociation,
        Category::FamilyClass,
        Category::Medical,
        Category::Recovery,
        Category::Employment,
        Category::Legal,
        Category::Justice,
        Category::Other,
    ];

    /// The Japanese label used in the dataset and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Category::Consultation => "相談窓口",
            Category::Hotline => "電話相談",
            Category::SelfHelpGroup => "自助グループ",
            Category::FamilyAssociation => "家族会",
            Category::FamilyClass => "家族教室",
            Category::Medical => "医療機関",
            Category::Recovery => "回復施設",
            Category::Employment => "就労支援",
            Category::Legal => "法律相談",
            Category::Justice => "司法・更生保護",
            Category::Other => "その他",
        }
    }

    /// Parses a label as written in a dataset. The caller normalises width first (NFKC), so
    /// `司法･更生保護` with a half-width dot is accepted; `司法・更生保護` without the dot too.
    pub fn from_label(label: &str) -> Option<Category> {
        let wanted = label.trim();
        // The label as written, as nearly every cell has it, before any spelling without its
        // middle dots (an import reads this for every row).
        if let Some(c) = Category::ALL.into_iter().find(|c| c.label() == wanted) {
            return Some(c);
        }
        let wanted = wanted.replace(['・', '･'], "");
        Category::ALL
            .into_iter()
            .find(|c| c.label().replace('・', "") == wanted)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_round_trips() {
        for c in Category::ALL {
            assert_eq!(Category::from_label(c.label()), Some(c));
        }
    }

    #[test]
    fn dot_variants_are_the_same_category() {
        assert_eq!(
            Category::from_label("司法更生保護"),
            Some(Category::Justice)
        );
        assert_eq!(
            Category::from_label(" 司法･更生保護 "),
            Some(Category::Justice)
        );
        assert_eq!(Category::from_label("病院"), None);
    }
}
