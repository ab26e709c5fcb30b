// Saves each answer of a questionnaire or quiz as soon as it is chosen. The page works
// without this script: the form's own button saves everything.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) { return; }
  var base = form.getAttribute("data-autosave");
  var token = form.querySelector("input[name=_csrf]").value;
  var saved = document.getElementById("msg-saved").textContent;
  var failed = document.getElementById("msg-failed").textContent;
  form.addEventListener("change", function (event) {
    var input = event.target;
    var match = /^(item|q)-(.+)$/.exec(input.name || "");
    if (!match || (input.type !== "radio" && input.type !== "checkbox")) { return; }
    var status = input.closest("fieldset").querySelector(".save-status");
    var body = new URLSearchParams();
    form.querySelectorAll("input[name='" + input.name + "']:checked").forEach(function (el) {
      body.append("answer", el.value);
    });
    fetch(base + encodeURIComponent(match[2]), {
      method: "POST",
      headers: { "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      status.textContent = response.ok ? saved : failed;
    }).catch(function () {
      status.textContent = failed;
    });
  });
})();
