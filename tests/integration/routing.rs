//! Routing a caller (issue 20): whom a window serves by where the caller lives, and what each
//! resource says about reporting to the police — on the bundled edition, as a counsellor meets it.

use tsunagu::search::Filters;
use tsunagu::{Directory, ReportStance};

use crate::util::{Fixture, result_ids};

fn residents_of(place: &str) -> Vec<String> {
    let mut d = Directory::open_in_memory().unwrap();
    let filters = Filters {
        resident_of: Some(place.into()),
        ..Filters::default()
    };
    let all = d.search("", &filters, usize::MAX).unwrap();
    assert_eq!(all.total, all.hits.len(), "a filtered list is never cut");
    all.hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn a_resident_of_neyagawa_is_sent_to_neyagawa_not_to_sakai_or_osaka_city() {
    let ids = residents_of("寝屋川市");
    // The city's own health centre comes first: its area is the caller's city.
    assert_eq!(ids[0], "neyagawa-city-hc", "{ids:?}");
    // Windows run by other governments serve their own residents only, though their
    // 対象地域 is empty.
    for other in [
        "sakai-hc-sakai",
        "sakai-hc-mihara",
        "osaka-city-family-class",
        "osaka-city-junkai-houritsu",
        "sakai-city-seishin-hoken",
    ] {
        assert!(!ids.iter().any(|i| i == other), "{other} in {ids:?}");
    }
    // The prefecture's centre and hotlines, and groups open to anyone, remain.
    for wide in [
        "osaka-pref-mhc",
        "osaka-izon-donichi-hotline",
        "nar-anon-japan",
        "osaka-darc",
    ] {
        assert!(ids.iter().any(|i| i == wide), "{wide} missing from {ids:?}");
    }
    let pos = |id: &str| ids.iter().position(|i| i == id).unwrap();
    assert!(pos("osaka-pref-mhc") < pos("nar-anon-japan"));
}

#[test]
fn a_sakai_ward_resident_gets_their_ward_centre_and_not_the_other_wards() {
    let ids = residents_of("堺市北区");
    assert_eq!(ids[0], "sakai-hc-kita", "{ids:?}");
    assert!(ids.iter().any(|i| i == "sakai-city-kokoro-tel"));
    assert!(!ids.iter().any(|i| i == "sakai-hc-sakai"));
    assert!(!ids.iter().any(|i| i == "osaka-city-ward-kita"));
}

#[test]
fn police_and_narcotics_control_say_so_and_confidential_windows_are_a_filter() {
    let mut d = Directory::open_in_memory().unwrap();
    let stance = |d: &mut Directory, id: &str| d.detail(id).unwrap().report_stance;
    assert_eq!(
        stance(&mut d, "osaka-police-greenline"),
        ReportStance::Enforcement
    );
    assert_eq!(
        stance(&mut d, "kinki-ncd-relapse-prevention"),
        ReportStance::Enforcement
    );
    assert_eq!(stance(&mut d, "osaka-city-mhc"), ReportStance::NoReport);
    assert_eq!(stance(&mut d, "neyagawa-city-hc"), ReportStance::Unknown);
    // The police remark that mentions 通報しない is not highlighted as a promise.
    let police = d.detail("osaka-police-greenline").unwrap();
    assert!(police.rows.iter().all(|r| !r.confidentiality));
    let centre = d.detail("osaka-city-mhc").unwrap();
    assert!(
        centre
            .rows
            .iter()
            .any(|r| r.confidentiality && r.label == "秘密保持")
    );

    let f = Fixture::new();
    let run = f.run(&["search", "--confidential", "--json", "--limit", "200"]);
    let v: serde_json::Value = serde_json::from_str(&run.assert_ok().stdout()).unwrap();
    let ids = result_ids(&v);
    assert!(ids.contains(&"osaka-city-mhc".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"osaka-police-greenline".to_owned()));
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["report_stance"] == "no-report")
    );
    let all = f.run(&["search", "若者", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&all.assert_ok().stdout()).unwrap();
    let police = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "osaka-police-greenline")
        .expect("the police line is still found");
    assert_eq!(police["report_stance"], "enforcement");
    f.run(&["show", "osaka-police-greenline"])
        .assert_ok()
        .assert_stdout_has("［警察・取締機関］");
}
