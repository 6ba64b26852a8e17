//! `update --from-url` (issue 14, point 7) against a server the test starts on 127.0.0.1: a signed
//! edition is previewed and taken; a missing file, a slow server, a file cut short, a bad
//! signature and an edition older than the installed one are each refused with a clear message
//! and the catalogue exactly as it was.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use crate::util::{Fixture, HEADER, Run, sign};

/// What the server does for one path.
#[derive(Clone)]
enum Reply {
    /// 200 with the body.
    Body(Vec<u8>),
    /// Announces the whole body's length, sends a third of it and closes.
    CutShort(Vec<u8>),
    /// Waits this long before answering at all.
    Stall(Duration),
}

/// A one-folder web server on loopback; unknown paths get 404. Requests are counted so a test
/// can show nothing else was asked for.
struct Server {
    base: String,
    seen: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(routes: HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/editions/", listener.local_addr().unwrap());
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &routes, &log));
            }
        });
        Server { base, seen }
    }

    fn url(&self, name: &str) -> String {
        format!("{}{name}", self.base)
    }

    fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(
    mut stream: TcpStream,
    routes: &HashMap<String, Reply>,
    log: &std::sync::Mutex<Vec<String>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    log.lock().unwrap().push(path.clone());
    let name = path.trim_start_matches("/editions/");
    let ok = |body: &[u8], sent: usize| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes()
        .into_iter()
        .chain(body[..sent].iter().copied())
        .collect::<Vec<u8>>()
    };
    let reply = match routes.get(name) {
        Some(Reply::Body(b)) => ok(b, b.len()),
        Some(Reply::CutShort(b)) => ok(b, b.len() / 3),
        Some(Reply::Stall(d)) => {
            std::thread::sleep(*d);
            ok(b"", 0)
        }
        None => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = stream.write_all(&reply);
}

/// A published edition as `tsunagu publish` lays it out, signed with `keys`.
struct Edition {
    files: HashMap<String, Reply>,
    csv: Vec<u8>,
}

fn edition(keys: &minisign::KeyPair, label: &str, published: &str) -> Edition {
    let csv = format!(
        "{HEADER}\nnet1,取得した窓口,シュトクシタマドグチ,相談窓口,06-1234-5678,2026-11-01,https://example.jp/n\n\
         net2,取得した家族教室,シュトクシタカゾクキョウシツ,家族教室,06-1234-0000,2026-11-01,https://example.jp/f\n"
    )
    .into_bytes();
    let meta = format!(
        r#"{{"title":"大阪府 薬物依存症支援資源","edition":"{label}","publisher":"大阪府","published":"{published}","file":"resources.csv"}}"#
    )
    .into_bytes();
    let files = HashMap::from([
        ("dataset.json".to_owned(), Reply::Body(meta.clone())),
        (
            "dataset.json.minisig".to_owned(),
            Reply::Body(sign(keys, &meta).into_bytes()),
        ),
        ("resources.csv".to_owned(), Reply::Body(csv.clone())),
        (
            "resources.csv.minisig".to_owned(),
            Reply::Body(sign(keys, &csv).into_bytes()),
        ),
    ]);
    Edition { files, csv }
}

fn update(f: &Fixture, keys: &minisign::KeyPair, url: &str, extra: &[&str]) -> Run {
    let key = keys.pk.to_base64();
    let mut args = vec!["update", "--from-url", url, "--public-key", &key];
    args.extend_from_slice(extra);
    f.run(&args)
}

/// Every refusal leaves the catalogue byte for byte as it was.
fn refused(f: &Fixture, run: &Run, before: &str, says: &str) {
    run.assert_fails();
    assert!(
        run.stderr().contains(says),
        "expected {says:?} in: {}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("カタログは変更されていません")
            || run.stderr().contains("取り込みませんでした"),
        "{}",
        run.stderr()
    );
    assert_eq!(f.run(&["export"]).assert_ok().stdout(), before);
}

#[test]
fn a_signed_edition_is_previewed_then_taken_and_nothing_else_is_contacted() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let server = Server::start(edition(&keys, "2027-01", "2027-01-05").files);
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();

    let dry = update(&f, &keys, &server.url("dataset.json"), &["--dry-run"]);
    dry.assert_ok()
        .assert_stdout_has("追加 2 件")
        .assert_stdout_has("--dry-run");
    assert_eq!(f.run(&["export"]).assert_ok().stdout(), before);

    // The folder's URL names its dataset.json.
    update(&f, &keys, &server.base, &[])
        .assert_ok()
        .assert_stdout_has("新しい版にしました");
    let edition: serde_json::Value =
        serde_json::from_str(&f.run(&["edition", "--json"]).assert_ok().stdout()).unwrap();
    assert_eq!(edition["edition"], "2027-01");
    assert_eq!(edition["file_name"], server.url("dataset.json"));
    f.run(&["show", "net1"]).assert_ok();
    let mut asked = server.requests();
    asked.sort();
    asked.dedup();
    assert_eq!(
        asked,
        [
            "/editions/dataset.json",
            "/editions/dataset.json.minisig",
            "/editions/resources.csv",
            "/editions/resources.csv.minisig",
        ]
    );
}

#[test]
fn a_missing_file_is_refused_with_404_and_the_catalogue_unchanged() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let mut files = edition(&keys, "2027-01", "2027-01-05").files;
    let server = Server::start(HashMap::new());
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    let run = update(&f, &keys, &server.url("dataset.json"), &[]);
    refused(&f, &run, &before, "404");

    // An edition whose CSV carries no signature is not taken either.
    files.remove("resources.csv.minisig");
    let server = Server::start(files);
    let run = update(&f, &keys, &server.url("dataset.json"), &[]);
    refused(&f, &run, &before, "resources.csv.minisig");
}

#[test]
fn a_server_that_does_not_answer_in_time_is_given_up() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let mut files = edition(&keys, "2027-01", "2027-01-05").files;
    files.insert(
        "resources.csv".to_owned(),
        Reply::Stall(Duration::from_secs(20)),
    );
    let server = Server::start(files);
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    let run = update(&f, &keys, &server.url("dataset.json"), &["--timeout", "1"]);
    refused(&f, &run, &before, "1 秒待っても届きませんでした");
}

#[test]
fn a_file_cut_short_is_refused() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let ed = edition(&keys, "2027-01", "2027-01-05");
    let mut files = ed.files;
    files.insert("resources.csv".to_owned(), Reply::CutShort(ed.csv));
    let server = Server::start(files);
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    let run = update(&f, &keys, &server.url("dataset.json"), &[]);
    refused(&f, &run, &before, "途中で切れています");
}

#[test]
fn a_bad_signature_or_another_key_is_refused() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let ed = edition(&keys, "2027-01", "2027-01-05");
    let mut files = ed.files.clone();
    let mut tampered = ed.csv.clone();
    let at = tampered.windows(4).position(|w| w == b"1234").unwrap();
    tampered[at] = b'9';
    files.insert("resources.csv".to_owned(), Reply::Body(tampered));
    let server = Server::start(files);
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    let run = update(&f, &keys, &server.url("dataset.json"), &[]);
    refused(&f, &run, &before, "署名");

    let server = Server::start(ed.files);
    let other = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let run = update(&f, &other, &server.url("dataset.json"), &[]);
    refused(&f, &run, &before, "署名");
    // And with no key at all, a fetched edition cannot be checked, so it is not taken.
    let run = f.run(&["update", "--from-url", &server.url("dataset.json")]);
    refused(&f, &run, &before, "署名");
}

#[test]
fn an_edition_older_than_the_installed_one_is_refused() {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let f = Fixture::new();
    let newer = Server::start(edition(&keys, "2027-02", "2027-02-01").files);
    update(&f, &keys, &newer.url("dataset.json"), &[]).assert_ok();
    let before = f.run(&["export"]).assert_ok().stdout();
    let older = Server::start(edition(&keys, "2027-01", "2027-01-05").files);
    let run = update(&f, &keys, &older.url("dataset.json"), &[]);
    refused(&f, &run, &before, "より古いため取り込みません");
    // A dry run says the same, so nobody is shown a preview of going backwards.
    let run = update(&f, &keys, &older.url("dataset.json"), &["--dry-run"]);
    refused(&f, &run, &before, "より古い");
}

#[test]
fn only_web_addresses_are_fetched() {
    let f = Fixture::new();
    let before = f.run(&["export"]).assert_ok().stdout();
    let run = f.run(&["update", "--from-url", "file:///etc/passwd"]);
    refused(&f, &run, &before, "http または https");
}
