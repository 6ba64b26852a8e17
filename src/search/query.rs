//! What a typed query can mean: the words as typed, the romaji read as kana, and the field's
//! synonyms. Each reading is a [`Variant`] with a weight; a resource scores by its best variant.

use wana_kana::ConvertJapanese;

use super::normalize::{is_kana, normalize};
use super::places::Places;
use super::synonyms::Synonyms;
use super::tuning::{
    LITERAL, MAX_QUERY_CHARS, MAX_VARIANTS, PLACE, ROMAJI, SPLIT as SPLIT_WEIGHT, SYNONYM,
};

/// How a variant was derived from the typed query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Origin {
    /// The words as typed (normalised).
    Literal,
    /// Romaji converted to kana.
    Romaji,
    /// A synonym from the field's vocabulary.
    Synonym,
    /// A term split where kana, Latin letters and kanji meet (いばらぎ保健所 → いばらぎ 保健所).
    Split,
    /// A place typed as it is read (かいづか → 貝塚).
    Place,
}

/// One reading of the query.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Normalised terms; a resource should match all of them.
    pub terms: Vec<String>,
    /// Multiplier on the score (literal 1.0).
    pub weight: f32,
    /// How it was derived.
    pub origin: Origin,
}

/// The readings of `query`, the literal one first. Empty when the query has no searchable text.
pub fn variants(query: &str, synonyms: &Synonyms) -> Vec<Variant> {
    let clipped: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let literal: Vec<String> = normalize(&clipped)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if literal.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Variant {
        terms: literal.clone(),
        weight: LITERAL,
        origin: Origin::Literal,
    }];
    let romaji: Vec<String> = literal.iter().map(|t| romaji_to_kana(t)).collect();
    if romaji != literal {
        out.push(Variant {
            terms: romaji.clone(),
            weight: ROMAJI,
            origin: Origin::Romaji,
        });
    }
    // A reading typed next to kanji (いばらぎ保健所, ikuno区) matches neither the name nor the
    // reading as one string; split where the script changes, and read Latin parts as romaji.
    // A term that starts with a place (門真保護士会, 堺市家族会) is cut after it too.
    let split: Vec<String> = literal
        .iter()
        .flat_map(|t| split_scripts(t))
        .map(|t| romaji_to_kana(&t))
        .flat_map(|t| match Places::bundled().split_kanji(&t) {
            Some((place, rest)) => vec![place, rest],
            None => vec![t],
        })
        .collect();
    let split_differs = split != literal && split != romaji;
    if split_differs {
        out.push(Variant {
            terms: split.clone(),
            weight: SPLIT_WEIGHT,
            origin: Origin::Split,
        });
    }
    let mut bases = vec![(literal, LITERAL), (romaji, ROMAJI)];
    if split_differs {
        bases.push((split, SPLIT_WEIGHT));
    }
    let push = |out: &mut Vec<Variant>, v: Variant| {
        if out.len() < MAX_VARIANTS && !out.iter().any(|o| o.terms == v.terms) {
            out.push(v);
        }
    };
    for (base, weight) in &bases {
        for (i, term) in base.iter().enumerate() {
            for alt in synonyms.expand(term) {
                let mut terms = base.clone();
                terms[i] = alt;
                push(
                    &mut out,
                    Variant {
                        terms,
                        weight: SYNONYM * weight,
                        origin: Origin::Synonym,
                    },
                );
            }
        }
    }
    // Places last: a synonym is the field's own vocabulary, a place reading a guess at kanji.
    for (base, weight) in &bases {
        for (i, term) in base.iter().enumerate() {
            for alt in Places::bundled().expand(term) {
                let mut terms = base.clone();
                terms.splice(i..=i, alt.split(' ').map(str::to_owned));
                push(
                    &mut out,
                    Variant {
                        terms,
                        weight: PLACE * weight,
                        origin: Origin::Place,
                    },
                );
            }
        }
    }
    out
}

/// Splits a term where the script changes between hiragana, Latin letters and the rest (kanji,
/// digits). A one-kana particle between two other words separates them (摂津の保健所 → 摂津,
/// 保健所); other kana runs of one or two characters stay attached to what precedes them, so
/// they never become terms alone.
fn split_scripts(term: &str) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Script {
        Kana,
        Latin,
        Other,
    }
    let script = |c: char| {
        if is_kana(c) {
            Script::Kana
        } else if c.is_ascii_alphabetic() {
            Script::Latin
        } else {
            Script::Other
        }
    };
    let mut parts: Vec<(String, Script)> = Vec::new();
    for c in term.chars() {
        let s = script(c);
        match parts.last_mut() {
            Some((p, ps)) if *ps == s => p.push(c),
            _ => parts.push((c.to_string(), s)),
        }
    }
    const PARTICLES: &[&str] = &["の", "で", "に", "へ", "と", "や", "を", "は", "が"];
    let mut merged: Vec<String> = Vec::new();
    for (i, (p, s)) in parts.iter().enumerate() {
        let between_words = i > 0
            && i + 1 < parts.len()
            && parts[i - 1].1 == Script::Other
            && parts[i + 1].1 == Script::Other;
        if *s == Script::Kana && between_words && PARTICLES.contains(&p.as_str()) {
            continue;
        }
        let short_kana = *s == Script::Kana && p.chars().count() <= 2;
        match merged.last_mut() {
            Some(last) if short_kana => last.push_str(p),
            _ => merged.push(p.clone()),
        }
    }
    merged
}

/// Reads a Latin-letter term as romaji (`ibaraki` → いばらき). A trailing consonant that does not
/// finish a syllable yet (`ibarak`) is dropped, so typing still matches as a prefix. Terms that
/// are not romaji (`darc`, `smarpp`) come back unchanged.
fn romaji_to_kana(term: &str) -> String {
    if !term.chars().any(|c| c.is_ascii_alphabetic()) || !term.is_ascii() {
        return term.to_owned();
    }
    let kana = normalize(&term.to_hiragana());
    let trimmed = kana.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let tail = &kana[trimmed.len()..];
    // What may still be unfinished at the end: one consonant, or the start of a digraph.
    let partial_ok = tail.len() <= 1
        || [
            "ky", "sh", "ch", "ts", "ny", "hy", "my", "ry", "gy", "by", "py", "j", "dy",
        ]
        .contains(&tail);
    let all_kana = trimmed.chars().all(|c| is_kana(c) || c.is_ascii_digit());
    if partial_ok && all_kana && trimmed.chars().filter(|c| is_kana(*c)).count() >= 2 {
        trimmed.to_owned()
    } else {
        term.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romaji_and_partial_syllables() {
        assert_eq!(romaji_to_kana("ibaraki"), "いばらき");
        assert_eq!(romaji_to_kana("ibarak"), "いばら");
        assert_eq!(romaji_to_kana("higashiyodogawa"), "ひがしよどがわ");
        assert_eq!(romaji_to_kana("darc"), "darc");
        assert_eq!(romaji_to_kana("大阪"), "大阪");
    }

    #[test]
    fn splits_reading_from_kanji() {
        assert_eq!(split_scripts("いばらぎ保健所"), ["いばらぎ", "保健所"]);
        assert_eq!(split_scripts("こころの健康"), ["こころの", "健康"]);
        assert_eq!(split_scripts("大阪の家族"), ["大阪", "家族"]);
        assert_eq!(split_scripts("摂津の保健所"), ["摂津", "保健所"]);
        assert_eq!(split_scripts("大阪"), ["大阪"]);
        assert_eq!(split_scripts("ikuno区"), ["ikuno", "区"]);
        assert_eq!(split_scripts("darc大阪"), ["darc", "大阪"]);
    }

    #[test]
    fn literal_first_then_romaji_then_synonyms() {
        let v = variants("darc", Synonyms::bundled());
        assert_eq!(v[0].origin, Origin::Literal);
        assert!(
            v.iter()
                .any(|x| x.origin == Origin::Synonym && x.terms == ["だるく"])
        );
        assert!(variants("  、。 ", Synonyms::bundled()).is_empty());
    }

    #[test]
    fn places_typed_as_read_and_romaji_glued_to_kanji() {
        let v = variants("kumatori hokenjo", Synonyms::bundled());
        assert!(
            v.iter()
                .any(|x| x.origin == Origin::Place && x.terms == ["熊取", "ほけんじよ"]),
            "{v:?}"
        );
        let v = variants("ikuno区", Synonyms::bundled());
        assert!(
            v.iter()
                .any(|x| x.origin == Origin::Split && x.terms == ["いくの", "区"]),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|x| x.origin == Origin::Place && x.terms == ["生野", "区"]),
            "{v:?}"
        );
    }
}
