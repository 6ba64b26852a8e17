//! The publisher's side: `publisher keygen` makes a minisign key pair whose secret half is
//! protected by a password, and `publish` writes a signed edition. The password is read from the
//! terminal, or from `TSUNAGU_KEY_PASSWORD` for scripts; the secret key is read only here and
//! never enters a catalogue or an export.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use tsunagu::Directory;
use tsunagu::workbench::publish::{
    CHANGES_FILE, CSV_FILE, META_FILE, META_SIGNATURE_FILE, PublishOptions, SIGNATURE_FILE,
};

use super::out;

/// The environment variable a script sets instead of typing the password.
const PASSWORD_ENV: &str = "TSUNAGU_KEY_PASSWORD";
/// The key pair's file names.
const SECRET_FILE: &str = "tsunagu.key";
const PUBLIC_FILE: &str = "tsunagu.pub";

#[derive(Subcommand)]
pub enum Publisher {
    /// 署名用の鍵の組を作る（秘密鍵はパスワードで保護。公開鍵は利用者に配ります）
    Keygen {
        /// 鍵を書き出すフォルダ（既存の鍵は上書きしません）
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

/// The password: the environment's, or typed (twice when a new key is made).
fn password(confirm: bool) -> Result<String> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        if p.is_empty() {
            bail!("{PASSWORD_ENV} が空です");
        }
        return Ok(p);
    }
    let p = rpassword::prompt_password("秘密鍵のパスワード: ").context(
        "パスワードを読めません（端末がないときは TSUNAGU_KEY_PASSWORD で渡してください）",
    )?;
    if p.is_empty() {
        bail!("パスワードが空です");
    }
    if confirm && rpassword::prompt_password("もう一度: ")? != p {
        bail!("パスワードが一致しません");
    }
    Ok(p)
}

/// Writes a new file, never replacing one: a key overwritten by mistake cannot be recovered.
fn create_new(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = options.open(path).with_context(|| {
        format!(
            "{} を作れません（すでにある鍵は上書きしません）",
            path.display()
        )
    })?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

pub fn keygen(command: Publisher) -> Result<ExitCode> {
    let Publisher::Keygen { output } = command;
    std::fs::create_dir_all(&output)
        .with_context(|| format!("{} を作れません", output.display()))?;
    let (secret, public) = (output.join(SECRET_FILE), output.join(PUBLIC_FILE));
    for p in [&secret, &public] {
        if p.exists() {
            bail!("{} がすでにあります（鍵は上書きしません）", p.display());
        }
    }
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some(password(true)?))
        .map_err(|e| anyhow::anyhow!("鍵を作れません: {e}"))?;
    let sk = pair
        .sk
        .to_box(Some("tsunagu publisher secret key"))
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .into_string();
    let pk = pair
        .pk
        .to_box()
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .into_string();
    create_new(&secret, sk.as_bytes(), true)?;
    create_new(&public, pk.as_bytes(), false)?;
    out(format!(
        "鍵を作りました: 秘密鍵 {}（パスワードとともに厳重に保管）、公開鍵 {}（利用者に配る）",
        secret.display(),
        public.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub struct PublishArgs {
    pub key: PathBuf,
    pub output: PathBuf,
    pub edition: String,
    pub url: Option<String>,
    pub previous: Option<PathBuf>,
}

pub fn publish(directory: &Directory, a: PublishArgs) -> Result<ExitCode> {
    let key_text = std::fs::read_to_string(&a.key)
        .with_context(|| format!("秘密鍵 {} を読めません", a.key.display()))?;
    // minisign's parser takes any text as a box and fails only when the password is tried, so
    // the file's shape (a comment line, then the key) is checked first: a wrong file is not a
    // wrong password.
    let not_a_key = || anyhow::anyhow!("{} は minisign の秘密鍵ではありません", a.key.display());
    let mut lines = key_text.lines();
    let shaped = lines
        .next()
        .is_some_and(|l| l.starts_with("untrusted comment:"))
        && lines.next().is_some_and(|l| l.trim().len() > 100);
    if !shaped {
        return Err(not_a_key());
    }
    let key_box = minisign::SecretKeyBox::from_string(&key_text).map_err(|_| not_a_key())?;
    let sk = minisign::SecretKey::from_box(key_box, Some(password(false)?)).map_err(|_| {
        anyhow::anyhow!(
            "秘密鍵 {} を開けません（パスワードが違うか、鍵ファイルが壊れています）",
            a.key.display()
        )
    })?;
    let previous = match &a.previous {
        Some(p) => {
            let bytes = tsunagu::dataset::read_file(p)?;
            let name = p.display().to_string();
            let parsed = tsunagu::dataset::parse(&name, &bytes);
            if parsed.report.has_errors() {
                bail!(
                    "前の版 {name} にエラーがあるため比べられません（tsunagu validate で確かめてください）"
                );
            }
            Some((name, parsed.resources))
        }
        None => None,
    };
    let publication = directory.publication(&PublishOptions {
        edition: a.edition,
        url: a.url,
        previous,
        today: directory.today(),
    })?;
    let pk = minisign::PublicKey::from_secret_key(&sk).map_err(|e| anyhow::anyhow!("{e}"))?;
    let trusted = format!(
        "tsunagu edition {} published {}",
        publication.meta.edition, publication.meta.published
    );
    let sign = |bytes: &[u8]| -> Result<String> {
        Ok(minisign::sign(
            Some(&pk),
            &sk,
            std::io::Cursor::new(bytes),
            Some(&trusted),
            Some("tsunagu edition signature"),
        )
        .map_err(|e| anyhow::anyhow!("署名できません: {e}"))?
        .into_string())
    };
    let mut meta = serde_json::to_vec_pretty(&publication.meta)?;
    meta.push(b'\n');
    let signature = sign(&publication.csv)?;
    // dataset.json is signed too: a reader uses its label and date only when they are signed.
    let meta_signature = sign(&meta)?;
    std::fs::create_dir_all(&a.output)
        .with_context(|| format!("{} を作れません", a.output.display()))?;
    // The signatures are written last: a folder whose upload stopped half way never holds a
    // signature that matches a CSV it does not have.
    for (name, bytes) in [
        (CSV_FILE, publication.csv.as_slice()),
        (META_FILE, meta.as_slice()),
        (CHANGES_FILE, publication.changelog.as_bytes()),
        (META_SIGNATURE_FILE, meta_signature.as_bytes()),
        (SIGNATURE_FILE, signature.as_bytes()),
    ] {
        tsunagu::output::write_atomic(&a.output.join(name), bytes)?;
    }
    out(format!(
        "版「{}」を書き出しました: {}（{} 件、署名付き）",
        publication.meta.edition,
        a.output.display(),
        publication.meta.counts.resources
    ))?;
    out(format!(
        "アップロードするもの: {CSV_FILE}, {SIGNATURE_FILE}, {META_FILE}, {META_SIGNATURE_FILE}, {CHANGES_FILE}"
    ))?;
    Ok(ExitCode::SUCCESS)
}
