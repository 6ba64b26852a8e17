//! What the index holds: the fields (grams of names and of the other text, filter terms, the
//! stored card) and the tokenizer that cuts normalised text into grams.

use serde::{Deserialize, Serialize};
use tantivy::Index as Tantivy;
use tantivy::schema::{
    FAST, Field as IndexField, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::resource::{Field, Resource};
use crate::search::rank::Prepared;

/// Which text goes into which gram field, and whether single characters are indexed too.
/// Names and readings get a field of their own: short fields score high in BM25, so a name
/// match outranks the same words in a long description when candidates are picked. Single
/// characters are indexed for names only (a one- or two-character query, or one wrong kanji in
/// a two-character name, needs them); elsewhere they would only bloat the index.
pub(in crate::search) const GROUPS: &[(&str, bool, &[Field])] = &[
    (
        "g_name",
        true,
        &[Field::Name, Field::NameKana, Field::Aliases],
    ),
    // The other text in three groups by weight (FIELDS), so that a search can bound what a
    // term found in a group can score (see `bound`).
    ("g_rest5", false, &[Field::Organisation, Field::Programs]),
    (
        "g_rest4",
        false,
        &[Field::Targets, Field::Substances, Field::Municipality],
    ),
    (
        "g_rest",
        false,
        &[
            Field::ServiceArea,
            Field::Category,
            Field::Address,
            Field::AddressExtra,
            Field::Description,
            Field::Confidentiality,
            Field::Anonymous,
            Field::Reservation,
            Field::Fees,
            Field::Residency,
            Field::HoursNote,
            Field::Phone,
        ],
    ),
];

/// What the index stores per resource: enough to filter, rerank and list it.
///
/// The searchable text comes first: serialized in field order, it can be decoded alone
/// ([`super::Index::text`]), which is all a proof needs of most resources it reranks.
#[derive(Serialize, Deserialize)]
pub(in crate::search) struct Card {
    /// Normalised searchable text, for the reranker.
    pub prepared: Prepared,
    /// Catalogue order.
    pub position: u64,
    /// The resource with its long free-text fields dropped (they are only searched, not shown in
    /// a result list).
    pub resource: Resource,
    /// Where the index holds it (set when read, not stored).
    #[serde(skip)]
    pub address: Option<tantivy::DocAddress>,
}

#[derive(Clone)]
pub(super) struct Fields {
    pub(super) grams: Vec<(IndexField, bool)>,
    pub(super) filter: IndexField,
    pub(super) card: IndexField,
    pub(super) position: IndexField,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Frequencies matter for BM25; positions do not (grams are looked up one by one).
    let grams = GROUPS
        .iter()
        .map(|(name, unigrams, _)| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(if *unigrams { "grams12" } else { "grams2" })
                    .set_index_option(IndexRecordOption::WithFreqs),
            );
            (b.add_text_field(name, options), *unigrams)
        })
        .collect();
    let filter = b.add_text_field("filter", STRING);
    let card = b.add_bytes_field("card", STORED);
    // Only ever read as a fast field (catalogue order for a listing): indexing it too gave the
    // term dictionary one term and one posting list per resource.
    let position = b.add_u64_field("position", FAST);
    (
        b.build(),
        Fields {
            grams,
            filter,
            card,
            position,
        },
    )
}

/// Splits normalised text into character grams: every pair of neighbours within a run of
/// non-space text, plus (for `unigrams`) every single character; a one-character run is always
/// kept. The query side builds the same grams by hand (`query_grams` in the parent module).
#[derive(Clone)]
struct GramTokenizer {
    unigrams: bool,
    tokens: Vec<Token>,
}

struct GramStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        // The tokens' buffers are reused from one text to the next: an import indexes tens of
        // millions of grams, and allocating each was a fifth of the indexing thread's time.
        let tokens = &mut self.tokens;
        let mut len = 0;
        grams_with(text, self.unigrams, |mark, gram| {
            if len == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[len];
            token.text.clear();
            if let Some(mark) = mark {
                token.text.push(mark);
            }
            token.text.push_str(gram);
            token.position = len;
            token.offset_from = 0;
            token.offset_to = 0;
            token.position_length = 1;
            len += 1;
        });
        GramStream {
            tokens: &mut self.tokens[..len],
            next: 0,
        }
    }
}

/// Marks the gram a name, reading or alias starts with: a counsellor types the start of a name,
/// and a name starting with the query outranks one containing it, so those resources must be
/// among the candidates even when thousands of others contain the same characters. A control
/// character, which normalised text never holds.
pub(in crate::search) const START: char = '\u{2}';

/// Put before each name value of the names' text (the resource's name, first, and the name
/// without 府/市 when it has another form) when it is indexed: the tokenizer then adds
/// [`NAME_START`] with its first two characters and [`NAME_WHOLE`] with the whole value, so that
/// a search can tell from the index alone whether a name starts with or is what was typed (see
/// `bound`).
pub(in crate::search) const NAME: char = '\u{3}';
/// Starts the token of a name's first two characters.
pub(in crate::search) const NAME_START: char = '\u{4}';
/// Starts the token of a whole name.
pub(in crate::search) const NAME_WHOLE: char = '\u{5}';
/// Put before each other value of the names' text (a reading, an alias): the tokenizer then adds
/// [`VALUE_WHOLE`] with the whole value, so that a search can tell a reading that is what was
/// typed from one that only starts with it.
pub(in crate::search) const VALUE: char = '\u{6}';
/// Starts the token of a whole reading or alias.
pub(in crate::search) const VALUE_WHOLE: char = '\u{7}';

/// The text indexed in a gram field for a resource: the values of the group's fields, each
/// followed by a space, those of the names' group marked by kind ([`NAME`], [`VALUE`]).
pub(in crate::search) fn group_text(
    prepared: &crate::search::rank::Prepared,
    fields: &[crate::resource::Field],
    names: bool,
    text: &mut String,
) {
    text.clear();
    for (field, value) in prepared.fields_texts(fields) {
        if names {
            text.push(if field == crate::resource::Field::Name {
                NAME
            } else {
                VALUE
            });
        }
        text.push_str(value);
        text.push(' ');
    }
}

/// The grams of a normalised text (see [`GramTokenizer`]); with `unigrams` (names), also each
/// word's start gram ([`START`] and its first two characters), for a word marked as a name
/// ([`NAME`]) its [`NAME_START`] and [`NAME_WHOLE`] tokens, and for one marked as a reading or
/// an alias ([`VALUE`]) its [`VALUE_WHOLE`] token.
#[cfg(test)]
pub(in crate::search) fn grams_of(text: &str, unigrams: bool, out: &mut Vec<String>) {
    grams_with(text, unigrams, |mark, g| {
        out.push(mark.into_iter().chain(g.chars()).collect());
    });
}

/// [`grams_of`], handing each gram to `emit` as a slice of `text`, after the mark that starts
/// it (if any): nothing is copied or allocated per gram, which matters because an import of a
/// large edition cuts tens of millions of them on the thread that also indexes them.
fn grams_with(text: &str, unigrams: bool, mut emit: impl FnMut(Option<char>, &str)) {
    for run in text.split_whitespace() {
        let run = match run.strip_prefix(NAME) {
            Some(name) if unigrams && !name.is_empty() => {
                emit(Some(NAME_START), first_chars(name, 2));
                emit(Some(NAME_WHOLE), name);
                name
            }
            Some(name) => name,
            None => match run.strip_prefix(VALUE) {
                Some(value) if unigrams && !value.is_empty() => {
                    emit(Some(VALUE_WHOLE), value);
                    value
                }
                Some(value) => value,
                None => run,
            },
        };
        if run.is_empty() {
            continue;
        }
        if unigrams {
            emit(Some(START), first_chars(run, 2));
        }
        // The ends of the characters, walked as (start of this one, its end, the next's end).
        let mut ends = run
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(run.len()));
        let (mut start, mut end) = (0, ends.next().unwrap_or(run.len()));
        let single = end == run.len();
        loop {
            if unigrams || single {
                emit(None, &run[start..end]);
            }
            let Some(next) = ends.next() else {
                break;
            };
            emit(None, &run[start..next]);
            (start, end) = (end, next);
        }
    }
}

/// The first `n` characters of `s` (all of it when shorter).
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

pub(super) fn register_tokenizers(index: &Tantivy) {
    for (name, unigrams) in [("grams12", true), ("grams2", false)] {
        index.tokenizers().register(
            name,
            GramTokenizer {
                unigrams,
                tokens: Vec::new(),
            },
        );
    }
}

/// One gram of a query to look up, from [`super::query_grams`].
#[derive(Clone, Debug, PartialEq)]
pub(in crate::search) struct QueryGram {
    /// The gram (two characters, one character, or a [`START`] gram).
    pub text: String,
    /// Looked up in names only (single characters and start grams).
    pub names_only: bool,
    /// From the query as typed (or its romaji reading), not a synonym, split or place.
    pub literal: bool,
    /// How much a match counts when candidates are picked: the weight of the best reading
    /// that has the gram, more for a start gram.
    pub boost: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_stay_inside_words() {
        let mut g = Vec::new();
        grams_of("だる く", true, &mut g);
        assert_eq!(g, ["\u{2}だる", "だ", "だる", "る", "\u{2}く", "く"]);
        g.clear();
        grams_of("だる く", false, &mut g);
        assert_eq!(g, ["だる", "く"]);
    }

    #[test]
    fn names_and_readings_add_their_whole_and_start_tokens() {
        let mut g = Vec::new();
        grams_of("\u{3}八尾市 \u{6}やお x", true, &mut g);
        assert_eq!(
            g,
            [
                "\u{4}八尾",
                "\u{5}八尾市",
                "\u{2}八尾",
                "八",
                "八尾",
                "尾",
                "尾市",
                "市",
                "\u{7}やお",
                "\u{2}やお",
                "や",
                "やお",
                "お",
                "\u{2}x",
                "x",
            ]
        );
        g.clear();
        // Outside names the marks are dropped and no single characters are cut.
        grams_of("\u{3}八尾市 \u{6}やお x", false, &mut g);
        assert_eq!(g, ["八尾", "尾市", "やお", "x"]);
    }
}
