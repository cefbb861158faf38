/* The evidence packs page (reports/packs/list.html): each pack still being built polls its JSON status
   (reports.views_packs.pack_status) every 1.5 seconds and moves its progress bar; when done it shows the message and
   the PDF and ZIP links, when failed its Thai error. No inline script: the CSP forbids them. */
(function () {
  "use strict";
  var INTERVAL = 1500;

  function show(row, part, visible) {
    var el = row.querySelector(part);
    if (el) { el.classList.toggle("d-none", !visible); }
  }

  function paint(row, data) {
    var bar = row.querySelector(".pack-bar");
    if (bar) {
      bar.style.width = data.progress + "%";
      bar.textContent = data.progress + "%";
      bar.parentNode.setAttribute("aria-valuenow", data.progress);
    }
    var stage = row.querySelector(".pack-stage");
    if (stage) { stage.textContent = data.status_label + ": " + data.stage; }
    row.setAttribute("data-status", data.status);
    var working = data.status === "queued" || data.status === "running";
    show(row, ".pack-working", working);
    show(row, ".pack-done", data.status === "done");
    show(row, ".pack-failed", data.status === "failed");
    if (data.status === "done") {
      row.querySelector(".pack-message").textContent = data.message + " (" + data.page_count + " หน้า)";
    }
    if (data.status === "failed") { row.querySelector(".pack-error").textContent = data.error; }
    return working;
  }

  function follow(row) {
    var url = row.getAttribute("data-status-url");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (data) { if (paint(row, data)) { window.setTimeout(poll, INTERVAL); } })
        .catch(function () { window.setTimeout(poll, INTERVAL * 4); });
    }
    poll();
  }

  document.querySelectorAll("tr.pack").forEach(function (row) {
    var bar = row.querySelector(".pack-bar");
    if (bar) { bar.style.width = bar.getAttribute("data-progress") + "%"; }
    var status = row.getAttribute("data-status");
    if (status === "queued" || status === "running") { follow(row); }
  });
})();
