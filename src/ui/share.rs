//! Share links: the whole document (and the Run panel's settings) in the URL fragment,
//! `#s=<base64url of JSON>`. A fragment never reaches a server, so a shared scenario stays
//! on the student's machine. Pure Rust, tested natively.

use serde_json::Value;

use crate::ui::doc::Doc;
use crate::ui::state::RunForm;

/// What comes before the encoded document in the fragment.
pub const PREFIX: &str = "#s=";

/// Why a share link could not be opened, in words for the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError(pub String);

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `#s=...` for `doc`. The run settings ride along as an extra `runForm` key, which a plain
/// `Doc` reader ignores.
pub fn encode(doc: &Doc, run: &RunForm) -> String {
    let mut value = serde_json::to_value(doc).unwrap_or(Value::Null);
    if let (Some(object), Ok(run)) = (value.as_object_mut(), serde_json::to_value(run)) {
        object.insert("runForm".into(), run);
    }
    format!("{PREFIX}{}", base64url_encode(value.to_string().as_bytes()))
}

/// True when `fragment` looks like a share link (so other fragments are left alone).
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.starts_with(PREFIX) || fragment.starts_with(&PREFIX[1..])
}

/// Reads `#s=...` (with or without the `#`). The run settings are optional: links made by
/// hand or by an older version may lack them.
pub fn decode(fragment: &str) -> Result<(Doc, Option<RunForm>), ShareError> {
    let encoded = fragment
        .strip_prefix(PREFIX)
        .or_else(|| fragment.strip_prefix(&PREFIX[1..]))
        .ok_or_else(|| {
            ShareError("this link does not hold a scenario (it should contain #s=...)".into())
        })?;
    let bytes = base64url_decode(encoded.trim()).map_err(|at| {
        ShareError(format!(
            "the link is damaged: character {} of the scenario code is not part of base64url (it may have been cut or changed when copied)",
            at + 1
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ShareError(
            "the link is damaged: the scenario code is not text (it may have been cut when copied)"
                .into(),
        )
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        ShareError(format!(
            "the link is damaged or cut short: its scenario is not complete JSON ({e})"
        ))
    })?;
    let run = value
        .get("runForm")
        .and_then(|r| serde_json::from_value(r.clone()).ok());
    let doc: Doc = serde_json::from_value(value).map_err(|e| {
        ShareError(format!(
            "the link's scenario is not a playground document ({e})"
        ))
    })?;
    Ok((doc, run))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 section 5, without padding (`=` would need escaping in a URL).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        // 1 byte -> 2 characters, 2 -> 3, 3 -> 4
        for s in &sextets[..chunk.len() + 1] {
            out.push(ALPHABET[*s as usize] as char);
        }
    }
    out
}

/// Decodes base64url; also takes the standard alphabet (`+`, `/`) and trailing `=` padding,
/// which some chat apps put back. The error is the 0-based index of the first bad character.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, usize> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return Err(i),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // A single leftover character carries fewer than 8 bits: the text was cut.
    if text.len() % 4 == 1 {
        return Err(text.len() - 1);
    }
    Ok(out)
}
