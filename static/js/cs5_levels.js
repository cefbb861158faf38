/* The CS5 project list's chart: how many projects stand at each of the five participation levels, drawn from the
   figures the page embeds (json_script "cs5-level-chart"). The small table under it carries the same numbers. */
(function () {
  "use strict";
  var blob = document.getElementById("cs5-level-chart");
  var canvas = document.getElementById("chart-levels");
  if (!blob || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: "จำนวนโครงการ", data: data.counts,
                   backgroundColor: ["#9db7e0", "#6f9fd8", "#4f86c6", "#2e5f9a", "#1f3b63"],
                   borderRadius: 3, maxBarThickness: 48 }]
    },
    options: {
      indexAxis: "y",
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false },
                 tooltip: { callbacks: { label: function (ctx) { return ctx.parsed.x + " โครงการ"; } } } }
    }
  });
}());
