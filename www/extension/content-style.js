// The look of the extension's badges, marks and panels. content.js adopts it into their closed
// shadow roots: no page style sheet reaches inside, and `:host` rules marked !important win
// over the page's own !important rules on the host element. Content scripts of one extension
// share an isolated world, so this global is invisible to the page.
globalThis.AIGC_LABEL_CSS = `
:host {
  /* Not all: initial !important, which would also beat the inline left/top that place it. */
  all: initial;
  position: absolute !important;
  display: block !important;
  margin: 0 !important;
  padding: 0 !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  pointer-events: auto !important;
}
:host(.aigc-label-hidden) { display: none !important; }
:host(div) {
  /* A panel's host sits in a layer 0 px wide: without a width of its own it would shrink to
     one character per line. */
  z-index: 2 !important;
  width: max-content !important;
  max-width: min(380px, calc(100vw - 16px)) !important;
}

/* Nothing inherits from the host, whatever the page sets on span or div. */
.pill, .panel { all: initial; }
.panel * { all: unset; display: block; }

.pill {
  display: block;
  box-sizing: border-box;
  min-width: 24px;
  height: 20px;
  padding: 0 6px;
  border: 1.5px solid #ffffff;
  border-radius: 10px;
  background: #1d4ed8;
  color: #ffffff;
  font: 700 12px/17px system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  text-align: center;
  white-space: nowrap;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.5);
  cursor: pointer;
  user-select: none;
}
.pill:hover { filter: brightness(1.15); }
.pill:focus-visible { outline: 3px solid #facc15; outline-offset: 1px; }
/* One colour and one text per verdict (the text differs too, for colour-blind readers). */
.pill.ai_labeled { background: #1d4ed8; }
.pill.possibly_ai { background: #b45309; }
.pill.suspected_ai { background: #7e22ce; border-style: dashed; }
.pill.invalid_label { background: #b91c1c; border-radius: 3px; }
.pill.not_checked { background: #6b7280; border-style: dotted; }

.panel {
  display: block;
  box-sizing: border-box;
  width: max-content;
  max-width: min(380px, calc(100vw - 16px));
  max-height: 60vh;
  overflow: auto;
  padding: 10px 12px;
  border: 1px solid #9ca3af;
  border-left: 5px solid #6b7280;
  border-radius: 6px;
  background: #ffffff;
  color: #111827;
  font: 400 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  text-align: left;
  overflow-wrap: anywhere;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3);
}
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid #2563eb; }
.panel.ai_labeled { border-left-color: #1d4ed8; }
.panel.possibly_ai { border-left-color: #b45309; }
.panel.suspected_ai { border-left-color: #7e22ce; }
.panel.invalid_label { border-left-color: #b91c1c; }
.panel div { display: block; }
.head { display: flex !important; align-items: flex-start; gap: 12px; margin: 0 0 4px; }
.verdict { flex: 1 1 auto; font-weight: 700; font-size: 14px; }
.close { flex: 0 0 auto; padding: 0 4px; font-size: 18px; line-height: 18px; color: #4b5563; cursor: pointer; border-radius: 3px; }
.close:focus-visible, .more:focus-visible { outline: 2px solid #2563eb; }
.what, .location, .foot { color: #6b7280; font-size: 11.5px; }
.summary { margin: 2px 0; }
.list { margin: 6px 0 0; border-top: 1px solid #e5e7eb; }
.evidence { padding: 5px 0; border-bottom: 1px solid #e5e7eb; }
.evidence > .line:first-child { font-weight: 600; }
.valid > .line:first-child { color: #166534; }
.invalid > .line:first-child { color: #991b1b; }
.problem { color: #991b1b; }
.more { margin: 8px 0 0; color: #1d4ed8; text-decoration: underline; cursor: pointer; }
.foot { margin: 6px 0 0; }
`;
