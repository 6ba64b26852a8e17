//! Detached minisign (Ed25519) signatures on dataset files. A publisher that signs its editions
//! lets a counsellor's copy refuse a file that was changed after signing or signed by someone
//! else. Verification is offline: the public key is configured once, the signature file ships
//! beside the dataset (`resources.csv.minisig`).

use crate::error::{Error, Result};

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

    #[test]
    fn verifies_a_signature_and_refuses_changes_and_other_keys() {
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let data = "ID,名称,種別\na,大阪ダルク,回復施設\n".as_bytes();
        let sig = minisign::sign(
            Some(&keys.pk),
            &keys.sk,
            std::io::Cursor::new(data),
            None,
            None,
        )
        .unwrap()
        .to_string();
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
