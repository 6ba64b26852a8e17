//! Detached minisign (Ed25519) signatures on dataset files. A publisher that signs its editions
//! lets a counsellor's copy refuse a file that was changed after signing or signed by someone
//! else. Verification is offline: the public key is configured once, the signature file ships
//! beside the dataset (`resources.csv.minisig`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// The environment variable holding the publisher's public key (or the path of its `.pub` file).
pub const PUBLIC_KEY_ENV: &str = "TSUNAGU_PUBLIC_KEY";

/// The file beside the catalogue that holds the publisher's public key once it is configured
/// (`minisign -G` writes such a file; the prefecture publishes it with its editions).
pub const PUBLIC_KEY_FILE: &str = "publisher.pub";

/// What the signature check of a dataset file found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Signed {
    /// A signature was there and matches the publisher's key.
    Verified,
    /// No signature was there: taking the file needs the user's explicit consent.
    Unsigned,
    /// The dataset shipped inside this program: as trustworthy as the program itself.
    Bundled,
}

/// Where a dataset's detached signature is looked for: `FILE.minisig`.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(".minisig");
    PathBuf::from(p)
}

/// The publisher's public key as configured: the environment variable [`PUBLIC_KEY_ENV`], else
/// [`PUBLIC_KEY_FILE`] in `folder` (the catalogue's folder). Either holds the key itself or
/// the path of a `.pub` file.
pub fn configured_key(folder: Option<&Path>) -> Result<Option<String>> {
    if let Some(key) = std::env::var_os(PUBLIC_KEY_ENV).filter(|k| !k.is_empty()) {
        return load_key(&key.to_string_lossy()).map(Some);
    }
    match folder.map(|f| f.join(PUBLIC_KEY_FILE)) {
        Some(path) if path.is_file() => load_key(&path.to_string_lossy()).map(Some),
        _ => Ok(None),
    }
}

/// A key given as the key itself (`RW…`, or a `.pub` file's text) or as the path of a file
/// holding it.
pub fn load_key(key: &str) -> Result<String> {
    let path = Path::new(key);
    if path.is_file() {
        return std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        });
    }
    Ok(key.to_owned())
}

/// Checks a dataset file's detached signature (`signature`, or `FILE.minisig` beside it) against
/// the publisher's key. A file with no signature is [`Signed::Unsigned`]; a signature that does
/// not match, or one that cannot be checked because no key is configured, is an error: such a
/// file must not be taken.
pub fn check(
    file: &Path,
    bytes: &[u8],
    signature: Option<&Path>,
    public_key: Option<&str>,
) -> Result<Signed> {
    let sig_path = signature.map_or_else(|| signature_path(file), Path::to_owned);
    if !sig_path.exists() {
        return Ok(Signed::Unsigned);
    }
    let Some(key) = public_key else {
        return Err(Error::Signature(format!(
            "{} に署名がありますが、確かめるための発行元の公開鍵が設定されていません",
            file.display()
        )));
    };
    let sig_text = std::fs::read_to_string(&sig_path).map_err(|source| Error::Io {
        path: sig_path.clone(),
        source,
    })?;
    verify(bytes, &sig_text, key)
        .map_err(|e| Error::Signature(format!("{}: {e}", file.display())))?;
    Ok(Signed::Verified)
}

/// Checks `data` against a minisign signature file's text and a public key, given either as the
/// base64 key (`RW…`) or as the text of a `.pub` file.
pub fn verify(data: &[u8], signature: &str, public_key: &str) -> Result<()> {
    let key = public_key.trim();
    let key = minisign_verify::PublicKey::decode(key)
        .or_else(|_| minisign_verify::PublicKey::from_base64(key))
        .map_err(|e| Error::Signature(format!("公開鍵を読めません（{e}）")))?;
    let signature = minisign_verify::Signature::decode(signature)
        .map_err(|e| Error::Signature(format!("署名ファイルを読めません（{e}）")))?;
    key.verify(data, &signature, false).map_err(|_| {
        Error::Signature(
            "署名が一致しません。発行元が署名したファイルではないか、署名のあとで変更されています"
                .into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(keys: &minisign::KeyPair, data: &[u8]) -> String {
        minisign::sign(
            Some(&keys.pk),
            &keys.sk,
            std::io::Cursor::new(data),
            None,
            None,
        )
        .unwrap()
        .to_string()
    }

    #[test]
    fn check_finds_the_signature_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("new.csv");
        let data = "ID,名称,種別\na,大阪ダルク,回復施設\n".as_bytes();
        std::fs::write(&file, data).unwrap();
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let key = keys.pk.to_base64();
        assert_eq!(
            check(&file, data, None, Some(&key)).unwrap(),
            Signed::Unsigned
        );
        assert_eq!(check(&file, data, None, None).unwrap(), Signed::Unsigned);
        let sig = sign(&keys, data);
        std::fs::write(signature_path(&file), sig).unwrap();
        assert_eq!(
            check(&file, data, None, Some(&key)).unwrap(),
            Signed::Verified
        );
        // A signature nobody can check, or one that does not match, is refused.
        assert!(matches!(
            check(&file, data, None, None),
            Err(Error::Signature(_))
        ));
        assert!(matches!(
            check(&file, b"changed", None, Some(&key)),
            Err(Error::Signature(_))
        ));
        // The key may be given as the path of its .pub file.
        let pub_file = dir.path().join(PUBLIC_KEY_FILE);
        std::fs::write(&pub_file, keys.pk.to_box().unwrap().to_string()).unwrap();
        let loaded = load_key(&pub_file.to_string_lossy()).unwrap();
        assert_eq!(
            check(&file, data, None, Some(&loaded)).unwrap(),
            Signed::Verified
        );
    }

    #[test]
    fn verifies_a_signature_and_refuses_changes_and_other_keys() {
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let data = "ID,名称,種別\na,大阪ダルク,回復施設\n".as_bytes();
        let sig = sign(&keys, data);
        let key = keys.pk.to_base64();
        verify(data, &sig, &key).unwrap();
        // The .pub file's text works as well as the bare key.
        verify(data, &sig, &keys.pk.to_box().unwrap().to_string()).unwrap();
        let changed = "ID,名称,種別\na,大阪ダルク,回復施設\nb,偽の窓口,相談窓口\n".as_bytes();
        assert!(matches!(
            verify(changed, &sig, &key),
            Err(Error::Signature(_))
        ));
        let other = minisign::KeyPair::generate_unencrypted_keypair()
            .unwrap()
            .pk
            .to_base64();
        assert!(matches!(
            verify(data, &sig, &other),
            Err(Error::Signature(_))
        ));
        assert!(matches!(
            verify(data, "not a signature", &key),
            Err(Error::Signature(_))
        ));
        assert!(matches!(
            verify(data, &sig, "RWnot a key"),
            Err(Error::Signature(_))
        ));
    }
}
