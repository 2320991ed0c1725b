//! Random-access input. Streamed containers (video, audio) read only the headers and
//! metadata they need through [`Source::read_at`], so a 2 GB video is never loaded whole;
//! image and document formats read the whole file once (within [`MAX_WHOLE_FILE`]).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{Read, Seek, SeekFrom};

/// Largest file read whole (images, documents). Streamed formats have no size limit.
pub const MAX_WHOLE_FILE: u64 = 512 << 20;

/// Something that can be read at any offset: a byte slice, a file, a browser `Blob`.
pub trait Source {
    /// Total length in bytes.
    fn len(&self) -> u64;

    /// Whether the source is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Up to `len` bytes starting at `offset`; fewer at the end of the source, none past it.
    fn read_at(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>, String>;

    /// Exactly `len` bytes at `offset`, or an error naming what was being read.
    fn read_exact_at(&self, offset: u64, len: usize, what: &str) -> Result<Cow<'_, [u8]>, String> {
        let bytes = self.read_at(offset, len)?;
        if bytes.len() < len {
            return Err(format!(
                "{what} at byte {offset} is truncated ({} of {len} bytes present)",
                bytes.len()
            ));
        }
        Ok(bytes)
    }

    /// Bytes handed out by `read_at` so far (for progress and benchmarks).
    fn bytes_read(&self) -> u64 {
        0
    }
}

impl Source for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn read_at(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>, String> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(<[u8]>::len(self));
        let end = start.saturating_add(len).min(<[u8]>::len(self));
        Ok(Cow::Borrowed(self.get(start..end).unwrap_or_default()))
    }
}

/// A source over anything that reads and seeks (a `std::fs::File` in the CLI).
pub struct ReadSeekSource<R> {
    inner: RefCell<R>,
    len: u64,
    read: Cell<u64>,
}

impl<R: Read + Seek> ReadSeekSource<R> {
    /// Wraps `inner`, measuring its length by seeking to the end.
    pub fn new(mut inner: R) -> std::io::Result<Self> {
        let len = inner.seek(SeekFrom::End(0))?;
        Ok(ReadSeekSource {
            inner: RefCell::new(inner),
            len,
            read: Cell::new(0),
        })
    }
}

impl<R: Read + Seek> Source for ReadSeekSource<R> {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&self, offset: u64, len: usize) -> Result<Cow<'_, [u8]>, String> {
        let available = self.len.saturating_sub(offset);
        let len = usize::try_from(available).map_or(len, |a| a.min(len));
        let mut inner = self
            .inner
            .try_borrow_mut()
            .map_err(|_| "source busy".to_string())?;
        inner
            .seek(SeekFrom::Start(offset))
            .map_err(|e| format!("cannot seek to byte {offset}: {e}"))?;
        let mut buf = Vec::new();
        buf.try_reserve_exact(len)
            .map_err(|_| format!("cannot allocate {len} bytes"))?;
        (&mut *inner)
            .take(len as u64)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read at byte {offset}: {e}"))?;
        self.read
            .set(self.read.get().saturating_add(buf.len() as u64));
        Ok(Cow::Owned(buf))
    }

    fn bytes_read(&self) -> u64 {
        self.read.get()
    }
}

/// `Read + Seek` over a [`Source`], for crates that want a stream (`zip`, `c2pa`).
pub struct SourceReader<'s> {
    source: &'s dyn Source,
    pos: u64,
}

impl<'s> SourceReader<'s> {
    /// A reader at the start of `source`.
    pub fn new(source: &'s dyn Source) -> Self {
        SourceReader { source, pos: 0 }
    }
}

impl Read for SourceReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let bytes = self
            .source
            .read_at(self.pos, buf.len())
            .map_err(std::io::Error::other)?;
        let n = bytes.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), bytes.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SourceReader<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.source.len().checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
        })?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_clamp_at_the_end() {
        let data: &[u8] = b"abcdef";
        assert_eq!(Source::len(&data), 6);
        assert_eq!(&*data.read_at(4, 10).unwrap(), b"ef");
        assert_eq!(&*data.read_at(10, 10).unwrap(), b"");
        assert_eq!(&*data.read_at(u64::MAX, 10).unwrap(), b"");
    }

    #[test]
    fn read_seek_sources_count_what_they_read() {
        let source = ReadSeekSource::new(std::io::Cursor::new(b"abcdef".to_vec())).unwrap();
        assert_eq!(source.len(), 6);
        assert_eq!(&*source.read_at(1, 2).unwrap(), b"bc");
        assert_eq!(&*source.read_at(5, 100).unwrap(), b"f");
        assert_eq!(source.bytes_read(), 3);
    }
}
