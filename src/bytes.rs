//! A bounds-checked cursor over a byte slice, shared by the container parsers.
//!
//! Every read returns `None` instead of panicking when the input is too short,
//! so a truncated file turns into an error entry rather than a crash.

/// A read position inside a borrowed byte slice.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at `pos` (clamped to the end of `data`).
    pub fn at(data: &'a [u8], pos: usize) -> Self {
        Cursor {
            data,
            pos: pos.min(data.len()),
        }
    }

    /// The current offset from the start of the slice.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Whether the end was reached.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The next `n` bytes, advancing past them.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let bytes = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(bytes)
    }

    /// Advances by `n` bytes.
    pub fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(|_| ())
    }

    /// The bytes from the current position to the end, advancing to the end.
    pub fn rest(&mut self) -> &'a [u8] {
        let bytes = self.data.get(self.pos..).unwrap_or_default();
        self.pos = self.data.len();
        bytes
    }

    /// The next byte.
    pub fn u8(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// A big-endian u16.
    pub fn u16_be(&mut self) -> Option<u16> {
        self.array::<2>().map(u16::from_be_bytes)
    }

    /// A little-endian u16.
    pub fn u16_le(&mut self) -> Option<u16> {
        self.array::<2>().map(u16::from_le_bytes)
    }

    /// A big-endian u32.
    pub fn u32_be(&mut self) -> Option<u32> {
        self.array::<4>().map(u32::from_be_bytes)
    }

    /// A little-endian u32.
    pub fn u32_le(&mut self) -> Option<u32> {
        self.array::<4>().map(u32::from_le_bytes)
    }

    /// The next `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

/// Splits `data` at the first NUL byte: (before, after). `None` when there is no NUL.
pub fn split_nul(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = data.iter().position(|&b| b == 0)?;
    Some((data.get(..at)?, data.get(at + 1..)?))
}

/// Decodes ISO 8859-1 (PNG tEXt/zTXt) to a `String`.
pub fn latin1(data: &[u8]) -> String {
    data.iter().map(|&b| char::from(b)).collect()
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The offset of the first occurrence of `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The largest char boundary of `text` at or below `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_end_instead_of_panicking() {
        let mut c = Cursor::at(&[1, 2, 3], 0);
        assert_eq!(c.u16_be(), Some(0x0102));
        assert_eq!(c.u16_be(), None);
        assert_eq!(c.u8(), Some(3));
        assert_eq!(c.u8(), None);
        assert!(c.is_empty());
    }

    #[test]
    fn take_rejects_overflowing_lengths() {
        let mut c = Cursor::at(&[0; 4], 2);
        assert_eq!(c.take(usize::MAX), None);
        assert_eq!(c.pos(), 2);
        assert_eq!(c.take(2), Some(&[0u8, 0][..]));
    }

    #[test]
    fn cursor_past_the_end_is_clamped() {
        let c = Cursor::at(&[0; 4], 99);
        assert_eq!(c.remaining(), 0);
    }

    #[test]
    fn split_nul_and_find() {
        assert_eq!(split_nul(b"ab\0cd"), Some((&b"ab"[..], &b"cd"[..])));
        assert_eq!(split_nul(b"abcd"), None);
        assert_eq!(find(b"hello", b"ll"), Some(2));
        assert_eq!(latin1(&[0x41, 0xE9]), "Aé");
    }
}
