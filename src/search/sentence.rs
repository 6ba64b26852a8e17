//! Reading a query typed as a sentence: `息子が大麻を使っている` asks about 息子 and 大麻. The
//! particles, auxiliaries and verb endings between the nouns (が, を, ている, たい, られない,
//! について…; [`super::lexicon`]'s function words) are left out, and what remains of a verb — a
//! one-kanji stem (使), a verb written in kana (やめ) — is kept but weighed down, since a parent's
//! sentence is found by what its nouns ask for.
//!
//! Works on the text before normalisation, which would fold katakana (a word of its own: ダルク)
//! into hiragana (the script of particles).

use unicode_normalization::UnicodeNormalization;

use super::lexicon::{
    LONGEST_FUNCTION_WORD, is_dictionary_word, is_function_word, is_kana_word, is_kanji,
};
use super::normalize::normalize;

/// One word of a sentence, normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    /// A verb's stem or a word in kana: matched, but counts for less than a noun.
    pub weak: bool,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Script {
    Hiragana,
    Katakana,
    Latin,
    /// Kanji, digits and anything else that is part of a word.
    Other,
}

fn script(c: char, prev: Option<Script>) -> Script {
    match c {
        // A long-vowel mark belongs to the word it lengthens (りかばりー, リカバリー).
        'ー' | '～' => prev.unwrap_or(Script::Katakana),
        '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ' => Script::Hiragana,
        '\u{30a1}'..='\u{30fa}' | 'ヽ' | 'ヾ' => Script::Katakana,
        c if c.is_ascii_alphabetic() => Script::Latin,
        _ => Script::Other,
    }
}

/// Particles that follow a noun (薬が, 夜に, 親と): the word before them is a noun, not the stem
/// of a verb.
const CASE_PARTICLES: &[&str] = &[
    "が", "を", "に", "は", "と", "で", "の", "も", "へ", "や", "から", "まで", "より", "など",
];

/// The words of one whitespace-free piece of a query, or `None` when it is not a sentence: no
/// hiragana (a name, a word, a place), or nothing but hiragana (a name typed as it sounds,
/// だるく or りかばりーはうす, which cutting into particles would only garble).
pub fn words(piece: &str) -> Option<Vec<Word>> {
    let text: String = piece.nfkc().collect();
    let mut runs: Vec<(String, Script)> = Vec::new();
    for c in text.chars() {
        let s = script(c, runs.last().map(|r| r.1));
        match runs.last_mut() {
            Some((r, rs)) if *rs == s => r.push(c),
            _ => runs.push((c.to_string(), s)),
        }
    }
    if !runs.iter().any(|(_, s)| *s == Script::Hiragana)
        || runs.iter().all(|(_, s)| *s == Script::Hiragana)
    {
        return None;
    }
    let mut out: Vec<Word> = Vec::new();
    for (i, (run, s)) in runs.iter().enumerate() {
        if *s != Script::Hiragana {
            let text = normalize(run);
            if !text.trim().is_empty() {
                out.push(Word {
                    text: text.split_whitespace().collect(),
                    weak: false,
                });
            }
            continue;
        }
        let mut after_kanji =
            i > 0 && runs[i - 1].1 == Script::Other && runs[i - 1].0.chars().any(is_kanji);
        let mut run = run.as_str();
        // A noun that ends in kana (赤ちゃん, 子ども) keeps them: they are neither okurigana nor
        // a particle, and what follows it follows a noun.
        if after_kanji
            && let Some(tail) = noun_tail(&runs[i - 1].0, run)
            && let Some(last) = out.last_mut()
        {
            last.text = normalize(&format!("{}{tail}", runs[i - 1].0))
                .split_whitespace()
                .collect();
            last.weak = false;
            run = &run[tail.len()..];
            after_kanji = false;
        }
        let pieces = cut(&normalize(run));
        for (k, (p, function)) in pieces.iter().enumerate() {
            if k == 0 && after_kanji {
                // What follows a kanji word: a case particle after a noun (薬が), or the ending of
                // a verb whose stem is the one kanji before it (使って, 出た, 聞けば).
                let noun = *function && CASE_PARTICLES.iter().any(|c| normalize(c) == *p);
                if let Some(last) = out.last_mut()
                    && !noun
                    && last.text.chars().count() == 1
                {
                    last.weak = true;
                }
                if !function {
                    // Okurigana belong to the kanji before them.
                    continue;
                }
            }
            if !function && p.chars().count() >= 2 {
                out.push(Word {
                    text: p.clone(),
                    weak: true,
                });
            }
        }
    }
    Some(out)
}

/// The kana that start `kana` and end a dictionary noun begun by the kanji word `kanji`: at
/// least two of them, so that a verb's stem read as a noun (飲み, 使い) stays a verb's.
fn noun_tail<'a>(kanji: &str, kana: &'a str) -> Option<&'a str> {
    /// Kana a noun's end is looked for in (ちゃん in 赤ちゃん, the longest usual).
    const LONGEST_TAIL: usize = 4;
    let ends: Vec<usize> = kana
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .take(LONGEST_TAIL)
        .collect();
    ends.iter()
        .skip(1)
        .rev()
        .map(|end| &kana[..*end])
        .find(|tail| is_dictionary_word(&format!("{kanji}{tail}")))
}

/// A piece typed all in hiragana beside other words (`妊娠中 薬 やめられない`) read as a verb
/// phrase: its kana words, weak, when it is wholly kana words and function words, with at least
/// one of each (やめ + られない). `None` otherwise: a name typed as it sounds (だるく) keeps its
/// whole form.
pub fn kana_phrase(piece: &str) -> Option<Vec<Word>> {
    let text = normalize(piece);
    if text.is_empty() || !text.chars().all(super::normalize::is_kana) {
        return None;
    }
    let pieces = cut(&text);
    let known = |p: &str| is_function_word(p) || is_kana_word(p);
    let function = pieces.iter().any(|(_, f)| *f);
    let words: Vec<Word> = (pieces.iter())
        .filter(|(_, f)| !f)
        .map(|(p, _)| Word {
            text: p.clone(),
            weak: true,
        })
        .collect();
    (function && !words.is_empty() && pieces.iter().all(|(p, f)| *f || known(p))).then_some(words)
}

/// Cuts a normalised kana run into function words, kana words and what is left between them
/// (each left-over stretch one piece), leaving as few characters unknown as possible, then
/// reading as few of them as words of their own, then using as few pieces. Each piece says
/// whether it is a function word.
fn cut(kana: &str) -> Vec<(String, bool)> {
    #[derive(Clone, Copy)]
    struct Step {
        /// (unknown characters, pieces that are not function words, pieces): smaller is better.
        cost: (usize, usize, usize),
        start: usize,
        function: bool,
    }
    let chars: Vec<char> = kana.chars().collect();
    let n = chars.len();
    let mut best: Vec<Option<Step>> = vec![None; n + 1];
    best[0] = Some(Step {
        cost: (0, 0, 0),
        start: 0,
        function: true,
    });
    for i in 0..n {
        let Some(Step {
            cost: (u, c, p), ..
        }) = best[i]
        else {
            continue;
        };
        let mut relax = |end: usize, cost: (usize, usize, usize), function: bool| {
            if best[end].is_none_or(|b| cost < b.cost) {
                best[end] = Some(Step {
                    cost,
                    start: i,
                    function,
                });
            }
        };
        relax(i + 1, (u + 1, c + 1, p + 1), false);
        let mut word = String::new();
        for (len, ch) in chars[i..].iter().take(LONGEST_FUNCTION_WORD).enumerate() {
            word.push(*ch);
            if is_function_word(&word) {
                relax(i + len + 1, (u, c, p + 1), true);
            } else if is_kana_word(&word) {
                relax(i + len + 1, (u, c + 1, p + 1), false);
            }
        }
    }
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut at = n;
    while let Some(step) = best[at].filter(|_| at > 0) {
        let text: String = chars[step.start..at].iter().collect();
        match pieces.last_mut() {
            // Pieces that are not function words next to each other are one word.
            Some((t, false)) if !step.function => t.insert_str(0, &text),
            _ => pieces.push((text, step.function)),
        }
        at = step.start;
    }
    pieces.reverse();
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<(String, bool)> {
        words(s)
            .unwrap_or_default()
            .into_iter()
            .map(|w| (w.text, w.weak))
            .collect()
    }

    fn n(s: &str) -> String {
        normalize(s)
    }

    #[test]
    fn nouns_stay_and_particles_and_endings_go() {
        assert_eq!(
            read("息子が大麻を使っている"),
            [(n("息子"), false), (n("大麻"), false), (n("使"), true)]
        );
        assert_eq!(
            read("刑務所を出た人の就職"),
            [
                (n("刑務所"), false),
                (n("出"), true),
                (n("人"), false),
                (n("就職"), false)
            ]
        );
        assert_eq!(
            read("土曜日に依存症のことを電話で相談できますか"),
            [
                (n("土曜日"), false),
                (n("依存症"), false),
                (n("電話"), false),
                (n("相談"), false)
            ]
        );
    }

    #[test]
    fn a_noun_ending_in_kana_keeps_them() {
        assert_eq!(
            read("赤ちゃんいる 薬物"),
            [(n("赤ちゃん"), false), (n("薬物"), false)]
        );
        assert_eq!(
            read("子どもが薬をやめられない"),
            [(n("子ども"), false), (n("薬"), false), (n("やめ"), true)]
        );
        // A verb's stem stays one, even where the dictionary has it as a noun.
        assert_eq!(read("薬を飲みすぎた"), [(n("薬"), false), (n("飲"), true)]);
    }

    #[test]
    fn a_verb_in_kana_is_kept_but_weak_and_katakana_is_a_word() {
        assert_eq!(
            read("薬がやめられない"),
            [(n("薬"), false), (n("やめ"), true)]
        );
        assert_eq!(
            read("ダルクに行きたい"),
            [(n("ダルク"), false), (n("行"), true)]
        );
    }

    #[test]
    fn a_verb_phrase_typed_alone_in_kana() {
        let read =
            |s: &str| kana_phrase(s).map(|w| w.into_iter().map(|w| w.text).collect::<Vec<_>>());
        assert_eq!(read("やめられない"), Some(vec![n("やめ")]));
        assert_eq!(read("だるく"), None);
        assert_eq!(read("りかばりーはうす"), None);
        assert_eq!(read("ならのん"), None);
    }

    #[test]
    fn words_without_hiragana_are_not_sentences() {
        assert_eq!(words("大阪ダルク"), None);
        assert_eq!(words("SMARPP"), None);
        assert_eq!(words("りかばりーはうす"), None);
    }
}
