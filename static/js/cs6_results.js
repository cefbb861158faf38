/* The CS6 results page's chart: each rating item's answers as one 100 % stacked bar, highest point first.
   Drawn from the figures the page embeds (json_script "cs6-charts"); the table under it has the same counts. */
(function () {
  "use strict";
  var blob = document.getElementById("cs6-charts");
  var canvas = document.getElementById("chart-items");
  if (!blob || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);
  if (!data.items.length) { return; }

  // Greens for satisfied, through amber, to reds for dissatisfied; grey for "no opinion".
  var PALETTES = {
    5: ["#1e6b43", "#5fae7d", "#e0c050", "#e8833a", "#c0392b"],
    4: ["#1e6b43", "#5fae7d", "#e8833a", "#c0392b"]
  };
  var GREY = "#ced4da";
  var number = new Intl.NumberFormat("th-TH");
  var points = data.series.length - 1;
  var palette = PALETTES[points] || data.series.slice(0, points).map(function (_s, k) {
    return "hsl(" + Math.round(140 - 140 * k / Math.max(points - 1, 1)) + ", 55%, 42%)";
  });

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;

  var totals = data.items.map(function (_item, i) {
    return data.series.reduce(function (sum, s) { return sum + s.counts[i]; }, 0);
  });
  function share(count, i) { return totals[i] ? count / totals[i] * 100 : 0; }

  // One bar per item, tall enough to read, whatever the number of items.
  document.getElementById("chart-items-box").style.height = (data.items.length * 38 + 70) + "px";

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.items.map(function (item) { return item.code; }),
      datasets: data.series.map(function (s, k) {
        return {
          label: s.label,
          data: s.counts.map(share),
          counts: s.counts,
          backgroundColor: s.value === -1 ? GREY : palette[k],
          borderWidth: 0, barPercentage: 0.8
        };
      })
    },
    options: {
      indexAxis: "y",
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } },
        y: { stacked: true }
      },
      plugins: {
        legend: { position: "top", labels: { boxWidth: 14 } },
        tooltip: { callbacks: {
          title: function (items) {
            var item = data.items[items[0].dataIndex];
            return item.code + " " + item.text;
          },
          label: function (ctx) {
            var count = ctx.dataset.counts[ctx.dataIndex];
            return ctx.dataset.label + ": " + number.format(count) + " (" + ctx.parsed.x.toFixed(2) + " %)";
          },
          footer: function (items) {
            var mean = data.items[items[0].dataIndex].mean;
            return mean === null ? "" : "ค่าเฉลี่ย " + mean.toFixed(2);
          }
        } }
      }
    }
  });
})();
