// Adds one labelled image after the page has loaded, as a feed that loads more content would.
setTimeout(() => {
  const img = document.createElement('img');
  img.src = '../../fixtures/labels/exif-usercomment-label2.jpg';
  img.dataset.expect = 'possibly_ai';
  img.alt = '';
  document.getElementById('later').prepend(img);
}, 300);
