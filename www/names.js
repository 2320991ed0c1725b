// Generated from src/report.rs (EvidenceKind::names, Claim::names) by src/typescript.rs;
// do not edit (`UPDATE_TYPES=1 cargo test --lib typescript` rewrites it). Shared by the page
// (app.js) and the example extension's service worker (copied to www/extension/pkg/).

/** Evidence kind → [Chinese, English]. */
export const KIND_NAMES = {
  tc260_metadata: ['GB 45438 隐式标识', 'GB 45438 implicit label'],
  c2pa_manifest: ['C2PA 内容凭证', 'C2PA Content Credentials'],
  iptc_digital_source_type: ['IPTC 数字来源类型', 'IPTC digital source type'],
  generation_parameters: ['生成参数', 'Generation parameters'],
  vendor_metadata: ['厂商元数据', 'Vendor metadata'],
  watermark: ['隐形水印', 'Invisible watermark'],
  explicit_text_label: ['显式文本标识', 'Explicit text label'],
  hidden_text_payload: ['隐藏文本载荷', 'Hidden text payload'],
  explicit_image_label: ['图片显式标识', 'Visible label in the picture'],
  explicit_audio_label: ['音频提示音标识', 'Audio prompt'],
};

/** Claim → [Chinese, English]. */
export const CLAIM_NAMES = {
  ai_generated: ['AI生成', 'AI-generated'],
  ai_edited: ['AI编辑', 'AI-edited'],
  possibly_ai: ['可能为AI', 'possibly AI'],
  suspected_ai: ['疑似AI', 'suspected AI'],
  not_ai: ['非AI来源', 'not AI'],
  unknown: ['未判定', 'undetermined'],
};

/** The [Chinese, English] names of an evidence's kind and claim (the raw id when unknown). */
export function evidenceNames(evidence) {
  const kind = KIND_NAMES[evidence.kind] || [String(evidence.kind), String(evidence.kind)];
  const claim = CLAIM_NAMES[evidence.claim] || CLAIM_NAMES.unknown;
  return { kind, claim };
}
