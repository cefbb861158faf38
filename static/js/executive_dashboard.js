/* The executive dashboard's charts, drawn from the figures the page embeds (json_script "executive-charts"): the
   indicators' success coloured by score, the quarter's complaints against the last quarter and the same quarter last
   year, the ranked complaints by priority, RM 3.1/3.2, CS5 projects by level, CS4 activities by quarter, RM 3.5 by
   quarter and the late plan steps by CS. The tables beside each chart carry the same numbers (and screen readers). */
(function () {
  "use strict";
  var blob = document.getElementById("executive-charts");
  if (!blob || typeof Chart === "undefined") { return; }
  var data = JSON.parse(blob.textContent);

  var GREEN = "#2e8b57", AMBER = "#e0a800", RED = "#c0392b", GREY = "#adb5bd", NAVY = "#1f3b63", SKY = "#7fa7d9";
  var TONES = { good: GREEN, fair: AMBER, poor: RED, none: GREY };
  var PRIORITY = { highest: RED, high: "#e67e22", medium: AMBER, low: "#6c757d" };
  var number = new Intl.NumberFormat("th-TH");

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#343a40";
  Chart.defaults.animation.duration = 300;
  Chart.defaults.maintainAspectRatio = false;

  function canvas(id) { return document.getElementById(id); }
  function percentAxis(max) { return { min: 0, suggestedMax: max || 100, ticks: { callback: function (v) { return v + " %"; } } }; }
  function empty(id, text) {
    var c = canvas(id);
    if (!c) { return; }
    var note = document.createElement("div");
    note.className = "h-100 d-flex align-items-center justify-content-center text-muted";
    note.textContent = text || "ยังไม่มีข้อมูลในช่วงนี้";
    c.replaceWith(note);
  }

  // Indicators: ร้อยละความสำเร็จ, one bar each, coloured by the score on its ladder.
  if (canvas("chart-indicators")) {
    var rows = data.indicators;
    new Chart(canvas("chart-indicators"), {
      type: "bar",
      data: { labels: rows.map(function (r) { return r.label; }),
              datasets: [{ label: "ร้อยละความสำเร็จ", data: rows.map(function (r) { return r.percent; }),
                           backgroundColor: rows.map(function (r) { return TONES[r.tone]; }), borderRadius: 4, maxBarThickness: 28 }] },
      options: { indexAxis: "y", scales: { x: percentAxis(120) },
                 plugins: { legend: { display: false }, tooltip: { callbacks: {
                   title: function (items) { return rows[items[0].dataIndex].name; },
                   label: function (ctx) {
                     var r = rows[ctx.dataIndex];
                     return r.percent === null ? "ยังไม่มีผล" : "ร้อยละความสำเร็จ " + r.percent.toFixed(2) + " %" +
                       (r.score === null ? "" : " · คะแนน " + r.score.toFixed(2));
                   } } } } }
    });
  }

  // Complaints: received (bars) and % answered within the deadline (line, right axis), three periods.
  if (canvas("chart-complaints")) {
    var periods = data.complaints;
    if (periods.every(function (p) { return p.received === 0; })) { empty("chart-complaints", "ไม่มีเรื่องในช่วงเหล่านี้"); } else {
      var sets = [
        { type: "bar", label: "รับเรื่อง", data: periods.map(function (p) { return p.received; }),
          backgroundColor: [NAVY, SKY, SKY], borderRadius: 4, maxBarThickness: 56, yAxisID: "y" },
        { type: "line", label: "ร้อยละตอบสนองภายในกำหนด", data: periods.map(function (p) { return p.percent; }),
          borderColor: GREEN, backgroundColor: GREEN, pointRadius: 5, yAxisID: "p" }
      ];
      if (data.complaints_target !== null) {
        sets.push({ type: "line", label: "ค่าเป้าหมาย " + data.complaints_target + " %", yAxisID: "p",
                    data: periods.map(function () { return data.complaints_target; }),
                    borderColor: AMBER, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false });
      }
      new Chart(canvas("chart-complaints"), {
        data: { labels: periods.map(function (p) { return p.label; }), datasets: sets },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: "เรื่อง" } },
                             p: Object.assign(percentAxis(100), { position: "right", max: 100, grid: { drawOnChartArea: false } }) },
                   plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: function (ctx) {
                     var p = periods[ctx.dataIndex];
                     if (ctx.dataset.yAxisID === "y") { return "รับเรื่อง " + number.format(p.received) + " เรื่อง"; }
                     if (ctx.datasetIndex === 2) { return ctx.dataset.label; }
                     return p.percent === null ? "ยังไม่มีเรื่องที่นับ" : p.percent.toFixed(2) + " % (" + number.format(p.on_time) + " จาก " + number.format(p.counted) + ")";
                   } } } } }
      });
    }
  }

  // Ranked complaints by priority.
  if (canvas("chart-priorities")) {
    new Chart(canvas("chart-priorities"), {
      type: "bar",
      data: { labels: data.priorities.map(function (p) { return p.label; }),
              datasets: [{ label: "เรื่อง", data: data.priorities.map(function (p) { return p.count; }),
                           backgroundColor: data.priorities.map(function (p) { return PRIORITY[p.key]; }), borderRadius: 4 }] },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } }
    });
  }

  // RM 3.1 and RM 3.2.
  if (canvas("chart-satisfaction")) {
    var s = data.satisfaction;
    if (s.every(function (r) { return r.percent === null; })) { empty("chart-satisfaction", "ยังไม่มีผลการสำรวจในปีนี้"); } else {
      new Chart(canvas("chart-satisfaction"), {
        type: "bar",
        data: { labels: s.map(function (r) { return r.label; }),
                datasets: [{ label: "ร้อยละ", data: s.map(function (r) { return r.percent; }),
                             backgroundColor: s.map(function (r, i) { return r.tone === "none" ? (i < 2 ? NAVY : SKY) : TONES[r.tone]; }),
                             borderRadius: 4, maxBarThickness: 48 }] },
        options: { scales: { y: percentAxis(100) }, plugins: { legend: { display: false } } }
      });
    }
  }

  // CS5 projects of the year by level.
  if (canvas("chart-levels")) {
    var levels = data.levels;
    if (levels.every(function (l) { return l.count === 0; })) { empty("chart-levels", "ยังไม่มีโครงการในปีนี้"); } else {
      new Chart(canvas("chart-levels"), {
        type: "bar",
        data: { labels: levels.map(function (l) { return "ระดับ " + l.label; }),
                datasets: [{ label: "โครงการ", data: levels.map(function (l) { return l.count; }), backgroundColor: NAVY, borderRadius: 4 }] },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                   plugins: { legend: { display: false }, tooltip: { callbacks: { title: function (items) { return levels[items[0].dataIndex].name; } } } } }
      });
    }
  }

  // CS4 activities by quarter, formal and informal stacked; the chosen quarter in full colour.
  if (canvas("chart-activities")) {
    var q = data.activities;
    if (q.every(function (r) { return r.activities === 0; })) { empty("chart-activities", "ยังไม่มีกิจกรรมในปีนี้"); } else {
      new Chart(canvas("chart-activities"), {
        type: "bar",
        data: { labels: q.map(function (r) { return "ไตรมาส " + r.quarter; }),
                datasets: [{ label: "เป็นทางการ", data: q.map(function (r) { return r.formal; }), backgroundColor: NAVY, borderRadius: 4 },
                           { label: "ไม่เป็นทางการ", data: q.map(function (r) { return r.informal; }), backgroundColor: SKY, borderRadius: 4 }] },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                   plugins: { legend: { position: "bottom" } } }
      });
    }
  }

  // RM 3.5 by quarter, green at or over the plan's target, red under it.
  if (canvas("chart-rm35")) {
    var r35 = data.rm35;
    if (r35.every(function (r) { return r.total === 0; })) { empty("chart-rm35", "ไม่มีเรื่องที่แล้วเสร็จในปีนี้"); } else {
      var target = data.rm35_target;
      var bars = [{ type: "bar", label: "RM 3.5 (ร้อยละ)", data: r35.map(function (r) { return r.percent; }),
                    backgroundColor: r35.map(function (r, i) {
                      var colour = target === null || r.percent === null || r.percent >= target ? GREEN : RED;
                      return i + 1 === data.quarter ? colour : colour + "99";
                    }), borderRadius: 4, maxBarThickness: 48 }];
      if (target !== null) {
        bars.push({ type: "line", label: "ค่าเป้าหมาย " + target + " %", data: r35.map(function () { return target; }),
                    borderColor: AMBER, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false });
      }
      new Chart(canvas("chart-rm35"), {
        data: { labels: r35.map(function (r) { return r.label; }), datasets: bars },
        options: { scales: { y: percentAxis(100) }, plugins: { legend: { display: target !== null, position: "bottom" },
                   tooltip: { callbacks: { label: function (ctx) {
                     if (ctx.dataset.type === "line") { return ctx.dataset.label; }
                     var r = r35[ctx.dataIndex];
                     return r.percent === null ? "ไม่มีเรื่องที่แล้วเสร็จ" : r.percent.toFixed(2) + " % (" + number.format(r.met) + " จาก " + number.format(r.total) + ")";
                   } } } } }
      });
    }
  }

  // Late plan steps by CS.
  if (canvas("chart-late")) {
    new Chart(canvas("chart-late"), {
      type: "bar",
      data: { labels: data.late_steps.map(function (r) { return r.label; }),
              datasets: [{ label: "กิจกรรมที่เลยกำหนด", data: data.late_steps.map(function (r) { return r.count; }), backgroundColor: RED, borderRadius: 4 }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } }
    });
  }
}());
