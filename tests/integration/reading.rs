//! How a query is read (issue 15): a place as where the caller lives, a sentence for its words,
//! kanji by their sound, and words as they are said — on the bundled catalogue, through the
//! same search the CLI and the app use, with `explain` saying which reading won.

use std::sync::OnceLock;

use tsunagu::search::query::Origin;
use tsunagu::search::{Filters, How, SearchHit, Searcher};

fn searcher() -> &'static Searcher {
    static S: OnceLock<Searcher> = OnceLock::new();
    S.get_or_init(|| {
        let resources = tsunagu::Catalogue::open_in_memory()
            .unwrap()
            .list()
            .unwrap();
        Searcher::in_memory(&resources).unwrap()
    })
}

fn top(q: &str, n: usize) -> Vec<SearchHit> {
    searcher().search(q, &Filters::default(), n).unwrap().hits
}

fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn a_place_is_read_as_where_the_caller_lives() {
    // 岸和田保健所 serves 貝塚市 (its 対象地域) but never says 貝塚 next to 薬物.
    // Typed in kanji it is sure; read from kana or romaji it is a guess, so it may be second.
    for (q, within) in [
        ("貝塚 薬物", 1),
        ("貝塚市の薬物相談", 1),
        ("かいづか 薬物", 3),
        ("kaizuka 薬物", 3),
    ] {
        let hits = top(q, 5);
        let Some(window) = hits[..within]
            .iter()
            .find(|h| h.id == "osaka-pref-hc-kishiwada")
        else {
            panic!("{q}: {:?}", ids(&hits));
        };
        let place = window
            .explain
            .iter()
            .find(|e| e.how == How::Residence)
            .unwrap_or_else(|| panic!("{q}: {:?}", window.explain));
        assert_eq!(place.residence.as_deref(), Some("貝塚市"), "{q}");
    }
    // A place is not a typo of another: 東大阪市 does not find 大阪市's own windows by name.
    let hits = top("東大阪市 薬物相談", 10);
    assert!(
        ids(&hits[..3])
            .iter()
            .all(|i| i.starts_with("higashiosaka-")),
        "{:?}",
        ids(&hits)
    );
    assert!(
        hits.iter()
            .filter(|h| h.id.starts_with("osaka-city-"))
            .all(|h| h.explain.iter().all(|e| e.field != "name")),
        "{:?}",
        ids(&hits)
    );
    // 北区 is a ward of both 大阪市 and 堺市: no residence is guessed.
    assert!(
        top("北区 薬物", 10)
            .iter()
            .all(|h| h.explain.iter().all(|e| e.how != How::Residence))
    );
}

#[test]
fn a_place_in_a_name_still_finds_the_name() {
    let hits = top("門真 保護司", 3);
    assert_eq!(hits[0].id, "kadoma-hogo", "{:?}", ids(&hits));
    // A group named after a place whose area is elsewhere is still found by its name, with the
    // window that serves the place beside it.
    let named = tsunagu::Resource {
        id: "named".into(),
        name: "西成ひまわり家族会".into(),
        category: tsunagu::resource::Category::FamilyAssociation,
        service_area: vec!["堺市".into()],
        ..Default::default()
    };
    let window = tsunagu::Resource {
        id: "window".into(),
        name: "区の家族相談".into(),
        category: tsunagu::resource::Category::Consultation,
        organisation: Some("大阪市西成区役所".into()),
        ..Default::default()
    };
    let s = Searcher::in_memory(&[named, window]).unwrap();
    let hits = s.search("西成 家族", &Filters::default(), 5).unwrap().hits;
    assert_eq!(ids(&hits).len(), 2, "{:?}", ids(&hits));
    let named = hits.iter().find(|h| h.id == "named").unwrap();
    assert!(
        named
            .explain
            .iter()
            .any(|e| e.field == "name" && e.term == "西成")
    );
    let window = hits.iter().find(|h| h.id == "window").unwrap();
    assert!(window.explain.iter().any(|e| e.how == How::Residence));
}

#[test]
fn a_sentence_is_read_for_its_nouns() {
    let hits = top("息子が大麻を使っている 親 相談", 5);
    assert!(
        hits.iter()
            .any(|h| h.explain.iter().any(|e| e.origin == Origin::Sentence)),
        "{:?}",
        hits.iter().map(|h| &h.explain).collect::<Vec<_>>()
    );
    let wanted = [
        "osaka-city-mhc",
        "osaka-pref-mhc",
        "freedom-osaka",
        "kansai-drug-family-association",
        "nar-anon-japan",
    ];
    assert!(
        ids(&hits).iter().any(|i| wanted.contains(i)),
        "{:?}",
        ids(&hits)
    );
    // Particles and endings alone find nothing by themselves.
    let hits = top("刑務所を出た人の就職", 3);
    assert_eq!(
        hits[0].id,
        "osaka-pref-chiiki-teichaku-center",
        "{:?}",
        ids(&hits)
    );
}

#[test]
fn kanji_are_read_by_their_sound() {
    // 乃ぎく会 typed with other kanji of the same sound.
    for q in ["野菊会", "乃菊会"] {
        let hits = top(q, 3);
        assert_eq!(hits[0].id, "osaka-pmc-nogiku-kai", "{q}: {:?}", ids(&hits));
        assert!(
            hits[0].explain.iter().all(|e| e.origin == Origin::Reading),
            "{q}"
        );
    }
    // A short word's reading is not looked for inside other words (夜 → よる in による).
    let hits = top("夜 電話", 10);
    assert!(
        hits.iter()
            .all(|h| h.explain.iter().all(|e| e.origin != Origin::Reading))
    );
}

#[test]
fn words_as_they_are_said() {
    for q in ["スマープ", "すまーぷ"] {
        let hits = top(q, 5);
        assert!(!hits.is_empty(), "{q} finds nothing");
        assert!(
            hits[0].explain.iter().any(|e| e.origin == Origin::Synonym),
            "{q}: {:?}",
            hits[0].explain
        );
    }
}
