/* The CS3 dashboard's charts, drawn from the figures the page embeds (json_script "cs3-charts").
   The tables under each chart carry the same numbers for people who prefer them (and screen readers). */
(function () {
  "use strict";
  var blob = document.getElementById("cs3-charts");
  if (!blob || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);

  var NAVY = "#1f3b63", GREEN = "#2e8b57", AMBER = "#e0a800", GREY = "#adb5bd";
  var AGEING_COLOURS = { later: "#6c9bd2", due_soon: AMBER, late_1_5: "#e8833a", late_6_15: "#d9534f",
                         late_over_15: "#8b1e1e" };
  var KIND_COLOURS = [NAVY, "#4f86c6", "#9db7e0", GREEN];
  var number = new Intl.NumberFormat("th-TH");

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;

  // "เกินกำหนด 1–5 วัน" → two lines under the bar, so the axis never has to tilt its labels.
  function twoLines(label) {
    var cut = label.indexOf(" ");
    return cut < 0 ? label : [label.slice(0, cut), label.slice(cut + 1)];
  }

  function total(rows) { return rows.reduce(function (sum, r) { return sum + r.count; }, 0); }

  function empty(id) {
    var canvas = document.getElementById(id);
    var note = document.createElement("div");
    note.className = "h-100 d-flex align-items-center justify-content-center text-muted";
    note.textContent = "ไม่มีข้อมูลในช่วงนี้";
    canvas.replaceWith(note);
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { new Chart(canvas, config); }
  }

  // % answered within the deadline, by fiscal quarter; the chosen quarter stands out.
  var quarters = data.quarters;
  if (quarters.every(function (q) { return q.counted === 0; })) {
    empty("chart-quarters");
  } else {
    var anySelected = quarters.some(function (q) { return q.selected; });
    draw("chart-quarters", {
      type: "bar",
      data: {
        labels: quarters.map(function (q) { return q.label; }),
        datasets: [{
          label: "ร้อยละแจ้งผลภายในกำหนด",
          data: quarters.map(function (q) { return q.percent; }),
          backgroundColor: quarters.map(function (q) { return !anySelected || q.selected ? GREEN : GREY; }),
          borderRadius: 4, maxBarThickness: 64
        }]
      },
      options: {
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) {
            var q = quarters[ctx.dataIndex];
            return q.percent === null ? "ไม่มีเรื่องที่นับ"
              : q.percent.toFixed(2) + " % (" + number.format(q.on_time) + " จาก " + number.format(q.counted) + " เรื่อง)";
          } } }
        }
      }
    });
  }

  // Open tickets by days to or past their deadline.
  if (total(data.ageing) === 0) {
    empty("chart-ageing");
  } else {
    draw("chart-ageing", {
      type: "bar",
      data: {
        labels: data.ageing.map(function (b) { return twoLines(b.label); }),
        datasets: [{ label: "เรื่องค้าง", data: data.ageing.map(function (b) { return b.count; }),
                     backgroundColor: data.ageing.map(function (b) { return AGEING_COLOURS[b.key] || NAVY; }),
                     borderRadius: 4 }]
      },
      options: { plugins: { legend: { display: false } },
                 scales: { x: { ticks: { maxRotation: 0, autoSkip: false, font: { size: 12 } } },
                           y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  // Volume by kind.
  if (total(data.kinds) === 0) {
    empty("chart-kinds");
  } else {
    draw("chart-kinds", {
      type: "doughnut",
      data: {
        labels: data.kinds.map(function (k) { return k.label; }),
        datasets: [{ data: data.kinds.map(function (k) { return k.count; }), backgroundColor: KIND_COLOURS }]
      },
      options: { plugins: { legend: { position: "right" } } }
    });
  }

  // Volume by channel, most first.
  if (total(data.channels) === 0) {
    empty("chart-channels");
  } else {
    draw("chart-channels", {
      type: "bar",
      data: {
        labels: data.channels.map(function (c) { return c.label; }),
        datasets: [{ label: "เรื่อง", data: data.channels.map(function (c) { return c.count; }),
                     backgroundColor: NAVY, borderRadius: 4 }]
      },
      options: { indexAxis: "y", plugins: { legend: { display: false } },
                 scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
})();
