// The desk's one script: small conveniences; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // a confirmation before what cannot be taken back lightly (undo, erasure)
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // a long job (print all): the button says it is working, and is not pressed twice
  for (const form of document.querySelectorAll("form[data-busy]")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button");
      if (button) { button.disabled = true; button.textContent = form.dataset.busy; }
    });
  }
  // choosing another questionnaire checks the trip against it at once
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  // a changed column meaning: the "show again" button is the next thing to press
  const reshow = document.getElementById("reshow");
  for (const select of document.querySelectorAll("select[data-remap]")) {
    select.addEventListener("change", () => { if (reshow) reshow.classList.add("primary"); });
  }
  // dates typed as digits only get their dots: 15031985 -> 15.03.1985
  for (const input of document.querySelectorAll("input.date")) {
    input.addEventListener("blur", () => {
      const digits = input.value.replace(/\D/g, "");
      if (digits.length === 8 && /^\d+$/.test(input.value.trim())) {
        input.value = `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4)}`;
      }
    });
  }
});
