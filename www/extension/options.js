// The options page: one setting, whether images are also read for a visible label (OCR).
const box = document.getElementById('visible-labels');
chrome.storage.local.get({ visibleLabels: false }).then(({ visibleLabels }) => {
  box.checked = visibleLabels === true;
});
box.addEventListener('change', () => chrome.storage.local.set({ visibleLabels: box.checked }));
