//! ISO BMFF (MP4, MOV, M4A, HEIF/HEIC, AVIF): a box walker over a [`Source`] that reads
//! box headers only, descends into `moov`, `trak`, `udta` and `meta`, and reads the payloads of
//! the few boxes labels live in: `keys` + `ilst` (QuickTime `mdta` and iTunes items),
//! XMP and C2PA `uuid` boxes, and HEIF XMP/EXIF items located through `iinf` + `iloc`.
//! `mdat` and every other box is skipped by its size, never read.
//!
//! Hand-written: the BMFF crates (`mp4`, `mp4parse`) parse whole `moov` boxes into sample
//! tables and do not expose `mdta` keys, HEIF items or byte offsets.

use super::{exif, Block, BlockKind, Scan};
use crate::bytes::Cursor;
use crate::source::Source;

const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];
const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];
/// Deepest nesting walked.
const MAX_DEPTH: usize = 12;
/// Most boxes visited in one file.
const MAX_BOXES: usize = 100_000;
/// Largest metadata payload read (keys, ilst, XMP, iinf, iloc).
const MAX_PAYLOAD: u64 = 16 << 20;
/// Largest C2PA store read.
const MAX_C2PA: u64 = 64 << 20;
/// Most ilst items read.
const MAX_ITEMS: usize = 1024;

/// One box header.
#[derive(Debug, Clone, Copy)]
struct BoxHeader {
    kind: [u8; 4],
    start: u64,
    /// Where the payload starts (after size, type, large size and uuid).
    body: u64,
    end: u64,
    uuid: Option<[u8; 16]>,
}

impl BoxHeader {
    fn name(&self) -> String {
        String::from_utf8_lossy(&self.kind).into_owned()
    }

    fn body_len(&self) -> u64 {
        self.end - self.body
    }
}

/// Walks a BMFF file.
pub fn scan(source: &dyn Source) -> Scan<'static> {
    let mut walker = Walker {
        source,
        scan: Scan::new("BMFF"),
        boxes: 0,
        heif: Heif::default(),
        keys: Vec::new(),
        in_udta: false,
    };
    walker.walk(0, source.len(), 0);
    walker.resolve_heif_items();
    walker.scan
}

struct Walker<'s> {
    source: &'s dyn Source,
    scan: Scan<'static>,
    boxes: usize,
    heif: Heif,
    /// The `keys` of the QuickTime `meta` being walked.
    keys: Vec<String>,
    /// Whether the boxes being walked are inside a `udta`.
    in_udta: bool,
}

/// Where one HEIF item's bytes are: (item id, construction method, extents as (offset, length)).
type ItemLocation = (u32, u8, Vec<(u64, u64)>);

/// HEIF item information gathered from `iinf`, `iloc` and `idat`.
#[derive(Default)]
struct Heif {
    /// (item id, "XMP" or "EXIF")
    items: Vec<(u32, &'static str)>,
    /// (item id, construction method, extents as (offset, length))
    locations: Vec<ItemLocation>,
    idat: Option<(u64, u64)>,
}

impl<'s> Walker<'s> {
    fn header(&mut self, at: u64, end: u64) -> Result<BoxHeader, String> {
        let bytes = self.source.read_exact_at(at, 8, "box header")?;
        let mut cur = Cursor::at(&bytes, 0);
        let size = cur.u32_be().unwrap_or(0);
        let kind = cur.array::<4>().unwrap_or_default();
        let name = String::from_utf8_lossy(&kind).into_owned();
        let (total, mut body) = match size {
            0 => (end - at, at + 8),
            1 => {
                let large = self.source.read_exact_at(at + 8, 8, "box size")?;
                let large = u64::from_be_bytes(
                    large
                        .as_ref()
                        .try_into()
                        .map_err(|_| "box size".to_string())?,
                );
                (large, at + 16)
            }
            n => (u64::from(n), at + 8),
        };
        if total < body - at {
            return Err(format!(
                "'{name}' box at byte {at} has an impossible size {total}"
            ));
        }
        let declared_end = at
            .checked_add(total)
            .ok_or_else(|| format!("'{name}' box at byte {at} has an impossible size"))?;
        if declared_end > end {
            return Err(format!(
                "'{name}' box at byte {at} claims {total} bytes but only {} remain (file truncated)",
                end - at
            ));
        }
        let uuid = if &kind == b"uuid" {
            let id = self.source.read_exact_at(body, 16, "uuid")?;
            body += 16;
            id.as_ref().try_into().ok()
        } else {
            None
        };
        if body > declared_end {
            return Err(format!(
                "'{name}' box at byte {at} is shorter than its header"
            ));
        }
        Ok(BoxHeader {
            kind,
            start: at,
            body,
            end: declared_end,
            uuid,
        })
    }

    fn walk(&mut self, start: u64, end: u64, depth: usize) {
        if depth > MAX_DEPTH {
            self.scan.error(format!(
                "boxes nested deeper than {MAX_DEPTH} at byte {start}; not read"
            ));
            return;
        }
        let mut at = start;
        while at < end {
            if end - at < 8 {
                self.scan
                    .error(format!("{} stray bytes at byte {at}", end - at));
                return;
            }
            self.boxes += 1;
            if self.boxes > MAX_BOXES {
                self.scan
                    .error(format!("more than {MAX_BOXES} boxes; stopped reading"));
                return;
            }
            let header = match self.header(at, end) {
                Ok(header) => header,
                Err(message) => {
                    self.scan.error(message);
                    return;
                }
            };
            self.visit(header, depth);
            if header.end <= at {
                return;
            }
            at = header.end;
        }
    }

    fn visit(&mut self, header: BoxHeader, depth: usize) {
        match &header.kind {
            b"moov" | b"trak" | b"iprp" => self.walk(header.body, header.end, depth + 1),
            b"udta" => {
                let outer = std::mem::replace(&mut self.in_udta, true);
                self.walk(header.body, header.end, depth + 1);
                self.in_udta = outer;
            }
            kind if self.in_udta && kind.eq_ignore_ascii_case(b"aigc") => self.read_aigc(&header),
            b"meta" => {
                let children = self.meta_children_start(&header);
                let outer = std::mem::take(&mut self.keys);
                self.walk(children, header.end, depth + 1);
                self.keys = outer;
            }
            b"keys" => self.read_keys(&header),
            b"ilst" => self.read_ilst(&header),
            b"uuid" => self.read_uuid(&header),
            b"iinf" => self.read_iinf(&header),
            b"iloc" => self.read_iloc(&header),
            b"idat" => self.heif.idat = Some((header.body, header.body_len())),
            _ => {}
        }
    }

    /// ISO `meta` is a full box (4 bytes of version and flags before its children);
    /// QuickTime's `meta` is not. Told apart by where the `hdlr` child's type sits.
    fn meta_children_start(&mut self, header: &BoxHeader) -> u64 {
        let peek = self.source.read_at(header.body, 12).unwrap_or_default();
        if peek.get(4..8) == Some(b"hdlr") {
            header.body
        } else {
            header.body + 4
        }
    }

    fn payload(&mut self, header: &BoxHeader, limit: u64) -> Option<Vec<u8>> {
        if header.body_len() > limit {
            self.scan.error(format!(
                "'{}' box at byte {} is over {limit} bytes; not read",
                header.name(),
                header.start
            ));
            return None;
        }
        match self
            .source
            .read_exact_at(header.body, header.body_len() as usize, "box payload")
        {
            Ok(bytes) => Some(bytes.into_owned()),
            Err(message) => {
                self.scan.error(message);
                None
            }
        }
    }

    /// QuickTime `keys`: version/flags, count, then (size, namespace, name) entries.
    fn read_keys(&mut self, header: &BoxHeader) {
        let Some(payload) = self.payload(header, MAX_PAYLOAD) else {
            return;
        };
        let mut cur = Cursor::at(&payload, 4);
        let count = cur.u32_be().unwrap_or(0);
        let mut keys = Vec::new();
        for _ in 0..count.min(MAX_ITEMS as u32) {
            let (Some(size), Some(_namespace)) = (cur.u32_be(), cur.array::<4>()) else {
                break;
            };
            let Some(name) = (size as usize).checked_sub(8).and_then(|n| cur.take(n)) else {
                self.scan
                    .error(format!("'keys' box at byte {} is malformed", header.start));
                break;
            };
            keys.push(String::from_utf8_lossy(name).into_owned());
        }
        self.keys = keys;
    }

    /// `ilst` items: each is a box whose type is a 1-based index into `keys` (QuickTime)
    /// or a four-character code / `----` freeform name (iTunes), holding a `data` box.
    fn read_ilst(&mut self, header: &BoxHeader) {
        let Some(payload) = self.payload(header, MAX_PAYLOAD) else {
            return;
        };
        let mut cur = Cursor::at(&payload, 0);
        let mut items = 0;
        while cur.remaining() >= 8 && items < MAX_ITEMS {
            items += 1;
            let item_at = header.body + cur.pos() as u64;
            let (Some(size), Some(kind)) = (cur.u32_be(), cur.array::<4>()) else {
                break;
            };
            let Some(body) = (size as usize).checked_sub(8).and_then(|n| cur.take(n)) else {
                self.scan
                    .error(format!("'ilst' item at byte {item_at} runs past its box"));
                break;
            };
            let (name, value) = ilst_item(&kind, body, &self.keys);
            if let (Some(name), Some(value)) = (name, value) {
                let place = format!("'ilst' item \"{name}\" in 'moov/udta/meta' at byte {item_at}");
                self.scan.push(Block::owned(
                    BlockKind::Text { key: name },
                    place,
                    item_at,
                    value.into_bytes(),
                ));
            }
        }
    }

    /// A `udta` child box `aigc`/`AIGC` whose body is the label JSON (after a full box's
    /// version and flags, or a QuickTime text atom's length and language, when present).
    fn read_aigc(&mut self, header: &BoxHeader) {
        let Some(payload) = self.payload(header, MAX_PAYLOAD) else {
            return;
        };
        let start = payload.iter().take(8).position(|&b| b == b'{').unwrap_or(0);
        let body = payload.get(start..).unwrap_or_default();
        let end = body.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        let name = header.name();
        let place = format!("'{name}' box in 'udta' at byte {}", header.start);
        self.scan.push(Block::owned(
            BlockKind::Text { key: name },
            place,
            header.start,
            body.get(..end).unwrap_or_default().to_vec(),
        ));
    }

    fn read_uuid(&mut self, header: &BoxHeader) {
        match header.uuid {
            Some(XMP_UUID) => {
                if let Some(xmp) = self.payload(header, MAX_PAYLOAD) {
                    let place = format!("XMP 'uuid' box at byte {}", header.start);
                    self.scan
                        .push(Block::owned(BlockKind::Xmp, place, header.start, xmp));
                }
            }
            Some(C2PA_UUID) => {
                if let Some(payload) = self.payload(header, MAX_C2PA) {
                    // version/flags, a NUL-terminated purpose ("manifest"), an 8-byte offset, then JUMBF.
                    let mut cur = Cursor::at(&payload, 4);
                    let purpose: Vec<u8> = cur
                        .rest()
                        .iter()
                        .take_while(|&&b| b != 0)
                        .copied()
                        .collect();
                    let jumbf_at = 4 + purpose.len() + 1 + 8;
                    let place = format!("C2PA 'uuid' box at byte {}", header.start);
                    let store = payload.get(jumbf_at..).unwrap_or_default().to_vec();
                    self.scan
                        .push(Block::owned(BlockKind::C2pa, place, header.start, store));
                }
            }
            _ => {}
        }
    }

    /// HEIF `iinf`: which items are XMP (`mime` application/rdf+xml) or EXIF.
    fn read_iinf(&mut self, header: &BoxHeader) {
        let Some(payload) = self.payload(header, MAX_PAYLOAD) else {
            return;
        };
        let mut cur = Cursor::at(&payload, 0);
        let version = cur.u8().unwrap_or(0);
        cur.skip(3);
        let count = if version == 0 {
            cur.u16_be().map(u32::from)
        } else {
            cur.u32_be()
        }
        .unwrap_or(0);
        for _ in 0..count.min(MAX_ITEMS as u32) {
            let (Some(size), Some(kind)) = (cur.u32_be(), cur.array::<4>()) else {
                break;
            };
            let Some(body) = (size as usize).checked_sub(8).and_then(|n| cur.take(n)) else {
                break;
            };
            if &kind == b"infe" {
                if let Some(item) = infe_item(body) {
                    self.heif.items.push(item);
                }
            }
        }
    }

    /// HEIF `iloc`: where each item's bytes are.
    fn read_iloc(&mut self, header: &BoxHeader) {
        let Some(payload) = self.payload(header, MAX_PAYLOAD) else {
            return;
        };
        match parse_iloc(&payload) {
            Some(locations) => self.heif.locations = locations,
            None => self
                .scan
                .error(format!("'iloc' box at byte {} is malformed", header.start)),
        }
    }

    fn resolve_heif_items(&mut self) {
        let items = std::mem::take(&mut self.heif.items);
        for (id, what) in items {
            let Some((_, method, extents)) =
                self.heif.locations.iter().find(|(i, ..)| *i == id).cloned()
            else {
                continue;
            };
            let base = match (method, self.heif.idat) {
                (0, _) => 0,
                (1, Some((idat, _))) => idat,
                _ => continue,
            };
            let mut bytes = Vec::new();
            for (offset, length) in &extents {
                if bytes.len() as u64 + length > MAX_PAYLOAD {
                    self.scan.error(format!(
                        "HEIF {what} item {id} is over {MAX_PAYLOAD} bytes; not read"
                    ));
                    return;
                }
                match self.source.read_exact_at(
                    base.saturating_add(*offset),
                    *length as usize,
                    "HEIF item",
                ) {
                    Ok(part) => bytes.extend_from_slice(&part),
                    Err(message) => {
                        self.scan.error(message);
                        return;
                    }
                }
            }
            let at = extents.first().map_or(0, |(o, _)| base.saturating_add(*o));
            let place = format!("HEIF {what} item {id} at byte {at}");
            if what == "XMP" {
                self.scan
                    .push(Block::owned(BlockKind::Xmp, place, at, bytes));
            } else {
                // EXIF items start with a 4-byte offset to the TIFF header.
                let skip = bytes
                    .get(..4)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, u32::from_be_bytes) as usize;
                let tiff = bytes.get(4 + skip..).unwrap_or_default().to_vec();
                let mut inner = Scan::default();
                exif::scan_exif(&mut inner, &tiff, &place, at);
                for error in inner.errors {
                    self.scan.error(error);
                }
                for block in inner.blocks {
                    self.scan.push(Block::owned(
                        block.kind,
                        block.place,
                        block.offset,
                        block.data.into_owned(),
                    ));
                }
            }
        }
    }
}

/// The (name, text value) of one `ilst` item.
fn ilst_item(kind: &[u8; 4], body: &[u8], keys: &[String]) -> (Option<String>, Option<String>) {
    let mut value = None;
    let index = u32::from_be_bytes(*kind) as usize;
    let mut name = if index >= 1 && index <= keys.len() {
        keys.get(index - 1).cloned()
    } else {
        Some(match kind {
            b"\xa9too" | b"\xa9swr" => "Software".to_string(),
            b"\xa9cmt" => "Comment".to_string(),
            b"\xa9des" | b"desc" => "Description".to_string(),
            b"\xa9nam" => "Title".to_string(),
            b"----" => String::new(),
            other => String::from_utf8_lossy(other).into_owned(),
        })
    };
    let mut cur = Cursor::at(body, 0);
    while cur.remaining() >= 8 {
        let (Some(size), Some(child)) = (cur.u32_be(), cur.array::<4>()) else {
            break;
        };
        let Some(data) = (size as usize).checked_sub(8).and_then(|n| cur.take(n)) else {
            break;
        };
        match &child {
            // data: 4-byte type indicator, 4-byte locale, then the value.
            b"data" => {
                value = data
                    .get(8..)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            }
            // freeform name (full box: 4 bytes of version and flags).
            b"name" => {
                name = data
                    .get(4..)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            }
            _ => {}
        }
    }
    (name.filter(|n| !n.is_empty()), value)
}

/// An `infe` entry (version 2 or 3) naming an XMP or EXIF item.
fn infe_item(body: &[u8]) -> Option<(u32, &'static str)> {
    let mut cur = Cursor::at(body, 0);
    let version = cur.u8()?;
    cur.skip(3)?;
    let id = match version {
        2 => u32::from(cur.u16_be()?),
        3 => cur.u32_be()?,
        _ => return None,
    };
    cur.skip(2)?; // protection index
    let kind = cur.array::<4>()?;
    let rest = cur.rest();
    let mut strings = rest.split(|&b| b == 0);
    let _name = strings.next();
    match &kind {
        b"mime" if strings.next()? == b"application/rdf+xml" => Some((id, "XMP")),
        b"Exif" => Some((id, "EXIF")),
        _ => None,
    }
}

/// Parses `iloc` (versions 0–2) into (item id, construction method, extents).
fn parse_iloc(payload: &[u8]) -> Option<Vec<ItemLocation>> {
    let mut cur = Cursor::at(payload, 0);
    let version = cur.u8()?;
    cur.skip(3)?;
    let sizes = cur.u16_be()?;
    let (offset_size, length_size, base_size) = (
        (sizes >> 12) as u8,
        ((sizes >> 8) & 0xF) as u8,
        ((sizes >> 4) & 0xF) as u8,
    );
    let index_size = if version >= 1 { (sizes & 0xF) as u8 } else { 0 };
    let count = if version < 2 {
        u32::from(cur.u16_be()?)
    } else {
        cur.u32_be()?
    };
    let mut out = Vec::new();
    for _ in 0..count.min(MAX_ITEMS as u32) {
        let id = if version < 2 {
            u32::from(cur.u16_be()?)
        } else {
            cur.u32_be()?
        };
        let method = if version >= 1 {
            (cur.u16_be()? & 0xF) as u8
        } else {
            0
        };
        cur.skip(2)?; // data reference index
        let base = sized(&mut cur, base_size)?;
        let extent_count = cur.u16_be()?;
        let mut extents = Vec::new();
        for _ in 0..extent_count.min(256) {
            sized(&mut cur, index_size)?;
            let offset = sized(&mut cur, offset_size)?;
            let length = sized(&mut cur, length_size)?;
            extents.push((base.checked_add(offset)?, length));
        }
        out.push((id, method, extents));
    }
    Some(out)
}

/// Reads a big-endian unsigned integer of 0, 4 or 8 bytes.
fn sized(cur: &mut Cursor<'_>, size: u8) -> Option<u64> {
    match size {
        0 => Some(0),
        4 => cur.u32_be().map(u64::from),
        8 => cur.array::<8>().map(u64::from_be_bytes),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn uuid_box(uuid: &[u8; 16], body: &[u8]) -> Vec<u8> {
        let mut inner = uuid.to_vec();
        inner.extend_from_slice(body);
        bx(b"uuid", &inner)
    }

    /// A QuickTime `meta` (no version/flags) with `hdlr`, `keys` (one mdta key) and `ilst`.
    fn quicktime_meta(key: &str, value: &str) -> Vec<u8> {
        let mut keys = vec![0, 0, 0, 0, 0, 0, 0, 1];
        keys.extend_from_slice(&((key.len() + 8) as u32).to_be_bytes());
        keys.extend_from_slice(b"mdta");
        keys.extend_from_slice(key.as_bytes());
        let mut data = vec![0, 0, 0, 1, 0, 0, 0, 0];
        data.extend_from_slice(value.as_bytes());
        let item = bx(&1u32.to_be_bytes(), &bx(b"data", &data));
        let mut meta = bx(b"hdlr", &[0; 25]);
        meta.extend(bx(b"keys", &keys));
        meta.extend(bx(b"ilst", &item));
        bx(b"meta", &meta)
    }

    fn movie(moov_children: &[u8], mdat_len: usize) -> Vec<u8> {
        let mut file = bx(b"ftyp", b"isom\0\0\x02\0isom");
        file.extend(bx(b"mdat", &vec![0xAB; mdat_len]));
        file.extend(bx(b"moov", &bx(b"udta", moov_children)));
        file
    }

    fn run(file: &[u8]) -> Scan<'static> {
        let source: &[u8] = file;
        scan(&source)
    }

    #[test]
    fn reads_aigc_boxes_in_moov_and_trak_udta() {
        let label = br#"{"Label":"1","ContentProducer":"p"}"#;
        let full_box = [&[0u8, 0, 0, 0][..], label].concat();
        let trak = bx(b"trak", &bx(b"udta", &bx(b"AIGC", &full_box)));
        let mut moov = bx(b"udta", &bx(b"aigc", label));
        moov.extend(trak);
        moov.extend(bx(b"aigc", label)); // outside 'udta': not a label box
        let mut file = bx(b"ftyp", b"isom\0\0\x02\0isom");
        file.extend(bx(b"moov", &moov));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        let found: Vec<_> = scan
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.place.clone(), b.text().into_owned()))
            .collect();
        let text = String::from_utf8_lossy(label).into_owned();
        assert_eq!(
            found,
            [
                (
                    BlockKind::Text { key: "aigc".into() },
                    "'aigc' box in 'udta' at byte 36".to_string(),
                    text.clone()
                ),
                (
                    BlockKind::Text { key: "AIGC".into() },
                    "'AIGC' box in 'udta' at byte 95".to_string(),
                    text
                ),
            ]
        );
    }

    #[test]
    fn reads_mdta_keys_and_ilst_after_mdat() {
        let file = movie(&quicktime_meta("AIGC", "{\"AIGC\":{}}"), 1000);
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks.len(), 1);
        assert_eq!(scan.blocks[0].kind, BlockKind::Text { key: "AIGC".into() });
        assert_eq!(scan.blocks[0].text(), "{\"AIGC\":{}}");
        assert_eq!(
            scan.blocks[0].place,
            "'ilst' item \"AIGC\" in 'moov/udta/meta' at byte 1121"
        );
    }

    #[test]
    fn never_reads_mdat() {
        struct Counting<'a>(&'a [u8], std::cell::Cell<u64>);
        impl Source for Counting<'_> {
            fn len(&self) -> u64 {
                self.0.len() as u64
            }
            fn read_at(
                &self,
                offset: u64,
                len: usize,
            ) -> Result<std::borrow::Cow<'_, [u8]>, String> {
                self.1.set(self.1.get() + len as u64);
                (&self.0)
                    .read_at(offset, len)
                    .map(|c| std::borrow::Cow::Owned(c.into_owned()))
            }
        }
        let file = movie(&quicktime_meta("AIGC", "x"), 1 << 20);
        let source = Counting(&file, std::cell::Cell::new(0));
        let scan = scan(&source);
        assert_eq!(scan.blocks.len(), 1);
        assert!(source.1.get() < 1024, "read {} bytes", source.1.get());
    }

    #[test]
    fn reads_xmp_and_c2pa_uuid_boxes() {
        let mut c2pa = vec![0, 0, 0, 0];
        c2pa.extend_from_slice(b"manifest\0");
        c2pa.extend_from_slice(&[0; 8]);
        c2pa.extend_from_slice(b"\0\0\0\x08jumb");
        let mut file = bx(b"ftyp", b"isom\0\0\x02\0");
        file.extend(uuid_box(&XMP_UUID, b"<x:xmpmeta/>"));
        file.extend(uuid_box(&C2PA_UUID, &c2pa));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[0].kind, BlockKind::Xmp);
        assert_eq!(&*scan.blocks[0].data, b"<x:xmpmeta/>");
        assert_eq!(scan.blocks[1].kind, BlockKind::C2pa);
        assert_eq!(&*scan.blocks[1].data, b"\0\0\0\x08jumb");
    }

    #[test]
    fn reads_a_heif_xmp_item_through_iloc() {
        let xmp = b"<x:xmpmeta>heif</x:xmpmeta>";
        let mut infe = vec![2, 0, 0, 0, 0, 7, 0, 0];
        infe.extend_from_slice(b"mime\0application/rdf+xml\0");
        let mut iinf = vec![0, 0, 0, 0, 0, 1];
        iinf.extend(bx(b"infe", &infe));
        let mut meta_body = vec![0, 0, 0, 0];
        meta_body.extend(bx(b"hdlr", &[0; 25]));
        meta_body.extend(bx(b"iinf", &iinf));
        let ftyp = bx(b"ftyp", b"heic\0\0\0\0mif1");
        let head_len = ftyp.len() + 8 + meta_body.len() + 8 + 24; // ftyp, meta header, meta so far, iloc box
        let mut iloc = vec![1, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 7, 0, 0, 0, 0, 0, 1];
        iloc.extend_from_slice(&(head_len as u32 + 8).to_be_bytes()); // extent offset: inside mdat
        iloc.extend_from_slice(&(xmp.len() as u32).to_be_bytes());
        meta_body.extend(bx(b"iloc", &iloc));
        let mut file = ftyp;
        file.extend(bx(b"meta", &meta_body));
        assert_eq!(file.len(), head_len);
        file.extend(bx(b"mdat", xmp));
        let scan = run(&file);
        assert!(scan.errors.is_empty(), "{:?}", scan.errors);
        assert_eq!(scan.blocks[0].kind, BlockKind::Xmp);
        assert_eq!(&*scan.blocks[0].data, xmp);
        assert!(scan.blocks[0].place.starts_with("HEIF XMP item 7"));
    }

    #[test]
    fn every_truncation_is_handled() {
        let file = movie(&quicktime_meta("AIGC", "{}"), 16);
        let box_ends = [20, 44]; // after ftyp, after mdat: a shorter but well-formed file
        for end in (1..file.len()).filter(|e| !box_ends.contains(e)) {
            let scan = run(&file[..end]);
            assert!(
                !scan.errors.is_empty() && scan.blocks.is_empty(),
                "cut at {end}"
            );
        }
    }

    #[test]
    fn impossible_sizes_are_errors() {
        let mut file = bx(b"ftyp", b"isom");
        file.extend_from_slice(&4u32.to_be_bytes());
        file.extend_from_slice(b"free");
        assert!(run(&file).errors[0].contains("impossible size"));
        let mut large = bx(b"ftyp", b"isom");
        large.extend_from_slice(&1u32.to_be_bytes());
        large.extend_from_slice(b"mdat");
        large.extend_from_slice(&u64::MAX.to_be_bytes());
        assert!(run(&large).errors[0].contains("mdat"));
    }
}
