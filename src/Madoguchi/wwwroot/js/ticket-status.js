// Ticket page on the visitor's phone: re-reads the page every 15 seconds and replaces only the
// status line (role="status", so a screen reader announces the change politely without losing the
// reader's place). Without JavaScript the link 「最新の状態を表示する」 does the same by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-ticket-status]");
  if (!status || !window.fetch || !window.DOMParser) { return; }
  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-ticket-status]");
        if (fresh && fresh.textContent.trim() !== status.textContent.trim()) {
          status.textContent = fresh.textContent.trim();
        }
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ });
  }
  window.setInterval(refresh, 15000);
}());
