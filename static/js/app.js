// Behaviour every page shares, kept out of the HTML so that the Content-Security-Policy can refuse inline scripts.
// A <select data-autosubmit> sends its form as soon as a choice is made (the fiscal year, the language).
document.querySelectorAll("[data-autosubmit]").forEach((field) => {
  field.addEventListener("change", () => field.form.submit());
});

// <button data-copy="id" data-copied="…">: copies the field with that id and says so (a new API token).
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  field.addEventListener("focus", () => field.select());
  button.addEventListener("click", async () => {
    field.select();
    try { await navigator.clipboard.writeText(field.value); } catch (error) { document.execCommand("copy"); }
    button.textContent = button.dataset.copied;
  });
});

// <form data-confirm="…">: asks before sending (a delete), as an inline onsubmit would if the policy allowed one.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
