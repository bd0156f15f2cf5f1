// Orientation — progressive enhancement only: every page works without this file.
'use strict';
(function () {
  // After an htmx swap, move focus where the swapped content asks for it (data-focus-after-swap),
  // and read its announcement (data-announce) in the page's polite live region.
  document.addEventListener('htmx:after:swap', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var announcer = target.querySelector('[data-announce]') || (target.hasAttribute('data-announce') ? target : null);
    var live = document.getElementById('annonces');
    if (announcer && live) {
      live.textContent = '';
      window.setTimeout(function () { live.textContent = announcer.getAttribute('data-announce') || ''; }, 50);
    }
    var focusTarget = target.querySelector('[data-focus-after-swap]');
    if (focusTarget instanceof HTMLElement) focusTarget.focus();
  });

  // A page with errors puts focus on its error summary, so keyboard and screen-reader users start there.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('erreurs');
    if (summary instanceof HTMLElement) summary.focus();
  });
})();
