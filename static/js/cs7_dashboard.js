/* The CS7 dashboard's charts, drawn from the figures the page embeds (json_script "cs7-charts"): RM 3.5 by fiscal
   quarter and by service, with the plan's target as a line when there is one. The tables under each chart carry the
   same numbers for people who prefer them (and screen readers). */
(function () {
  "use strict";
  var blob = document.getElementById("cs7-charts");
  if (!blob || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);

  var GREEN = "#2e8b57", RED = "#c0392b", AMBER = "#e0a800";
  var number = new Intl.NumberFormat("th-TH");

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;

  function empty(id) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    var note = document.createElement("div");
    note.className = "h-100 d-flex align-items-center justify-content-center text-muted";
    note.textContent = "ไม่มีเรื่องที่แล้วเสร็จในช่วงนี้";
    canvas.replaceWith(note);
  }

  // Bars of RM 3.5 (green at or over the target, red under it), the target as a dashed line.
  function percentBars(id, rows, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    if (rows.every(function (r) { return r.total === 0; })) { empty(id); return; }
    var datasets = [{
      type: "bar",
      label: "RM 3.5 (ร้อยละ)",
      data: rows.map(function (r) { return r.percent; }),
      backgroundColor: rows.map(function (r) {
        return data.target === null || r.percent === null || r.percent >= data.target ? GREEN : RED;
      }),
      borderRadius: 4, maxBarThickness: 48
    }];
    if (data.target !== null) {
      datasets.push({
        type: "line", label: "ค่าเป้าหมาย " + data.target + " %",
        data: rows.map(function () { return data.target; }),
        borderColor: AMBER, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false
      });
    }
    var valueAxis = { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } };
    new Chart(canvas, {
      data: { labels: rows.map(function (r) { return r.label; }), datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: {
          legend: { display: data.target !== null, position: "bottom" },
          tooltip: { callbacks: { label: function (ctx) {
            if (ctx.dataset.type === "line") { return ctx.dataset.label; }
            var r = rows[ctx.dataIndex];
            return r.percent === null ? "ไม่มีเรื่องที่แล้วเสร็จ"
              : r.percent.toFixed(2) + " % (" + number.format(r.met) + " จาก " + number.format(r.total) + " เรื่อง)";
          } } }
        }
      }
    });
  }

  percentBars("chart-quarters", data.quarters, false);
  if (data.services.length === 0) { empty("chart-services"); } else { percentBars("chart-services", data.services, true); }
}());
