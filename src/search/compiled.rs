//! A query made ready for scoring many resources: its readings' distinct terms, each with its
//! grams, searchers and what the term asks for beyond text (a residence, the caller's own
//! window's remit, the evening, days).

use memchr::memmem::Finder;

use super::lexicon;
use super::normalize::{bigrams, normalize};
use super::query::{Origin, Variant};
use super::tuning;

/// All readings of a query made ready for scoring many resources: each distinct term's
/// characters and grams computed once, and each variant as indices into the distinct terms (the
/// readings share most of their terms, so each is matched once per resource).
pub struct Compiled<'v> {
    /// Per variant: the variant, its terms as indices into `terms`, its terms joined, and each
    /// term's weight (1, or [`tuning::WEAK`]).
    pub(super) variants: Vec<(&'v Variant, Vec<usize>, String, Vec<f32>)>,
    pub(super) terms: Vec<Term>,
    /// The residences terms were read as, distinct ([`Compiled::residences`]).
    pub(super) residences: Vec<&'static str>,
}

/// One distinct term of a query, ready to match (read by [`super::bound`] too).
pub(super) struct Term {
    pub(super) text: String,
    pub(super) chars: Vec<char>,
    pub(super) grams: Vec<String>,
    /// Searchers for the text and each gram, built once per query: every candidate's every
    /// field is searched for them (`str::contains` would build its searcher each time).
    pub(super) finder: Finder<'static>,
    pub(super) gram_finders: Vec<Finder<'static>>,
    /// Index into [`Compiled::residences`] when the term names where the caller lives.
    pub(super) residence: Option<usize>,
    /// A reading of kanji from the dictionary: matched against names and their readings only
    /// (夜 read よる would otherwise be found inside every による).
    pub(super) names_only: bool,
    /// A place typed as it is read (かいづか): like a residence, matched only as written, never
    /// as a typo of another word (かいずか is not a misspelt name).
    pub(super) place_reading: bool,
    /// Within what the caller's own consultation window takes ([`tuning::WINDOW_REMIT`]).
    pub(super) remit: bool,
    /// Asks for the evening or night ([`tuning::EVENING_WORDS`]).
    pub(super) evening: bool,
    /// The weekdays the term names ([`tuning::DAY_WORDS`], 月曜…), bit `d` for weekday `d`.
    pub(super) days: u8,
}

impl<'v> Compiled<'v> {
    /// Prepares the variants of one query.
    pub fn new(variants: &'v [Variant]) -> Compiled<'v> {
        let Vocabulary {
            domain,
            remit,
            evening,
            days,
        } = vocabulary();
        let mut terms: Vec<Term> = Vec::new();
        let mut residences: Vec<&'static str> = Vec::new();
        let typed: Vec<String> = variants
            .first()
            .map(|v| v.terms.clone())
            .unwrap_or_default();
        let variants = variants
            .iter()
            .map(|v| {
                let ids = v
                    .terms
                    .iter()
                    .map(|t| {
                        let names_only = v.origin == Origin::Reading && !typed.contains(t);
                        (t, names_only)
                    })
                    .map(|(t, names_only)| {
                        match terms
                            .iter()
                            .position(|have| have.text == *t && have.names_only == names_only)
                        {
                            Some(i) => i,
                            None => {
                                let residence = super::residence::residence(t).map(|place| {
                                    residences.iter().position(|p| *p == place).unwrap_or_else(
                                        || {
                                            residences.push(place);
                                            residences.len() - 1
                                        },
                                    )
                                });
                                let grams = bigrams(t);
                                let place_reading = residence.is_none()
                                    && (super::places::Places::bundled().expand(t).iter())
                                        .any(|p| super::residence::residence(p).is_some());
                                let at_evening = evening.contains(t);
                                let on_days =
                                    (days.iter()).find(|(w, _)| w == t).map_or(0, |(_, d)| *d);
                                terms.push(Term {
                                    place_reading,
                                    evening: at_evening,
                                    days: on_days,
                                    // The user's own words only: 家族教室 read as its
                                    // synonym 家族支援 asks for a family class, not a window.
                                    // Never a place or a time, whose facts would stand in for
                                    // the window's answer (see `rank::Facts::best`).
                                    remit: residence.is_none()
                                        && !at_evening
                                        && on_days == 0
                                        && !matches!(v.origin, Origin::Synonym | Origin::Reading)
                                        && made_of(t, remit),
                                    text: t.clone(),
                                    chars: t.chars().collect(),
                                    finder: Finder::new(t.as_bytes()).into_owned(),
                                    gram_finders: grams
                                        .iter()
                                        .map(|g| Finder::new(g.as_bytes()).into_owned())
                                        .collect(),
                                    grams,
                                    residence,
                                    names_only,
                                });
                                terms.len() - 1
                            }
                        }
                    })
                    .collect();
                let weights = v
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let weak = v.is_weak(i) || (v.terms.len() > 1 && made_of(t, domain));
                        if weak { tuning::WEAK } else { 1.0 }
                    })
                    .collect();
                (v, ids, v.terms.concat(), weights)
            })
            .collect();
        Compiled {
            variants,
            terms,
            residences,
        }
    }

    /// Whether some term asks for the evening or night ([`tuning::EVENING_WORDS`]).
    pub fn asks_for_evening(&self) -> bool {
        self.terms.iter().any(|t| t.evening)
    }

    /// Whether some term asks for days ([`tuning::DAY_WORDS`]).
    pub fn asks_for_days(&self) -> bool {
        self.terms.iter().any(|t| t.days != 0)
    }

    /// The residences some term of the query names, in the order
    /// [`super::rank::Facts::fits`] holds each resource's fit to them ([`crate::area::fit`]).
    pub fn residences(&self) -> &[&'static str] {
        &self.residences
    }
}

/// The query vocabulary, normalised and made once: the domain words ([`tuning::DOMAIN_WORDS`]),
/// what the caller's own window takes (those and [`tuning::WINDOW_REMIT`]), the words asking for
/// the evening ([`tuning::EVENING_WORDS`]) and for days ([`tuning::DAY_WORDS`] and each weekday
/// with 曜 or 曜日) with their weekdays; all but the first also as they are read (やくぶつ, よる,
/// どにち: typed in kana or romaji they ask the same).
struct Vocabulary {
    domain: Vec<String>,
    remit: Vec<String>,
    evening: Vec<String>,
    days: Vec<(String, u8)>,
}

fn vocabulary() -> &'static Vocabulary {
    static WORDS: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    let read = |word: &str| -> Vec<String> {
        let w = normalize(word);
        lexicon::reading(&w).into_iter().chain([w]).collect()
    };
    WORDS.get_or_init(|| {
        let remit = [tuning::DOMAIN_WORDS, tuning::WINDOW_REMIT].concat();
        let weekdays = crate::schedule::WEEKDAYS_JA.iter().enumerate();
        let weekdays = weekdays
            .flat_map(|(d, w)| [format!("{w}曜"), format!("{w}曜日")].map(|word| (word, 1u8 << d)));
        let named = tuning::DAY_WORDS.iter().map(|(w, d)| ((*w).to_owned(), *d));
        Vocabulary {
            domain: tuning::DOMAIN_WORDS.iter().map(|w| normalize(w)).collect(),
            remit: remit.iter().flat_map(|w| read(w)).collect(),
            evening: tuning::EVENING_WORDS.iter().flat_map(|w| read(w)).collect(),
            days: named
                .chain(weekdays)
                .flat_map(|(w, d)| read(&w).into_iter().map(move |r| (r, d)))
                .collect(),
        }
    })
}

/// Whether `term` is one or more of `words` written together (薬物相談 is 薬物 and 相談).
fn made_of(term: &str, words: &[String]) -> bool {
    !term.is_empty()
        && words.iter().any(|w| {
            term.strip_prefix(w.as_str())
                .is_some_and(|rest| rest.is_empty() || made_of(rest, words))
        })
}
