// Saves each answer of a questionnaire as soon as it is chosen. The page works without
// this script: the form's own button saves the whole page.
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
    if (input.type !== "radio" || input.name.indexOf("item-") !== 0) { return; }
    var item = input.name.slice(5);
    var status = input.closest("fieldset").querySelector(".save-status");
    var body = new URLSearchParams();
    body.set("answer", input.value);
    fetch(base + encodeURIComponent(item), {
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
