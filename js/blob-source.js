// Reading a Blob (a File is one) inside a worker, for the page's worker and the package's
// verifier worker alike. Small Blobs are read whole; larger ones through a ByteSource, so the
// verifier reads only the slices it asks for (headers, metadata) and a 2 GB video is never
// held in memory.

/** Blobs up to this size are read whole: one read beats many small slices. */
export const WHOLE_READ_LIMIT = 32 * 1024 * 1024;

/** The whole Blob as bytes. Synchronous, so workers only (FileReaderSync). */
export function readWhole(blob) {
  return new Uint8Array(new FileReaderSync().readAsArrayBuffer(blob));
}

/**
 * A ByteSource over a Blob for `verifySource`. `onRead(bytesRead, size)`, when given, is
 * called after each slice is read.
 */
export function blobSource(blob, onRead = () => {}) {
  const reader = new FileReaderSync();
  let bytesRead = 0;
  return {
    size: blob.size,
    get bytesRead() { return bytesRead; },
    read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      const bytes = new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, end)));
      bytesRead += bytes.byteLength;
      onRead(bytesRead, blob.size);
      return bytes;
    },
  };
}
