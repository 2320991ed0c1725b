//! PDF objects found by a bounded forward scan: `n g obj` headers, stream objects and their
//! dictionaries, and the objects inside compressed object streams (PDF 32000-1 §7.5.7).

use super::lexer::{rfind_token, skip_space};
use crate::bytes::find;

/// How far before its `stream` keyword a stream's `n g obj` header is looked for.
pub(super) const MAX_STREAM_DICT: usize = 2048;
/// `stream` keywords looked at per file: bounds the work on a file made of nothing else.
pub(super) const MAX_STREAM_KEYWORDS: usize = 65_536;
/// Compressed streams inflated per file (object streams and metadata streams).
pub(super) const MAX_INFLATED_STREAMS: usize = 256;

/// Where object `number` starts in the inflated data of an object stream: its header is `/N`
/// pairs of object number and offset (relative to `/First`).
pub(super) fn object_stream_entry(dict: &[u8], objects: &[u8], number: u32) -> Option<usize> {
    object_stream_offsets(dict, objects)
        .into_iter()
        .find(|&(object, _)| object == number)
        .map(|(_, at)| at)
}

/// Every (object number, start in `objects`) of an object stream's header, in header order;
/// empty when the header is unreadable.
pub(super) fn object_stream_offsets(dict: &[u8], objects: &[u8]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let (Some(count), Some(first)) = (
        integer_entry(dict, b"/N"),
        integer_entry(dict, b"/First").and_then(|f| usize::try_from(f).ok()),
    ) else {
        return out;
    };
    let Some(header) = objects
        .get(..first)
        .and_then(|h| std::str::from_utf8(h).ok())
    else {
        return out;
    };
    let mut numbers = header.split_ascii_whitespace().map(str::parse::<u64>);
    for _ in 0..count.min(1 << 20) {
        let (Some(Ok(object)), Some(Ok(offset))) = (numbers.next(), numbers.next()) else {
            break;
        };
        let at = usize::try_from(offset)
            .ok()
            .and_then(|offset| first.checked_add(offset))
            .filter(|&at| at < objects.len());
        if let (Ok(object), Some(at)) = (u32::try_from(object), at) {
            out.push((object, at));
        }
    }
    out
}

/// A non-negative integer value of `key` at the top of a stream dictionary.
pub(super) fn integer_entry(dict: &[u8], key: &[u8]) -> Option<u64> {
    let mut from = 0;
    while let Some(at) = dict
        .get(from..)
        .and_then(|d| find(d, key))
        .map(|i| from + i)
    {
        from = at + key.len();
        if dict.get(from).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue; // a longer name, e.g. /Names for /N
        }
        let digits: String = skip_space(dict, from)
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .take(12)
            .map(|&b| char::from(b))
            .collect();
        return digits.parse().ok();
    }
    None
}

/// A stream object found by a forward scan: `n g obj << … >> stream … endstream`.
pub(super) struct StreamObject<'a> {
    /// The object number.
    pub(super) number: u32,
    /// Offset of the `n g obj` header in the scanned data.
    pub(super) at: usize,
    /// The stream dictionary's text.
    pub(super) dict: &'a [u8],
    /// The encoded stream data.
    pub(super) data: &'a [u8],
}

impl StreamObject<'_> {
    pub(super) fn has(&self, name: &[u8]) -> bool {
        find(self.dict, name).is_some()
    }

    pub(super) fn is_object_stream(&self) -> bool {
        entry_is(self.dict, b"/Type", b"/ObjStm")
    }

    /// A metadata stream (`/Type /Metadata /Subtype /XML`), not a stream that refers to one.
    pub(super) fn is_metadata(&self) -> bool {
        entry_is(self.dict, b"/Type", b"/Metadata") || entry_is(self.dict, b"/Subtype", b"/XML")
    }
}

/// Where the `n g obj` header whose keyword is at `obj` starts, and its object number.
pub(super) fn object_header(data: &[u8], obj: usize) -> Option<(usize, u32)> {
    let digits_before = |end: usize| {
        let start = end
            - data
                .get(..end)?
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
        (start < end).then_some(start)
    };
    let spaces_before = |end: usize| {
        end - data.get(..end).map_or(0, |d| {
            d.iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count()
        })
    };
    let generation = digits_before(spaces_before(obj))?;
    let number_end = spaces_before(generation);
    let number_start = digits_before(number_end)?;
    let number = std::str::from_utf8(data.get(number_start..number_end)?)
        .ok()?
        .parse()
        .ok()?;
    Some((number_start, number))
}

/// Whether `dict` has the entry `key name` (white space between them optional).
pub(super) fn entry_is(dict: &[u8], key: &[u8], name: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = dict
        .get(from..)
        .and_then(|d| find(d, key))
        .map(|i| from + i)
    {
        from = at + key.len();
        let value = skip_space(dict, from);
        if value.starts_with(name)
            && !value
                .get(name.len())
                .is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return true;
        }
    }
    false
}

/// The Flate-compressed object streams and metadata streams in `data`, in file order, at most
/// [`MAX_INFLATED_STREAMS`]; other streams (images, page contents) are passed over.
pub(super) fn compressed_streams(data: &[u8]) -> Vec<StreamObject<'_>> {
    let mut streams = Vec::new();
    let mut from = 0;
    for _ in 0..MAX_STREAM_KEYWORDS {
        let Some(keyword) = data
            .get(from..)
            .and_then(|d| find(d, b"stream"))
            .map(|i| from + i)
        else {
            break;
        };
        from = keyword + 6;
        if keyword >= 3 && data.get(keyword - 3..keyword) == Some(b"end") {
            continue;
        }
        let Some(start) = stream_data_start(data, keyword) else {
            continue;
        };
        let Some(length) = data.get(start..).and_then(|d| find(d, b"endstream")) else {
            break; // no later stream has an end either
        };
        from = start + length + 9;
        let Some(stream) = stream_at(data, keyword, start, length) else {
            continue;
        };
        let wanted = stream.is_object_stream() || stream.is_metadata();
        if wanted && stream.has(b"/FlateDecode") && !stream.has(b"/DecodeParms") {
            streams.push(stream);
            if streams.len() == MAX_INFLATED_STREAMS {
                break;
            }
        }
    }
    streams
}

/// Where the data of a stream starts: after its `stream` keyword and end of line.
pub(super) fn stream_data_start(data: &[u8], keyword: usize) -> Option<usize> {
    let mut start = keyword + 6;
    match data.get(start) {
        Some(b'\r') if data.get(start + 1) == Some(&b'\n') => start += 2,
        Some(b'\r' | b'\n') => start += 1,
        _ => return None,
    }
    Some(start)
}

/// The stream whose `stream` keyword is at `keyword` and whose data is `length` bytes from
/// `start`, when its `n g obj` header is found.
pub(super) fn stream_at(
    data: &[u8],
    keyword: usize,
    start: usize,
    length: usize,
) -> Option<StreamObject<'_>> {
    let window = keyword.saturating_sub(MAX_STREAM_DICT);
    let before = data.get(window..keyword)?;
    let obj = rfind_token(before, b"obj")?;
    let (header, number) = object_header(before, obj)?;
    Some(StreamObject {
        number,
        at: window + header,
        dict: before.get(obj + 3..)?,
        data: data.get(start..start.checked_add(length)?)?,
    })
}
