// CS6 questionnaire builder: add, move and delete item rows. Inputs are named items-<n>-<field>; after every
// change the rows are renumbered so the server reads them back in the order shown.
(function () {
  "use strict";
  const body = document.getElementById("item-rows");
  const template = document.getElementById("item-row-template");
  if (!body || !template) return;

  function renumber() {
    Array.from(body.rows).forEach(function (row, index) {
      const n = String(index + 1);
      row.querySelector(".row-number").textContent = n;
      row.querySelectorAll("[name]").forEach(function (field) {
        field.name = field.name.replace(/^items-(\d+|__prefix__)-/, "items-" + n + "-");
      });
      row.querySelector("[data-action=up]").disabled = index === 0;
      row.querySelector("[data-action=down]").disabled = index === body.rows.length - 1;
    });
  }

  function addRow() {
    const row = template.content.firstElementChild.cloneNode(true);
    body.appendChild(row);
    renumber();
    row.querySelector("[name$='-code']").focus();
  }

  document.getElementById("add-row").addEventListener("click", addRow);

  body.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const row = button.closest("tr");
    const action = button.dataset.action;
    if (action === "up" && row.previousElementSibling) {
      body.insertBefore(row, row.previousElementSibling);
    } else if (action === "down" && row.nextElementSibling) {
      body.insertBefore(row.nextElementSibling, row);
    } else if (action === "delete") {
      row.remove();
      if (!body.rows.length) addRow();
    }
    renumber();
    // Keep the keyboard where it was: the same button of the moved row.
    if (action !== "delete" && !button.disabled) button.focus();
  });

  renumber();
})();

// Interpretation bands: the example in the box follows the chosen scale; the button copies it in to be edited.
(function () {
  "use strict";
  const bands = document.getElementById("id_bands");
  const scale = document.getElementById("id_scale_max");
  const copy = document.getElementById("copy-standard-bands");
  if (!bands || !scale) return;

  function standard() {
    return bands.dataset["standard-" + scale.value] || "";
  }

  scale.addEventListener("change", function () {
    bands.placeholder = standard();
  });
  if (copy) {
    copy.addEventListener("click", function () {
      if (bands.value.trim() && !window.confirm("แทนที่เกณฑ์ที่กรอกไว้ด้วยเกณฑ์มาตรฐาน?")) return;
      bands.value = standard();
      bands.focus();
    });
  }
})();
