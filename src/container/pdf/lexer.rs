//! The PDF lexer's few pieces this walker needs: names, references, dictionaries and
//! strings (PDF 32000-1 §7.3), each bounded by [`MAX_STRING`].

use crate::bytes::find;

/// Longest PDF string value read.
pub(super) const MAX_STRING: usize = 1 << 20;

pub(super) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The last occurrence of `token` that starts a line or follows white space.
pub(super) fn rfind_token(haystack: &[u8], token: &[u8]) -> Option<usize> {
    let mut end = haystack.len();
    while let Some(at) = rfind(haystack.get(..end)?, token) {
        if at == 0
            || haystack
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_whitespace())
        {
            return Some(at);
        }
        end = at + token.len() - 1;
    }
    None
}

pub(super) fn skip_space(data: &[u8], from: usize) -> &[u8] {
    let rest = data.get(from..).unwrap_or_default();
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    rest.get(skip..).unwrap_or_default()
}

/// Parses `n g R` at the start of `data` (after white space).
pub(super) fn reference(data: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(data.get(..data.len().min(40))?)
        .ok()
        .or_else(|| {
            let valid = data.iter().take(40).take_while(|b| b.is_ascii()).count();
            std::str::from_utf8(data.get(..valid)?).ok()
        })?;
    let mut parts = text.split_ascii_whitespace();
    let number = parts.next()?.parse().ok()?;
    let generation = parts.next()?.parse().ok()?;
    parts
        .next()?
        .starts_with('R')
        .then_some((number, generation))
}

/// Most entries read from one dictionary.
pub(super) const MAX_ENTRIES: usize = 64;
/// Longest name read (PDF 32000-1 Annex C: 127 bytes).
const MAX_NAME: usize = 127;

/// The entries at the top level of the dictionary starting after `from` (its `<<` within 256
/// bytes), at most [`MAX_ENTRIES`]: each key without its slash, and where its value starts.
pub(super) fn dictionary_entries(data: &[u8], from: usize) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    let Some(open) = data
        .get(from..from.saturating_add(256).min(data.len()))
        .and_then(|d| find(d, b"<<"))
    else {
        return entries;
    };
    let start = from + open + 2;
    let mut depth = 1usize;
    let mut at = start;
    while at < data.len() && at < start + MAX_STRING && entries.len() < MAX_ENTRIES {
        match data.get(at..at + 2) {
            Some(b"<<") => {
                depth += 1;
                at += 2;
                continue;
            }
            Some(b">>") => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                at += 2;
                continue;
            }
            _ => {}
        }
        match data.get(at) {
            Some(b'(') => match string_len(data.get(at..).unwrap_or_default()) {
                Some(len) => at += len,
                None => break,
            },
            Some(b'/') if depth == 1 => {
                let name: Vec<u8> = data
                    .get(at + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| (0x21..=0x7E).contains(*b) && !is_delimiter(**b))
                    .take(MAX_NAME)
                    .copied()
                    .collect();
                at += 1 + name.len();
                let value = skip_space(data, at);
                entries.push((crate::bytes::latin1(&name), data.len() - value.len()));
            }
            _ => at += 1,
        }
    }
    entries
}

/// A PDF delimiter (PDF 32000-1 §7.2.2): with white space and anything outside printable
/// ASCII, where a name ends.
fn is_delimiter(byte: u8) -> bool {
    b"()<>[]{}/%".contains(&byte)
}

/// Length of a literal string `( … )` including its parentheses.
pub(super) fn string_len(data: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0usize;
    while let Some(&b) = data.get(at) {
        match b {
            b'\\' => at += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
        if at > MAX_STRING {
            return None;
        }
    }
    None
}

/// Decodes a literal `( … )` or hex `< … >` string, with the text encodings PDF allows
/// (UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding read as Latin-1).
pub(super) fn pdf_string(data: &[u8]) -> Option<String> {
    let bytes = match data.first()? {
        b'(' => literal(data.get(..string_len(data)?)?),
        b'<' => hex(data),
        _ => return None,
    }?;
    Some(match bytes.as_slice() {
        [0xFE, 0xFF, rest @ ..] => {
            let units = rest.chunks_exact(2).map(|p| match p {
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0,
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        other => crate::bytes::latin1(other),
    })
}

pub(super) fn literal(data: &[u8]) -> Option<Vec<u8>> {
    let inner = data.get(1..data.len().checked_sub(1)?)?;
    let mut out = Vec::with_capacity(inner.len());
    let mut at = 0;
    while let Some(&b) = inner.get(at) {
        at += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = inner.get(at) else { break };
        at += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' | b'\n' => {
                if e == b'\r' && inner.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match inner.get(at) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            at += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

pub(super) fn hex(data: &[u8]) -> Option<Vec<u8>> {
    let end = data.iter().position(|&b| b == b'>')?;
    let digits: Vec<u8> = data
        .get(1..end)?
        .iter()
        .filter(|b| b.is_ascii_hexdigit())
        .copied()
        .collect();
    let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    digits
        .chunks(2)
        .map(|pair| {
            Some(nibble(*pair.first()?)? << 4 | pair.get(1).map_or(Some(0), |&b| nibble(b))?)
        })
        .collect()
}
