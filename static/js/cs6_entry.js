// Enter on the last cell of the last row adds a row (keyboard only); Enter elsewhere moves to the next row.
document.getElementById("entry-grid").addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
  event.preventDefault();
  const cell = event.target.closest("td"), row = cell.closest("tr"), body = row.parentElement;
  const rows = [...body.querySelectorAll("tr")].filter(r => r.querySelector("input"));
  let next = rows[rows.indexOf(row) + 1];
  if (!next) {
    next = row.cloneNode(true);
    const index = Math.max(...rows.map(r => +r.querySelector("input").name.match(/^r(\d+)-/)[1])) + 1;
    next.querySelectorAll("input").forEach(input => { input.value = ""; input.classList.remove("is-invalid");
      input.name = input.name.replace(/^r\d+-/, `r${index}-`); });
    next.classList.remove("table-danger");
    next.firstElementChild.textContent = rows.length + 1;
    body.appendChild(next);
  }
  next.querySelectorAll("input")[[...row.querySelectorAll("input")].indexOf(event.target)].focus();
});
