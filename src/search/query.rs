//! What a typed query can mean: the words as typed, the romaji read as kana, and the field's
//! synonyms. Each reading is a [`Variant`] with a weight; a resource scores by its best variant.

use wana_kana::ConvertJapanese;

use unicode_normalization::UnicodeNormalization;

use super::lexicon;
use super::normalize::{is_kana, normalize};
use super::places::Places;
use super::sentence;
use super::synonyms::Synonyms;
use super::tuning::{
    LITERAL, MAX_QUERY_CHARS, MAX_VARIANTS, PLACE, READING, ROMAJI, SENTENCE,
    SPLIT as SPLIT_WEIGHT, SYNONYM,
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
    /// A sentence read for its words (息子が大麻を使っている → 息子 大麻 使).
    Sentence,
    /// Kanji read through the dictionary (野菊会 → のぎくかい), matched against readings.
    Reading,
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
    /// Per term: weighed down (a verb's stem in a sentence). Empty: none is.
    pub weak: Vec<bool>,
}

impl Variant {
    /// A reading with no term weighed down.
    pub(super) fn new(terms: Vec<String>, weight: f32, origin: Origin) -> Variant {
        Variant {
            terms,
            weight,
            origin,
            weak: Vec::new(),
        }
    }

    /// Whether term `i` is weighed down.
    pub fn is_weak(&self, i: usize) -> bool {
        self.weak.get(i).copied().unwrap_or(false)
    }

    /// This reading with term `i` replaced by `with` (one or more terms), its weakness kept.
    fn replace(&self, i: usize, with: Vec<String>, weight: f32, origin: Origin) -> Variant {
        let mut terms = self.terms.clone();
        let n = with.len();
        terms.splice(i..=i, with);
        let weak = if self.weak.is_empty() {
            Vec::new()
        } else {
            let mut weak = self.weak.clone();
            let w = self.is_weak(i);
            weak.splice(i..=i, std::iter::repeat_n(w, n));
            weak
        };
        Variant {
            terms,
            weight,
            origin,
            weak,
        }
    }
}

/// The readings of `query`, the literal one first. Empty when the query has no searchable text.
pub fn variants(query: &str, synonyms: &Synonyms) -> Vec<Variant> {
    let clipped: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let literal = glue_place_suffixes(normalize(&clipped).split_whitespace());
    if literal.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Variant::new(literal.clone(), LITERAL, Origin::Literal)];
    let romaji: Vec<String> = literal.iter().map(|t| romaji_to_kana(t)).collect();
    if romaji != literal {
        out.push(Variant::new(romaji.clone(), ROMAJI, Origin::Romaji));
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
        out.push(Variant::new(split.clone(), SPLIT_WEIGHT, Origin::Split));
    }
    let mut bases = vec![
        Variant::new(literal.clone(), LITERAL, Origin::Literal),
        Variant::new(romaji, ROMAJI, Origin::Romaji),
    ];
    if split_differs {
        bases.push(Variant::new(split, SPLIT_WEIGHT, Origin::Split));
    }
    if let Some(v) = read_as_sentence(&clipped).filter(|v| !out.iter().any(|o| o.terms == v.terms))
    {
        out.push(v.clone());
        bases.push(v);
    }
    let push = |out: &mut Vec<Variant>, v: Variant| {
        if out.len() < MAX_VARIANTS && !out.iter().any(|o| o.terms == v.terms) {
            out.push(v);
        }
    };
    // Places before synonyms, though weighed below them (a synonym is the field's own
    // vocabulary, a place reading a guess at kanji): a place changes whom a query is for, and
    // the synonyms of its other words would otherwise fill every slot (higashiosaka 薬物 相談).
    for base in &bases {
        for (i, term) in base.terms.iter().enumerate() {
            for alt in Places::bundled().expand(term) {
                let with = alt.split(' ').map(str::to_owned).collect();
                push(
                    &mut out,
                    base.replace(i, with, PLACE * base.weight, Origin::Place),
                );
            }
        }
    }
    for base in &bases {
        for (i, term) in base.terms.iter().enumerate() {
            for alt in synonyms.expand(term) {
                let v = base.replace(i, vec![alt], SYNONYM * base.weight, Origin::Synonym);
                push(&mut out, v);
            }
        }
    }
    // Readings last, of the words as typed: a name written with other kanji of the same sound
    // (野菊会 for 乃ぎく会), or a name whose kanji the counsellor heard but cannot write.
    // Only words of three characters or more: a short word's reading (夜 → よる) is part of too
    // many other words.
    let read: Vec<String> = literal
        .iter()
        .map(|t| {
            Some(t)
                .filter(|t| t.chars().count() >= 3)
                .and_then(|t| lexicon::reading(t))
                .unwrap_or_else(|| t.clone())
        })
        .collect();
    if read != literal {
        push(&mut out, Variant::new(read, READING, Origin::Reading));
    }
    out
}

/// The suffix of an administrative name typed apart from it (`mihara-ku`, `生野 区`, `toyonaka
/// shi`) joined back to the word before it, so the place is read whole.
fn glue_place_suffixes<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "区",
        "市",
        "町",
        "村",
        "く",
        "し",
        "ちょう",
        "まち",
        "むら",
        "ku",
        "shi",
        "cho",
        "chou",
        "machi",
        "mura",
    ];
    let mut out: Vec<String> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(prev) if SUFFIXES.iter().any(|s| normalize(s) == w) => prev.push_str(w),
            _ => out.push(w.to_owned()),
        }
    }
    out
}

/// The query read as one or more sentences ([`sentence::words`]): `None` when nothing in it
/// reads as one, so the reading would be the literal one again.
fn read_as_sentence(query: &str) -> Option<Variant> {
    let text: String = query.nfkc().collect();
    let mut terms = Vec::new();
    let mut weak = Vec::new();
    let mut any = false;
    let pieces: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "、。，．,.!?！？・「」『』()（）".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    for piece in &pieces {
        // Beside other words, a piece all in kana may be the sentence's verb (やめられない).
        let phrase = || {
            (pieces.len() > 1)
                .then(|| sentence::kana_phrase(piece))
                .flatten()
        };
        match sentence::words(piece).or_else(phrase) {
            Some(words) => {
                any = true;
                for w in words {
                    terms.push(w.text);
                    weak.push(w.weak);
                }
            }
            None => {
                for t in normalize(piece).split_whitespace() {
                    terms.push(t.to_owned());
                    weak.push(false);
                }
            }
        }
    }
    (any && !terms.is_empty()).then_some(Variant {
        terms,
        weight: SENTENCE,
        origin: Origin::Sentence,
        weak,
    })
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
    fn a_suffix_typed_apart_joins_its_place() {
        let v = variants("mihara-ku 依存", Synonyms::bundled());
        assert_eq!(v[0].terms, ["miharaku", "依存"]);
        assert!(
            v.iter()
                .any(|x| x.terms == [normalize("美原区"), normalize("依存")]),
            "{v:?}"
        );
        assert_eq!(
            variants("生野 区", Synonyms::bundled())[0].terms,
            ["生野区"]
        );
    }

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
        // A verb typed alone in kana beside other words is the sentence's verb: weak.
        let v = variants("妊娠中 薬 やめられない", Synonyms::bundled());
        let sentence = v.iter().find(|x| x.origin == Origin::Sentence);
        assert_eq!(
            sentence.map(|x| (x.terms.clone(), x.weak.clone())),
            Some((
                vec![normalize("妊娠中"), normalize("薬"), normalize("やめ")],
                vec![false, false, true]
            )),
            "{v:?}"
        );
        // Words with many synonyms beside a place typed in romaji leave room for the place.
        let v = variants("higashiosaka 薬物 相談", Synonyms::bundled());
        assert!(
            v.iter()
                .any(|x| x.origin == Origin::Place && x.terms[0] == "東大阪"),
            "{v:?}"
        );
    }
}
