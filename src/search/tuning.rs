//! Every weight and threshold that decides ranking and the cost of a search, in one place, each
//! with the reason it has the value it has. Change one here and the orderings tested below say
//! whether ranking still does what counsellors rely on.

use crate::resource::Field;

// ---- how a term matched a field -----------------------------------------------------------

/// The field is the term: nothing can match better.
pub const EXACT: f32 = 1.0;
/// The field starts with the term: names are typed from their start (だるく → ダルク…).
pub const PREFIX: f32 = 0.9;
/// The term occurs inside the field: Japanese names embed words (大阪ダルク holds ダルク).
pub const SUBSTRING: f32 = 0.8;
/// The term is within an edit or two of part of the field: a typo (大坂ダルク) is worth
/// finding, but below every real occurrence.
pub const FUZZY: f32 = 0.5;
/// Two thirds of the term's grams occur: a loose, last-resort match for partial recall.
pub const GRAMS: f32 = 0.35;
/// Share of a term's grams a field must hold for a [`GRAMS`] match (numerator, denominator).
pub const GRAMS_COVERAGE: (usize, usize) = (2, 3);
/// Terms shorter than this are never fuzzy-matched: one edit in a three-character word is
/// another word.
pub const FUZZY_MIN_CHARS: usize = 4;
/// From this length two edits are tolerated (long katakana names are often misspelt twice).
pub const FUZZY_TWO_EDITS_CHARS: usize = 7;

/// How many wrong characters a term of `chars` characters may have and still match as a typo:
/// none below [`FUZZY_MIN_CHARS`], then one, two from [`FUZZY_TWO_EDITS_CHARS`]. The ranker and
/// the bounds on its scores both ask.
pub fn typo_edits(chars: usize) -> usize {
    match chars {
        c if c < FUZZY_MIN_CHARS => 0,
        c if c < FUZZY_TWO_EDITS_CHARS => 1,
        _ => 2,
    }
}

// ---- which field matched ------------------------------------------------------------------

/// Searchable fields, their weight, and whether typos are tolerated there (only in short,
/// name-like fields: fuzzy matching inside long descriptions finds noise). Heaviest first: the
/// ranker stops at the first field that cannot beat the best match so far.
///
/// The name outweighs its reading, which outweighs aliases: a counsellor who types a name
/// means that resource. What the resource is for (programmes, targets, substances, area)
/// comes next, then where it is, then its description, then the short remarks.
pub const FIELDS: &[(Field, f32, bool)] = &[
    (Field::Name, 10.0, true),
    (Field::NameKana, 9.0, true),
    (Field::Aliases, 8.0, true),
    (Field::Organisation, 5.0, false),
    (Field::Programs, 5.0, false),
    (Field::Targets, 4.0, false),
    (Field::Substances, 4.0, false),
    (Field::Municipality, 4.0, true),
    (Field::ServiceArea, 3.0, false),
    (Field::Category, 3.0, false),
    (Field::Address, 3.0, true),
    (Field::AddressExtra, 2.0, false),
    (Field::Description, 2.0, false),
    // The resource's own words on confidentiality: 通報 or 秘密 typed by someone afraid of the
    // police finds the windows that say they keep consultations to themselves.
    (Field::Confidentiality, 2.0, false),
    (Field::Anonymous, 1.0, false),
    (Field::Reservation, 1.0, false),
    (Field::Fees, 1.0, false),
    (Field::Residency, 1.0, false),
    (Field::HoursNote, 1.0, false),
    (Field::Phone, 1.0, false),
];

/// Added when the whole query is the resource's name: the one the user is looking for.
pub const WHOLE_NAME_BONUS: f32 = 30.0;
/// Added when the name starts with the whole query: they are typing its name.
pub const NAME_START_BONUS: f32 = 12.0;

// ---- which reading of the query -----------------------------------------------------------

/// The query as typed.
pub const LITERAL: f32 = 1.0;
/// Latin letters read as kana (ibaraki → いばらき): almost certainly what was meant.
pub const ROMAJI: f32 = 0.95;
/// Cut into words where the script changes, at a particle or after a place: nearly as sure as
/// the literal reading, since the words are all the user's own.
pub const SPLIT: f32 = 0.85;
/// A query typed as a sentence, read for its words: the words are the user's own, only the
/// glue between them is left out.
pub const SENTENCE: f32 = 0.85;
/// A place typed in kana or romaji read as its kanji: a guess at the writing, so below the
/// user's own words.
pub const PLACE: f32 = 0.8;
/// A synonym from the field's vocabulary (シャブ → 覚醒剤): right in meaning, but the user did
/// not write it, so a literal match ranks first.
pub const SYNONYM: f32 = 0.75;
/// Kanji read through the dictionary (野菊会 → のぎくかい): a guess at the sound, matched against
/// names' readings; below every reading that keeps the user's own characters.
pub const READING: f32 = 0.7;

// ---- how much a term of a query counts --------------------------------------------------

/// A weak term (a verb's stem in a sentence, or one of [`DOMAIN_WORDS`]) counts this much
/// toward a result's score and its share of matched terms. It still ranks a result that has it
/// above one that does not, but a result need not have it.
pub const WEAK: f32 = 0.3;
/// Words that nearly every resource of a catalogue about drug dependence is about: in
/// `貝塚 薬物 相談` the place says what the counsellor is looking for, 薬物 and 相談 say what the
/// whole catalogue is. Alone, a domain word is the whole query and counts in full.
pub const DOMAIN_WORDS: &[&str] = &["薬物", "薬", "依存", "依存症", "相談", "支援", "窓口"];
/// A term read as where the caller lives ([`super::residence`]), matched by a resource that
/// serves a person living there, scores as if it matched a field of this weight, by how closely
/// the resource's area fits ([`crate::area::fit`]: 0 the place itself, 1 its city, 2 the
/// prefecture, 3 the whole country, 4 anyone): the caller's own window counts like its name,
/// a prefecture-wide one like its area, one that takes anyone like its description.
pub const RESIDENCE: [f32; 5] = [10.0, 9.0, 4.0, 2.0, 2.0];
/// Besides [`DOMAIN_WORDS`], who a consultation is for: the caller's own consultation window
/// (a 相談窓口 serving exactly where they live: health centre, ward office) takes the person's
/// and the family's consultations, though its record rarely says so (`かいづか 家族` asks for
/// 岸和田保健所, whose record says only 精神保健福祉相談).
pub const WINDOW_REMIT: &[&str] = &["家族", "本人", "親"];
/// What a [`WINDOW_REMIT`] or domain word scores in the caller's own window when its record does
/// not hold it: a loose match of a category-weight field, below any real occurrence in the name,
/// purpose or area fields of a resource that does.
pub const OWN_WINDOW: f32 = 3.0 * GRAMS;

/// Words that ask for a place open in the evening (夜 電話 相談); a resource whose hours reach
/// past 19:00 ([`crate::schedule::EVENING`]) matches them, whatever its text says. 深夜 and 夜中
/// ask for the small hours, which an evening line does not answer: they match text only.
pub const EVENING_WORDS: &[&str] = &["夜", "夜間", "晩", "夕方", "夜遅く"];
/// Words that ask for days (土日 相談), with the weekdays each names (bit 0 Monday … bit 6
/// Sunday); 月曜, 月曜日 and the others are read too. A resource whose 利用可能曜日 include one of
/// them matches, whatever its text says (a text saying 土日 is as often a closing day).
pub const DAY_WORDS: &[(&str, u8)] = &[
    ("平日", 0b001_1111),
    ("土日", 0b110_0000),
    ("土日祝", 0b110_0000),
    ("週末", 0b110_0000),
    ("休日", 0b110_0000),
];
/// What a word for a time scores in a resource whose hours meet it (the evening, a day): as
/// much as its programmes.
pub const HOURS: f32 = 5.0;

// ---- what a counsellor can do with the result ---------------------------------------------

/// A record that gives no phone, address, web page or e-mail (連絡先の記載なし), or that is not a
/// place a person can go (運用状況: 計画中…), scores this share: it stays findable by its name
/// (a name match outweighs any penalty) but ranks after equally relevant records someone can
/// actually call.
pub const UNREACHABLE: f32 = 0.8;

/// With a 居住地 filter, how well a resource's area fits the residence ([`crate::area::fit`]:
/// 0 the place itself … 4 open to anyone) scales its score, so among comparably relevant
/// results the caller's own window comes first and the prefecture's hotline after it.
pub const RESIDENCY_FIT: [f32; 5] = [1.0, 0.97, 0.94, 0.92, 0.9];

// ---- the cost of a search -----------------------------------------------------------------

/// Catalogues up to this size have every candidate reranked (exact totals and facet counts):
/// a whole rerank of 2,000 resources still answers within a keystroke.
pub const RERANK_ALL: usize = 2_000;
/// Candidates reranked per query in larger catalogues (more when a larger limit asks): enough
/// that the reranker's order holds at the top while a keystroke stays under a millisecond at
/// 100,000 resources.
pub const POOL: usize = 32;
/// Grams looked up per query in larger catalogues, the rarest first: the most selective ones
/// find the candidates, and every common gram dropped is a long posting list not read.
pub const MAX_GRAMS: usize = 8;
/// Resources a large catalogue's search looks at, at most (in all its rounds), to prove that
/// none outside the reranked pool beats its best results ([`super::bound`]): beyond this the
/// results are given as they are, marked not proven (`complete` false). At 100,000 synthetic
/// resources this proves 99.8% of `bench search`'s queries; a fifth of it proved 92%.
pub const BOUND_SCAN: usize = 50_000;
/// Proving a large catalogue's best starts at this share of the highest score the query can
/// reach and lowers the level by this factor each time (see `Searcher::prove`).
pub const PROOF_LEVELS: f32 = 0.5;
/// Posting-list entries a proof's first round at the pool's score to beat may read; past
/// this, it starts from levels ([`PROOF_LEVELS`]) instead. Starting from levels past it cut
/// the time of the 40 slowest of `bench search`'s queries at 100,000 resources by a quarter;
/// 2,048 and 32,768 measured within the noise of this value, which lies between them.
pub const PROOF_FIRST_SCAN: u64 = 8_192;
/// Resources outside the pool one round of a proof returns to be reranked, at most (those
/// with the highest bounds); the next round returns those left out that may still beat the
/// best.
pub const BOUND_RERANK: usize = 200;
/// Resources outside the pool reranked, at most, to prove its best: when one left out may
/// still beat the best, the results are not proven.
pub const PROOF_RERANK: usize = 2_000;
/// Grams looked up per query in small catalogues (every gram of a normal query).
pub const MAX_GRAMS_SMALL: usize = 64;
/// A name's start gram counts this much more than an inner gram when candidates are picked:
/// names that begin with the query are the ones being typed.
pub const START_GRAM_BOOST: f32 = 1.5;
/// Listings (filters, no query) count facets over at most this many resources.
pub const LISTING_FACETS: usize = 20_000;
/// Readings of one query at most, so a long query with many synonyms stays fast.
pub const MAX_VARIANTS: usize = 12;
/// Longest query considered, in characters (a pasted page is not a query).
pub const MAX_QUERY_CHARS: usize = 200;
/// Place readings per term at most: a short prefix such as ひがし begins several places.
pub const MAX_PLACE_EXPANSIONS: usize = 4;

#[cfg(test)]
mod tests {
    //! The orderings ranking relies on, checked on small catalogues built for each.
    use super::*;
    use crate::resource::{Category, Resource};
    use crate::search::{Filters, Searcher};

    fn resource(id: &str, name: &str, kana: &str, description: &str) -> Resource {
        Resource {
            id: id.to_owned(),
            name: name.to_owned(),
            name_kana: Some(kana.to_owned()),
            description: Some(description.to_owned()).filter(|d| !d.is_empty()),
            category: Category::Consultation,
            ..Resource::default()
        }
    }

    fn order(resources: &[Resource], query: &str) -> Vec<String> {
        let s = Searcher::in_memory(resources).unwrap();
        let r = s.search(query, &Filters::default(), 10).unwrap();
        r.hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn match_qualities_are_ordered() {
        const {
            assert!(EXACT > PREFIX && PREFIX > SUBSTRING && SUBSTRING > FUZZY && FUZZY > GRAMS);
            assert!(LITERAL > ROMAJI && ROMAJI > SPLIT && SPLIT > PLACE && PLACE > SYNONYM);
            assert!(SYNONYM > READING && SENTENCE == SPLIT);
        }
        let weight = |f: Field| FIELDS.iter().find(|x| x.0 == f).unwrap().1;
        assert!(weight(Field::Name) > weight(Field::NameKana));
        assert!(weight(Field::NameKana) > weight(Field::Description));
        assert!(
            FIELDS.windows(2).all(|w| w[0].1 >= w[1].1),
            "heaviest first"
        );
    }

    #[test]
    fn name_over_reading_over_description() {
        let rs = [
            resource(
                "desc",
                "南の窓口",
                "みなみのまどぐち",
                "ひまわりの会の案内もします",
            ),
            resource("kana", "向日葵会", "ひまわりかい", ""),
            resource("name", "ひまわり相談室", "ひまわりそうだんしつ", ""),
        ];
        assert_eq!(order(&rs, "ひまわり"), ["name", "kana", "desc"]);
    }

    #[test]
    fn literal_over_romaji_over_synonym() {
        // 覚醒剤 is a synonym of シャブ; typing シャブ finds the literal one first.
        let rs = [
            resource("synonym", "覚醒剤の相談", "かくせいざいのそうだん", ""),
            resource("literal", "シャブの相談", "しゃぶのそうだん", ""),
        ];
        assert_eq!(order(&rs, "シャブ"), ["literal", "synonym"]);
        // Latin letters found as written beat the same letters read as kana, other things
        // equal (both inside the name).
        let rs = [
            resource("romaji", "大阪だるく", "おおさかだるく", ""),
            resource("literal", "大阪DARC", "おおさかだーく", ""),
        ];
        assert_eq!(order(&rs, "darc")[0], "literal");
    }

    #[test]
    fn an_exact_name_beats_a_longer_one() {
        let rs = [
            resource("long", "大阪ダルク 本部", "おおさかだるくほんぶ", ""),
            resource("exact", "大阪ダルク", "おおさかだるく", ""),
        ];
        assert_eq!(order(&rs, "大阪ダルク"), ["exact", "long"]);
    }
}
