// Saves each answer of a questionnaire or quiz as soon as it is chosen. The page works
// without this script: the form's own button saves everything.
//
// Inputs named item-<id> (self-assessment) or q-<id> (quiz) are saved to
// data-autosave + <id> with every checked value of the group as "answer" (several for
// checkboxes). Saves of one question are sent one after another, each with the choices as
// they are when it is sent, so a quick series of clicks cannot be stored out of order;
// the question's fieldset is aria-busy until its last save has finished.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.Promise) { return; }
  var base = form.getAttribute("data-autosave");
  var token = form.querySelector("input[name=_csrf]").value;
  var saved = document.getElementById("msg-saved").textContent;
  var failed = document.getElementById("msg-failed").textContent;
  var queues = {};  // per question: the chain of its saves
  var pending = {}; // per question: saves not finished (the fieldset is aria-busy meanwhile)

  function save(name, id, status) {
    var body = new URLSearchParams();
    form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (el) {
      body.append("answer", el.value);
    });
    return fetch(base + encodeURIComponent(id), {
      method: "POST",
      headers: { "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      status.textContent = response.ok ? saved : failed;
    }).catch(function () {
      status.textContent = failed;
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    var match = /^(item|q)-(.+)$/.exec(input.name || "");
    if (!match || (input.type !== "radio" && input.type !== "checkbox")) { return; }
    var fieldset = input.closest("fieldset");
    var status = fieldset.querySelector(".save-status");
    var name = input.name;
    pending[name] = (pending[name] || 0) + 1;
    fieldset.setAttribute("aria-busy", "true");
    queues[name] = (queues[name] || Promise.resolve()).then(function () {
      return save(name, match[2], status);
    }).then(function () {
      pending[name]--;
      if (pending[name] === 0) { fieldset.removeAttribute("aria-busy"); }
    });
  });
})();
