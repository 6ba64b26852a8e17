//! Place names and their readings (`data/places.tsv`): a place typed in kana or romaji
//! (かいづか, kumatori, ikuno) stands for its kanji, which is how the catalogue writes it in
//! 対象地域 and 住所. Names carry their readings in 名称_カナ, but areas and addresses do not, so
//! without this table a health centre whose area covers 熊取町 cannot be found by くまとり.

use std::sync::OnceLock;

use super::normalize::{is_kana, normalize};

use super::tuning::MAX_PLACE_EXPANSIONS as MAX_EXPANSIONS;

/// One place: its name and reading, normalised, with and without the 市/町/村/区/府 suffix.
#[derive(Debug, Clone)]
struct Place {
    /// 貝塚市.
    name: String,
    /// 貝塚, or the whole name when the stem would be one character (北区, not 北).
    stem: String,
    /// かいずかし, long vowels folded ([`loose`]).
    reading: String,
    /// かいずか, long vowels folded.
    stem_reading: String,
}

/// The table of places.
#[derive(Debug, Clone, Default)]
pub struct Places {
    places: Vec<Place>,
}

/// Suffixes of administrative names and how they are read in Osaka Prefecture.
const SUFFIXES: &[(char, &str)] = &[
    ('市', "し"),
    ('町', "ちよう"),
    ('村', "むら"),
    ('区', "く"),
    ('府', "ふ"),
];

impl Places {
    /// Parses `name<TAB>reading` lines; `#` starts a comment line. Malformed lines are skipped:
    /// the table ships with the program and a test checks every line parses.
    pub fn parse(text: &str) -> Places {
        let places = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (name, reading) = l.split_once('\t')?;
                let name = normalize(name.trim());
                let reading = normalize(reading.trim());
                if name.is_empty() || !reading.chars().all(is_kana) {
                    return None;
                }
                let (stem, stem_reading) = SUFFIXES
                    .iter()
                    .find_map(|(kanji, kana)| {
                        let stem = name.strip_suffix(*kanji)?;
                        let stem_reading = reading.strip_suffix(kana)?;
                        Some((stem.to_owned(), stem_reading.to_owned()))
                    })
                    .unwrap_or_else(|| (name.clone(), reading.clone()));
                let stem = if stem.chars().count() >= 2 {
                    stem
                } else {
                    name.clone()
                };
                Some(Place {
                    stem,
                    reading: loose(&reading),
                    stem_reading: loose(&stem_reading),
                    name,
                })
            })
            .collect();
        Places { places }
    }

    /// The bundled table.
    pub fn bundled() -> &'static Places {
        static TABLE: OnceLock<Places> = OnceLock::new();
        TABLE.get_or_init(|| Places::parse(include_str!("../../data/places.tsv")))
    }

    /// A term that starts with a place name written in kanji, cut after it: `門真保護士会` →
    /// (`門真`, `保護士会`), so that the rest is matched on its own (with its typo) and the place
    /// on its own. The longest place wins; `None` unless at least two characters remain.
    pub fn split_kanji(&self, term: &str) -> Option<(String, String)> {
        self.places
            .iter()
            .flat_map(|p| [&p.name, &p.stem])
            .filter(|place| place.chars().count() >= 2 && !place.chars().all(is_kana))
            .filter(|place| {
                term.strip_prefix(place.as_str())
                    .is_some_and(|rest| rest.chars().count() >= 2)
            })
            .max_by_key(|place| place.len())
            .map(|place| (place.clone(), term[place.len()..].to_owned()))
    }

    /// What a normalised kana term may stand for, best first: the kanji of a place read that way
    /// (かいずかし → 貝塚市, かいずか → 貝塚), of a place whose reading it begins (ひがしよど →
    /// 東淀川) or misses by one kana (いばらぎ → 茨木), and a place reading followed by more words
    /// (くまとりほけんじよ → `熊取 ほけんじよ`, two terms). Long vowels are compared loosely, as
    /// romaji is typed (chuo, oosaka). Empty for anything but kana.
    pub fn expand(&self, term: &str) -> Vec<String> {
        if term.chars().count() < 2 || !term.chars().all(is_kana) {
            return Vec::new();
        }
        // The loose reading of the term, and of every start of it as where it ends in `t`
        // (`loose` reads left to right, so a start's is a start of the term's).
        let (t, ends) = loose_ends(term);
        let len = t.chars().count();
        let mut out: Vec<String> = Vec::new();
        fn push(out: &mut Vec<String>, s: String) {
            if out.len() < MAX_EXPANSIONS && !out.contains(&s) {
                out.push(s);
            }
        }
        for p in &self.places {
            if t == p.reading {
                push(&mut out, p.name.clone());
            } else if t == p.stem_reading {
                push(&mut out, p.stem.clone());
            }
        }
        if len >= 3 {
            for p in &self.places {
                if p.stem_reading.chars().count() > len && p.stem_reading.starts_with(&t) {
                    push(&mut out, p.stem.clone());
                }
            }
        }
        if len >= 4 && out.is_empty() {
            for p in &self.places {
                if p.stem_reading.chars().count() >= 4 && within_one_edit(&t, &p.stem_reading) {
                    push(&mut out, p.stem.clone());
                }
            }
            // A place and what follows it, typed as one word: the longest place reading first,
            // cut from the term as typed (the rest keeps its long vowels).
            let chars: Vec<char> = term.chars().collect();
            let mut best: Option<(&Place, usize)> = None;
            for p in &self.places {
                let n = p.stem_reading.chars().count();
                if n < 3 || best.is_some_and(|(b, _)| b.stem_reading.chars().count() >= n) {
                    continue;
                }
                // Where the place's reading ends in the term (the longest cut, so a trailing
                // long vowel stays with the place), leaving at least two characters.
                let cut = (n..=chars.len().saturating_sub(2).min(n * 2))
                    .rev()
                    .find(|k| t[..ends[*k]] == p.stem_reading);
                if let Some(k) = cut {
                    best = Some((p, k));
                }
            }
            if let Some((p, k)) = best {
                let mut rest: String = chars[k..].iter().collect();
                // かいずかしほけんじよ: the suffix's reading belongs to the place.
                let mut stem = p.stem.clone();
                if let Some(after) = SUFFIXES
                    .iter()
                    .find(|(kanji, _)| p.name.ends_with(*kanji))
                    .and_then(|(_, kana)| rest.strip_prefix(kana))
                    .filter(|after| after.chars().count() >= 2)
                {
                    rest = after.to_owned();
                    stem = p.name.clone();
                }
                push(&mut out, format!("{stem} {rest}"));
            }
        }
        out
    }
}

/// A reading with long vowels folded the way romaji drops them: う after an o- or u-sound and お
/// after an o-sound go (おおさか → おさか, ちゆうおう → ちゆお), so `osaka`, `oosaka`, `chuo` and
/// `chuuou` all meet the reading.
pub(super) fn loose(reading: &str) -> String {
    let mut out = String::with_capacity(reading.len());
    loose_with(reading, &mut out, |_| {});
    out
}

/// [`loose`] of `reading`, and per start of it of k characters (k from 0 to all) where
/// `loose` of that start ends in it, in bytes: a place cut from the front of a term is
/// compared without a string per cut.
fn loose_ends(reading: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(reading.len());
    let mut ends = vec![0];
    loose_with(reading, &mut out, |len| ends.push(len));
    (out, ends)
}

/// [`loose`] into `out`, calling `read` with the length of `out` after each character read.
fn loose_with(reading: &str, out: &mut String, mut read: impl FnMut(usize)) {
    let mut prev_vowel = None;
    for c in reading.chars() {
        let v = vowel(c);
        let long = match c {
            'う' => matches!(prev_vowel, Some('o' | 'u')),
            'お' => prev_vowel == Some('o'),
            _ => false,
        };
        if !long {
            out.push(c);
            prev_vowel = v;
        }
        read(out.len());
    }
}

/// The vowel a hiragana ends in (small kana are folded to full size before this).
fn vowel(c: char) -> Option<char> {
    const ROWS: [(&str, char); 5] = [
        ("あかさたなはまやらわがざだばぱ", 'a'),
        ("いきしちにひみりぎじぢびぴ", 'i'),
        ("うくすつぬふむゆるぐずづぶぷゔ", 'u'),
        ("えけせてねへめれげぜでべぺ", 'e'),
        ("おこそとのほもよろをごぞどぼぽ", 'o'),
    ];
    ROWS.iter()
        .find(|(row, _)| row.contains(c))
        .map(|(_, v)| *v)
}

/// Whether `a` and `b` differ by at most one inserted, deleted or changed character.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - prefix - suffix <= 1
}

/// `吹田市保健所` → `吹田保健所`, `大阪府茨木保健所` → `大阪茨木保健所`: the suffix of every Osaka
/// municipality (and of 大阪府) removed.
pub(super) fn without_place_suffixes(name: &str) -> String {
    /// The places as (full, short) and the characters they end with.
    type Table = (Vec<(String, String)>, Vec<char>);
    static PLACES: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let (places, suffixes) = PLACES.get_or_init(|| {
        let places: Vec<(String, String)> = super::OSAKA_MUNICIPALITIES
            .iter()
            .chain(&["大阪府"])
            .map(|m| {
                let n = normalize(m);
                let mut short = n.clone();
                short.pop();
                (n, short)
            })
            .collect();
        let mut suffixes: Vec<char> = places
            .iter()
            .filter_map(|(n, _)| n.chars().last())
            .collect();
        suffixes.sort_unstable();
        suffixes.dedup();
        (places, suffixes)
    });
    // Most names hold no place at all: one scan for the few characters places end with spares
    // them a search for each of the prefecture's municipalities (every name is read at import).
    if !name.contains(suffixes.as_slice()) {
        return name.to_owned();
    }
    let mut out = name.to_owned();
    for (full, short) in places {
        if out.contains(full.as_str()) {
            out = out.replace(full.as_str(), short);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(q: &str) -> Vec<String> {
        Places::bundled().expand(&normalize(q))
    }

    #[test]
    fn every_line_of_the_table_parses() {
        let lines = include_str!("../../data/places.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(Places::bundled().places.len(), lines);
        // Sakai's 北区 and 西区 share their names (and readings) with Osaka City's.
        assert!(lines >= 43 + 24 + 5, "every municipality and ward");
    }

    #[test]
    fn readings_stand_for_their_kanji() {
        assert_eq!(expand("かいづか"), ["貝塚"]);
        assert_eq!(expand("かいづかし"), ["貝塚市"]);
        assert_eq!(expand("くまとり"), ["熊取"]);
        assert_eq!(expand("いくの"), ["生野"]);
        // A one-character stem stands as the whole name: 北 alone would match too much.
        assert_eq!(expand("きた"), ["北区"]);
        assert_eq!(expand("なにわく"), ["浪速区"]);
    }

    #[test]
    fn romaji_long_vowels_prefixes_and_typos() {
        assert!(expand("ちゅお").contains(&normalize("中央")));
        assert!(expand("おさか").contains(&normalize("大阪")));
        assert!(expand("ひがしよど").contains(&normalize("東淀川")));
        assert!(expand("いばらぎ").contains(&normalize("茨木")));
        assert!(expand("しじょうなわて").contains(&normalize("四条畷")));
    }

    #[test]
    fn a_place_glued_to_more_words_is_split() {
        assert_eq!(expand("くまとりほけんじょ"), [normalize("熊取 ほけんじょ")]);
        assert_eq!(
            expand("かいづかしほけんじょ"),
            [normalize("貝塚市 ほけんじょ")]
        );
    }

    #[test]
    fn a_term_starting_with_a_place_is_cut_after_it() {
        let split = |q: &str| Places::bundled().split_kanji(&normalize(q));
        assert_eq!(
            split("門真保護士会"),
            Some(("門真".to_owned(), "保護士会".to_owned()))
        );
        // The longest place: 東大阪, not 大阪 (which is not a prefix anyway) nor 東.
        assert_eq!(
            split("東大阪市保健所"),
            Some(("東大阪市".to_owned(), "保健所".to_owned()))
        );
        assert_eq!(split("門真"), None);
        assert_eq!(split("家族会"), None);
    }

    #[test]
    fn other_words_stand_for_nothing() {
        assert!(expand("だるく").is_empty());
        assert!(expand("家族").is_empty());
        assert!(expand("ibaraki").is_empty());
        assert!(expand("あ").is_empty());
    }

    #[test]
    fn the_loose_start_of_a_reading_is_the_start_of_its_loose_form() {
        for reading in [
            "おおさか",
            "ちゆうおうく",
            "とうよう",
            "かいづかしほけんじよ",
            "う",
        ] {
            let (whole, ends) = loose_ends(reading);
            assert_eq!(whole, loose(reading));
            let chars: Vec<char> = reading.chars().collect();
            assert_eq!(ends.len(), chars.len() + 1);
            for (k, end) in ends.iter().enumerate() {
                let start: String = chars[..k].iter().collect();
                assert_eq!(whole[..*end], loose(&start), "{reading} {k}");
            }
        }
    }

    #[test]
    fn loose_folds_long_vowels_only() {
        assert_eq!(loose("おおさか"), "おさか");
        assert_eq!(loose(&normalize("ちゅうおう")), loose(&normalize("ちゅお")));
        assert_eq!(loose(&normalize("きょうと")), loose(&normalize("きょと")));
        assert_eq!(loose("いう"), "いう");
    }
}
