// Orientation — progressive enhancement only: every page works without this file.
'use strict';
(function () {
  var live = null;
  function announce(text) {
    live = live || document.getElementById('annonces');
    if (!live || !text) return;
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // After an htmx swap: open a dialog the content asks for (data-open-dialog), read its announcement
  // (data-announce) in the polite live region, and move focus where it asks (data-focus-after-swap,
  // data-focus-target, or the error summary). Each marker is used once.
  function afterSwap() {
    var opener = document.querySelector('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
      opener.removeAttribute('data-open-dialog');
      if (dialog && !dialog.open && dialog.showModal) dialog.showModal();
    }
    var announcer = document.querySelector('[data-announce]');
    if (announcer) {
      announce(announcer.getAttribute('data-announce'));
      announcer.removeAttribute('data-announce');
    }
    var summary = document.getElementById('erreurs');
    var focus = null;
    if (summary && !summary.hasAttribute('data-seen')) {
      summary.setAttribute('data-seen', '');
      focus = summary;
    } else {
      focus = document.querySelector('[data-focus-after-swap]');
      var pointer = document.querySelector('[data-focus-target]');
      if (!focus && pointer) focus = document.getElementById(pointer.getAttribute('data-focus-target'));
      if (pointer) pointer.removeAttribute('data-focus-target');
    }
    if (focus) {
      if (focus.hasAttribute('data-focus-after-swap')) focus.removeAttribute('data-focus-after-swap');
      focus.focus();
    }
  }
  document.addEventListener('htmx:after:swap', afterSwap);

  // A request sent from inside a dialog whose answer goes elsewhere (the list) closes the dialog.
  document.addEventListener('htmx:before:swap', function (event) {
    var ctx = event.detail && event.detail.ctx;
    if (!ctx || !ctx.sourceElement || !ctx.sourceElement.closest) return;
    var dialog = ctx.sourceElement.closest('dialog');
    if (!dialog || !dialog.open) return;
    var target = typeof ctx.target === 'string' ? document.querySelector(ctx.target) : ctx.target;
    if (target && dialog.contains(target)) return;
    dialog.setAttribute('data-closed-by-swap', '');
    dialog.close();
  });

  // Closing a dialog (Escape, « Annuler ») gives focus back to the button that opened it.
  var lastOpener = null;
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var opener = target.closest('[data-dialog-opener]');
    if (opener) lastOpener = opener;
    var closer = target.closest('[data-dialog-close]');
    if (closer) {
      var dialog = document.getElementById(closer.getAttribute('data-dialog-close'));
      if (dialog && dialog.open) {
        event.preventDefault();
        dialog.close();
      }
    }
    var print = target.closest('[data-print]');
    if (print) window.print();
  }, true);
  document.addEventListener('close', function (event) {
    var dialog = event.target;
    if (!(dialog instanceof HTMLDialogElement) || dialog.id === 'dialogue-quitter') return;
    if (dialog.hasAttribute('data-closed-by-swap')) {
      dialog.removeAttribute('data-closed-by-swap');
      return;
    }
    var opener = lastOpener && lastOpener.isConnected ? lastOpener : document.querySelector('[data-dialog-opener]');
    if (opener) opener.focus();
  }, true);

  // Leave-page warning while the page holds something unsaved (data-unsaved): a link inside the
  // service asks in a dialog; closing the tab or leaving otherwise gets the browser's own prompt.
  function unsaved() { return document.querySelector('[data-unsaved]') !== null; }
  var submitting = false;
  document.addEventListener('submit', function () { submitting = true; window.setTimeout(function () { submitting = false; }, 0); }, true);
  window.addEventListener('beforeunload', function (event) {
    if (submitting || leaving || !unsaved()) return;
    event.preventDefault();
    event.returnValue = '';
  });
  var leaving = false;
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var link = target && target.closest('a[href]');
    if (!link || event.defaultPrevented || !unsaved()) return;
    if (link.hasAttribute('hx-get') || link.hasAttribute('data-hx-get') || link.hasAttribute('data-dialog-close') || link.target === '_blank') return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) return;
    var dialog = document.getElementById('dialogue-quitter');
    if (!dialog || !dialog.showModal) return;
    event.preventDefault();
    dialog.showModal();
    var ok = dialog.querySelector('[data-leave-confirm]');
    var cancel = dialog.querySelector('[data-leave-cancel]');
    if (cancel) cancel.focus();
    ok.onclick = function () { leaving = true; dialog.close(); location.href = url.href; };
    cancel.onclick = function () { dialog.close(); link.focus(); };
  });

  // The council grid: a row whose fields changed shows « Modifications non enregistrées » and
  // counts as unsaved (leave-page warning) until it is saved and swapped back.
  function markUnsavedRow(event) {
    var target = event.target instanceof Element ? event.target : null;
    var row = target && target.closest('.council-grid tr[id^="ligne-"]');
    if (!row || row.hasAttribute('data-unsaved')) return;
    row.setAttribute('data-unsaved', '');
    var marker = row.querySelector('[data-unsaved-marker]');
    if (marker) marker.hidden = false;
  }
  document.addEventListener('change', markUnsavedRow);
  document.addEventListener('input', markUnsavedRow);

  document.addEventListener('DOMContentLoaded', function () {
    // A page with errors puts focus on its error summary, so keyboard and screen-reader users start there.
    var summary = document.getElementById('erreurs');
    if (summary instanceof HTMLElement) {
      summary.setAttribute('data-seen', '');
      summary.focus();
    }
    var printButtons = document.querySelectorAll('[data-print]');
    for (var i = 0; i < printButtons.length; i++) printButtons[i].hidden = false;
  });
})();
