// Generated from the Rust types in src/report.rs and src/lib.rs by src/typescript.rs;
// do not edit (`UPDATE_TYPES=1 cargo test --lib typescript` rewrites it).

/**
 * The overall answer for one input.
 */
export type Verdict = "ai_labeled" | "possibly_ai" | "suspected_ai" | "invalid_label" | "no_label" | "error";

/**
 * What one piece of evidence says about the content.
 */
export type Claim = "ai_generated" | "ai_edited" | "possibly_ai" | "suspected_ai" | "not_ai" | "unknown";

/**
 * Which label family a piece of evidence belongs to.
 */
export type EvidenceKind = "tc260_metadata" | "c2pa_manifest" | "iptc_digital_source_type" | "generation_parameters" | "vendor_metadata" | "watermark" | "explicit_text_label" | "hidden_text_payload" | "explicit_image_label" | "explicit_audio_label";

/**
 * One validation rule applied to a piece of evidence.
 */
export type Check = {
  /**
   * Stable dotted id, e.g. `tc260.label.value`.
   */
  id: string,
  /**
   * Whether the rule holds.
   */
  ok: boolean,
  /**
   * A readable sentence saying what was found, in English.
   */
  message: string,
  /**
   * The same sentence in Chinese (values read from the file are quoted as they are).
   */
  message_zh: string,
  /**
   * True for checks that inform without deciding validity (who signed a C2PA manifest,
   * whether the certificate had expired): the label itself is intact either way.
   */
  advisory?: boolean,
};

/**
 * One sentence in English and in Chinese.
 */
export type Summary = {
  /**
   * English.
   */
  en: string,
  /**
   * Simplified Chinese.
   */
  zh: string,
};

/**
 * One ingredient of a C2PA manifest, with its own ingredients.
 */
export type Ingredient = {
  /**
   * The ingredient's title (usually its file name).
   */
  title: string,
  /**
   * `parentOf`, `componentOf` or `inputTo`.
   */
  relationship: string,
  /**
   * Its media type, when recorded.
   */
  format?: string,
  /**
   * The tool that signed the ingredient's own manifest, when it has one.
   */
  generator?: string,
  /**
   * The strongest digital source type its manifest declares.
   */
  digital_source_type?: string,
  /**
   * The ingredient's own ingredients.
   */
  ingredients?: Array<Ingredient>,
};

/**
 * Provenance detail read from a C2PA manifest store.
 */
export type Provenance = {
  /**
   * The active manifest's thumbnail as a `data:` URI, when asked for (option `thumbnails`).
   */
  thumbnail?: string,
  /**
   * The assets this one was made from, each with the ones it was made from.
   */
  ingredients: Array<Ingredient>,
};

/**
 * One thing found in the input, with the checks applied to it.
 */
export type Evidence = {
  /**
   * The label family.
   */
  kind: EvidenceKind,
  /**
   * What the evidence says about the content.
   */
  claim: Claim,
  /**
   * Whether every check that decides validity passed (advisory checks aside).
   */
  valid: boolean,
  /**
   * Where it was found, in words ("XMP packet in iTXt chunk at byte 33").
   */
  location: string,
  /**
   * The fields read, as text.
   */
  fields: Record<string, string>,
  /**
   * The rules applied.
   */
  checks: Array<Check>,
  /**
   * What the evidence means, in one plain sentence a person can act on.
   */
  explanation?: Summary,
  /**
   * Provenance detail of a validated C2PA manifest: ingredient tree and thumbnail.
   */
  provenance?: Provenance,
};

/**
 * The result of verifying one input.
 */
export type Report = {
  /**
   * The overall answer.
   */
  verdict: Verdict,
  /**
   * The detected format (`png`, `jpeg`, `mp4`, `wav`, `pdf`, `docx`, `text`, `unknown`, …).
   */
  format: string,
  /**
   * What the format carries: `image`, `video`, `audio`, `document`, `text` or `unknown`.
   */
  media: "image" | "video" | "audio" | "document" | "text" | "unknown",
  /**
   * One sentence saying what the verdict means for this input.
   */
  summary: Summary,
  /**
   * Everything found, in file order.
   */
  evidence: Array<Evidence>,
  /**
   * What could not be read (truncation, malformed structures), in words.
   */
  errors: Array<string>,
};

/**
 * How much of a track to decode for the audio prompt.
 */
export type AudioScan = "ends" | "full";

/**
 * Verification options. Every field is optional; unknown fields are ignored so that
 * embedders can pass options meant for newer versions.
 */
export type VerifyOptions = {
  /**
   * Extra C2PA trust anchors (a PEM bundle of root certificates) added to the shipped
   * trust lists (JS `trustAnchors`, CLI `--trust-anchors FILE`).
   */
  trustAnchors?: string,
  /**
   * Embed C2PA thumbnails in the report as `data:` URIs (JS `thumbnails`); off by
   * default because they are large.
   */
  thumbnails?: boolean,
  /**
   * Decode the pixels of PNG, JPEG, WebP and GIF images and look for invisible watermarks
   * (JS `watermarks`, CLI `--watermarks`); off by default while its false-positive rate is
   * being measured.
   */
  watermarks?: boolean,
  /**
   * Read the visible "AI生成" label drawn in an image's corners and edges (JS
   * `visibleLabels`; the CLI does unless `--metadata-only`). Needs [`Options::text_reader`].
   */
  visibleLabels?: boolean,
  /**
   * Look for visible labels anywhere in the image, not only along its sides (JS
   * `wholeImage`, CLI `--whole-image`): slower, and finds labels in the wrong place too.
   */
  wholeImage?: boolean,
  /**
   * Listen for the GB 45438 audio prompt (short-long-short-short) in audio files and
   * video soundtracks (JS `audioLabels`; the CLI does unless `--metadata-only`).
   */
  audioLabels?: boolean,
  /**
   * How much of a track the audio prompt check decodes: `"ends"` (the opening and closing
   * 20 s, the default) or `"full"` (JS `audioScan`, CLI `--audio-scan full`).
   */
  audioScan?: AudioScan,
};
