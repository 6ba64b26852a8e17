//! `tsunagu`, the command-line tool: arguments and dispatch. Each command is a few lines over
//! the core library, which owns every rule.

mod bench;
mod data;
mod editions;
mod find;
mod mine;
mod notes;
mod publish;
mod referral;
mod sheet;
mod term;
mod upcoming;
mod workbench;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tsunagu::{Directory, Policy, UpdateSource};

/// mimalloc instead of the system allocator: importing 100,000 rows allocates tens of millions
/// of small strings (cells, normalised text, grams) over three threads, and a large
/// catalogue's search decodes and drops a few hundred cards per keystroke. Measured on
/// `import` and `bench search` (see the project's notes); the desktop app uses the same.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// tsunagu — 大阪の薬物依存症支援資源をオフラインで探す
#[derive(Parser)]
#[command(name = "tsunagu", version, about, long_about = None)]
struct Cli {
    /// カタログのデータベース（既定: OS のデータフォルダ）。新しいデータベースは同梱データから作られます
    #[arg(long, global = true, env = "TSUNAGU_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// 人が確認した日（確認日）からこの日数を過ぎた記録に「確認が古い」の印を付ける
    #[arg(
        long,
        global = true,
        env = "TSUNAGU_STALE_DAYS",
        default_value_t = 365,
        value_name = "DAYS"
    )]
    stale_days: u32,

    /// 別のプログラムがデータベースを使用中のとき待つ秒数
    #[arg(
        long,
        global = true,
        env = "TSUNAGU_BUSY_TIMEOUT",
        default_value_t = 5,
        value_name = "SECONDS"
    )]
    busy_timeout: u64,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// データセット CSV を検査する（何も書き込みません）。取り込めるとき終了コード 0
    Validate {
        /// 検査する CSV ファイル
        file: PathBuf,
        /// 結果を JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// データセット CSV を検査し、カタログを置き換える（エラーがあれば何も変えません）
    Import {
        /// 取り込む CSV ファイル
        file: PathBuf,
        /// 版の名前（データセットの付属情報より優先）
        #[arg(long)]
        edition: Option<String>,
    },
    /// 新しい版のデータセットに更新する: 検査し、違い（追加・削除・変更）を示してから一度に置き換える。
    /// メモ・お気に入り・自分で追加した資源はそのまま
    Update {
        /// 新しい版の CSV ファイル
        #[arg(required_unless_present_any = ["bundled", "from_url"])]
        file: Option<PathBuf>,
        /// このプログラムに同梱の版にする（プログラムを新しくしたあとで）
        #[arg(long, conflicts_with_all = ["file", "from_url"])]
        bundled: bool,
        /// 発行元が公開する版を取得する（dataset.json の URL、またはそのフォルダの URL）。指示したときだけ通信し、発行元の署名がない版は取り込みません
        #[arg(long, value_name = "URL", conflicts_with_all = ["file", "edition", "signature"])]
        from_url: Option<String>,
        /// --from-url の取得を待つ秒数
        #[arg(
            long,
            value_name = "SECONDS",
            default_value_t = 30,
            requires = "from_url"
        )]
        timeout: u64,
        /// 違いを示すだけで変更しない
        #[arg(long)]
        dry_run: bool,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// 版の名前（データセットの付属情報より優先）
        #[arg(long)]
        edition: Option<String>,
        #[command(flatten)]
        signature: editions::SignatureArgs,
    },
    /// 直前の版に戻す（メモ・お気に入り・自分で追加した資源はそのまま）
    Rollback {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 資源をお気に入りにする
    Favourite {
        /// 資源の ID
        id: String,
    },
    /// 資源をお気に入りから外す
    Unfavourite {
        /// 資源の ID
        id: String,
    },
    /// お気に入りの一覧
    Favourites {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 自分で追加する資源（公開データとは別に保存）
    Local {
        #[command(subcommand)]
        command: mine::Local,
    },
    /// 資源を検索する
    Search {
        /// 検索語（空なら全件）
        query: Option<String>,
        /// 表示する件数の上限
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// 標準入力から 1 行 1 検索語で読む
        #[arg(long, conflicts_with = "query")]
        stdin: bool,
        #[command(flatten)]
        filters: find::FilterArgs,
        /// 絞り込み項目ごとの件数を表示する
        #[arg(long)]
        facets: bool,
    },
    /// 1 件の資源の詳細を表示する
    Show {
        /// 資源の ID
        id: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 資源にメモを付ける（新しい版を取り込んでも残ります）
    Note {
        /// 資源の ID
        id: String,
        /// メモの本文
        text: String,
    },
    /// メモの一覧
    Notes {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 紹介シート（PDF）を作る
    Sheet {
        /// 載せる資源の ID（書いた順に載ります）
        #[arg(required = true)]
        ids: Vec<String>,
        /// 出力ファイル
        #[arg(short, long, value_name = "FILE.pdf")]
        output: Option<PathBuf>,
        /// 担当者からのメモ
        #[arg(long)]
        note: Option<String>,
        /// 宛名（書いたとおりに印字。例: 「山田 花子 さんへ」「ご家族の方へ」）
        #[arg(long = "for", value_name = "NAME")]
        recipient: Option<String>,
        /// PDF の代わりに、LINE やメールに貼れる文章で出す（名称・電話・受付・URL）
        #[arg(long)]
        text: bool,
        #[command(flatten)]
        style: sheet::StyleArgs,
        #[command(flatten)]
        issue: sheet::IssueArgs,
    },
    /// 地域の冊子（PDF）を作る: その市区町村に住む人が利用できる相談先を種別ごとに
    Booklet {
        /// 市区町村（例: 堺市、大阪市生野区、生野区）
        #[arg(long, value_name = "市区町村")]
        area: String,
        /// 出力ファイル
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
        /// 用紙: a4（既定）または a5（プリンターの冊子印刷で A4 を二つ折り）
        #[arg(long, value_name = "a4|a5", default_value = "a4")]
        fold: String,
        /// 大きな文字
        #[arg(long)]
        large: bool,
        #[command(flatten)]
        issue: sheet::IssueArgs,
    },
    /// これからの開催日・受付日を日付順に表示する（家族教室、自助グループ…）
    Upcoming {
        #[command(flatten)]
        filters: find::FilterArgs,
        /// 最初の日（既定: 今日）
        #[arg(long, value_name = "日付")]
        from: Option<String>,
        /// 何日分
        #[arg(long, default_value_t = 60)]
        days: u32,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// iCalendar ファイル（.ics）にも書き出す
        #[arg(long, value_name = "FILE")]
        ics: Option<PathBuf>,
        /// 1 枚の日程表（PDF）にも書き出す
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
        /// 窓口や電話相談のふだんの受付時間も含める（既定は集まり・教室・プログラム・決まった日の相談日だけ）
        #[arg(long)]
        include_hours: bool,
        #[command(flatten)]
        style: sheet::StyleArgs,
        #[command(flatten)]
        issue: sheet::IssueArgs,
    },
    /// カタログを書き出す（export → import → export で同じファイルになります。Excel でそのまま開けます）
    Export {
        /// 形式
        #[arg(long, value_enum, default_value_t = data::Format::Csv)]
        format: data::Format,
        /// 文字コード: utf8（BOM 付き、既定。Excel 2016 以降はダブルクリックで開けます）または sjis（古い Excel 用）
        #[arg(long, value_enum, default_value_t = data::Encoding::Utf8)]
        encoding: data::Encoding,
        /// 出力ファイル（省略時は標準出力）
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// カタログが使っているデータセットの版を表示する
    Edition {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 紹介の記録とフォローアップ（このパソコンの中だけに保存。氏名は記録しません）
    Referral {
        #[command(subcommand)]
        command: referral::Command,
    },
    /// 市区町村・区ごとに、住民が電話できる地域の窓口があるか（空白から順に）。公開元の作業リスト
    Coverage {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 記録の確認（公開元）: 確認リストと、確かめたことの記録
    Verify {
        #[command(subcommand)]
        command: workbench::Verify,
    },
    /// 現場からの訂正: 記録する、一覧、公開元に送るファイル、（公開元）取り込み
    Correction {
        #[command(subcommand)]
        command: workbench::Correction,
    },
    /// 公開元: 署名用の鍵を作る
    Publisher {
        #[command(subcommand)]
        command: publish::Publisher,
    },
    /// 公開元: 検査したうえで、版の CSV・署名・dataset.json・変更点をフォルダに書き出す
    Publish {
        /// 秘密鍵（publisher keygen で作ったもの。パスワードは端末か TSUNAGU_KEY_PASSWORD）
        #[arg(long, value_name = "SECRET_KEY_FILE")]
        key: PathBuf,
        /// 書き出すフォルダ
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// 版の名前（例: 2027-01）
        #[arg(long, value_name = "LABEL")]
        edition: String,
        /// 版を公開する場所の URL（dataset.json に書きます）
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// 前に公開した版の CSV（変更点を書くため）
        #[arg(long, value_name = "FILE")]
        previous: Option<PathBuf>,
    },
    /// 性能を測る（合成データを生成して計測）
    Bench {
        #[command(subcommand)]
        what: bench::Bench,
    },
}

/// Says so when the search index could not be brought up to date after a change. The change
/// itself has succeeded; the next search rebuilds the index or searches from memory.
fn warn_index(directory: &mut Directory) {
    if let Some(e) = directory.take_index_warning() {
        eprintln!(
            "注意: 検索索引を更新できませんでした（次の検索で作り直します）: {}",
            term::inert(&e.to_string())
        );
    }
}

/// Runs the CLI and turns any error into a message on stderr and exit status 1.
fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("エラー: {}", term::inert(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    let busy = std::time::Duration::from_secs(cli.busy_timeout);
    let policy = Policy {
        stale_days: cli.stale_days,
    };
    let open = || -> Result<Directory> {
        let path = match &db {
            Some(p) => p.clone(),
            None => default_db_path()?,
        };
        Directory::open(&path, busy, policy)
            .with_context(|| format!("カタログ {} を開けません", path.display()))
    };
    match cli.command {
        Command::Validate { file, json } => data::validate(&file, json),
        Command::Import { file, edition } => data::import(&mut open()?, &file, edition),
        Command::Update {
            file,
            bundled: _,
            from_url,
            timeout,
            dry_run,
            json,
            edition,
            signature,
        } => {
            // clap requires one of FILE, --bundled and --from-url, and refuses two.
            let from = match (file, from_url) {
                (Some(file), _) => editions::From::Local(UpdateSource::File(file)),
                (None, Some(url)) => editions::From::Url {
                    url,
                    timeout: std::time::Duration::from_secs(timeout),
                },
                (None, None) => editions::From::Local(UpdateSource::Bundled),
            };
            editions::update(&mut open()?, &from, dry_run, json, edition, &signature)
        }
        Command::Rollback { json } => editions::rollback(&mut open()?, json),
        Command::Favourite { id } => mine::favourite(&mut open()?, &id),
        Command::Unfavourite { id } => mine::unfavourite(&mut open()?, &id),
        Command::Favourites { json } => mine::favourites(&open()?, json),
        Command::Local { command } => mine::local(&mut open()?, command),
        Command::Search {
            query,
            limit,
            json,
            stdin,
            filters,
            facets,
        } => {
            let options = find::Options {
                limit,
                json,
                facets,
                filters: filters.into_filters()?,
            };
            find::search(&mut open()?, query.as_deref(), stdin, &options)
        }
        Command::Show { id, json } => find::show(&open()?, &id, json),
        Command::Note { id, text } => notes::add(&mut open()?, &id, &text),
        Command::Notes { json } => notes::list(&open()?, json),
        Command::Sheet {
            ids,
            output,
            note,
            recipient,
            text,
            style,
            issue,
        } => sheet::referral(
            &open()?,
            sheet::Request {
                ids,
                output,
                note,
                recipient,
                issue,
                style,
                text,
            },
        ),
        Command::Booklet {
            area,
            output,
            fold,
            large,
            issue,
        } => sheet::booklet(&open()?, &area, &output, &fold, large, &issue),
        Command::Upcoming {
            filters,
            from,
            days,
            json,
            ics,
            pdf,
            include_hours,
            style,
            issue,
        } => {
            let from = match from {
                Some(d) => find::parse_date(&d)?,
                None => tsunagu::time::today(),
            };
            let options = upcoming::Options {
                filters: filters.into_filters()?,
                from,
                days,
                json,
                ics,
                pdf,
                include_hours,
                style: style.style()?,
                issue,
            };
            upcoming::run(&open()?, &options)
        }
        Command::Export {
            format,
            encoding,
            output,
        } => data::export(&open()?, format, encoding, output.as_deref()),
        Command::Edition { json } => data::edition(&open()?, json),
        Command::Referral { command } => referral::run(&mut open()?, command),
        Command::Coverage { json } => workbench::coverage(&open()?, json),
        Command::Verify { command } => workbench::verify(&mut open()?, command),
        Command::Correction { command } => workbench::correction(&mut open()?, command),
        Command::Publisher { command } => publish::keygen(command),
        Command::Publish {
            key,
            output,
            edition,
            url,
            previous,
        } => publish::publish(
            &open()?,
            publish::PublishArgs {
                key,
                output,
                edition,
                url,
                previous,
            },
        ),
        Command::Bench { what } => bench::run(what),
    }
}

/// The catalogue's default home: the platform's per-user data folder
/// (`~/.local/share/tsunagu` on Linux).
fn default_db_path() -> Result<PathBuf> {
    tsunagu::Catalogue::default_path()
        .context("ホームフォルダが分からないため、--db でデータベースの場所を指定してください")
}

/// Writes a file the user named: `-` is standard output; anything else is written whole or not
/// at all, and never over a device, a pipe, a link or a read-only file.
fn write_output(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if path == std::path::Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(e) if is_closed_pipe(&e) => std::process::exit(0),
            r => Ok(r?),
        };
    }
    Ok(tsunagu::output::write_atomic(path, bytes)?)
}

/// Whether output goes to standard output (then messages go to standard error).
fn is_stdout(path: &std::path::Path) -> bool {
    path == std::path::Path::new("-")
}

/// Prints a line to stdout, treating a closed pipe (`tsunagu search | head`) as a normal end.
fn out(line: impl AsRef<str>) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{}", line.as_ref()) {
        Err(e) if is_closed_pipe(&e) => std::process::exit(0),
        r => Ok(r?),
    }
}

/// Whether output failed because the reader went away (`tsunagu search | head`, `| findstr`):
/// a normal end, not an error. Windows reports it as "no data" (232) or "pipe not connected"
/// (233) as well as a broken pipe.
fn is_closed_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(232 | 233)))
}

fn main() -> ExitCode {
    run()
}
