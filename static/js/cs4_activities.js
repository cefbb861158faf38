/* The CS4 activities page's charts: activities per fiscal quarter (formal and informal) and each evaluated activity's
   satisfaction (mean method and top two), drawn from the figures the page embeds (json_script "cs4-activity-charts").
   The table and the RM 3.3 cards above carry the same numbers. */
(function () {
  "use strict";
  var blob = document.getElementById("cs4-activity-charts");
  if (!blob || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;

  function empty(canvas, text) {
    var note = document.createElement("div");
    note.className = "h-100 d-flex align-items-center justify-content-center text-muted";
    note.textContent = text;
    canvas.replaceWith(note);
  }

  var quarters = document.getElementById("chart-quarters");
  if (quarters) {
    new Chart(quarters, {
      type: "bar",
      data: {
        labels: data.quarters.map(function (q) { return "ไตรมาส " + q.quarter; }),
        datasets: [
          { label: "เป็นทางการ", data: data.quarters.map(function (q) { return q.formal; }),
            backgroundColor: "#1f3b63", borderRadius: 3, maxBarThickness: 40 },
          { label: "ไม่เป็นทางการ", data: data.quarters.map(function (q) { return q.informal; }),
            backgroundColor: "#4f86c6", borderRadius: 3, maxBarThickness: 40 }
        ]
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                 plugins: { legend: { position: "bottom" } } }
    });
  }

  var evaluations = document.getElementById("chart-evaluations");
  if (evaluations) {
    var rated = data.evaluations.filter(function (e) { return e.mean !== null; });
    if (rated.length === 0) {
      empty(evaluations, "ยังไม่มีผลการประเมินกิจกรรมในปีนี้");
      return;
    }
    new Chart(evaluations, {
      type: "bar",
      data: {
        labels: rated.map(function (e) { return e.title.length > 28 ? e.title.slice(0, 27) + "…" : e.title; }),
        datasets: [
          { label: "ค่าเฉลี่ย (ร้อยละ)", data: rated.map(function (e) { return e.mean; }),
            backgroundColor: "#2e8b57", borderRadius: 3, maxBarThickness: 36 },
          { label: "สองระดับบนสุด (ร้อยละ)", data: rated.map(function (e) { return e.top2; }),
            backgroundColor: "#e0a800", borderRadius: 3, maxBarThickness: 36 }
        ]
      },
      options: { scales: { y: { beginAtZero: true, max: 100 } },
                 plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { afterLabel: function (ctx) {
                   return "ผู้ตอบ " + rated[ctx.dataIndex].respondents + " คน";
                 } } } } }
    });
  }
}());
