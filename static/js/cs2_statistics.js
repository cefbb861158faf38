/* The CS2 statistics page's chart: each channel's keyed counts over the three fiscal years, drawn from the figures
   the page embeds (json_script "cs2-usage-chart"). The table above carries the same numbers. */
(function () {
  "use strict";
  var blob = document.getElementById("cs2-usage-chart");
  if (!blob || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);
  var canvas = document.getElementById("chart-usage");
  if (!canvas) { return; }
  var channels = data.channels.filter(function (c) { return c.counts.some(function (n) { return n > 0; }); });
  if (channels.length === 0) {
    var note = document.createElement("div");
    note.className = "h-100 d-flex align-items-center justify-content-center text-muted";
    note.textContent = "ยังไม่มีจำนวนผู้ใช้ที่บันทึกในช่วงนี้";
    canvas.replaceWith(note);
    return;
  }
  var YEAR_COLOURS = ["#9db7e0", "#4f86c6", "#1f3b63", "#2e8b57", "#e0a800", "#8b1e1e", "#6c757d", "#c0392b",
                      "#5b2c6f", "#117864"];
  var number = new Intl.NumberFormat("th-TH");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: channels.map(function (c) { return c.name; }),
      datasets: data.years.map(function (year, n) {
        return {
          label: "ปี " + year,
          data: channels.map(function (c) { return c.counts[n]; }),
          backgroundColor: YEAR_COLOURS[n % YEAR_COLOURS.length],
          borderRadius: 3, maxBarThickness: 36
        };
      })
    },
    options: {
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.label + ": " + number.format(ctx.parsed.y) + " คน";
        } } }
      }
    }
  });
}());
