// The error summary of a form sent back with problems (the GOV.UK pattern). The page works
// without this script: the summary opens with the focus (autofocus) and its links lead to
// the fields. With it:
// - the summary also gets the focus on a page opened at a #fragment, where browsers leave
//   autofocus out;
// - a link of the summary puts the keyboard in its field (the first choice of a group),
//   not just the page at it, with the field's label or the group's question in view.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  function focusSummary() {
    if (!document.activeElement || document.activeElement === document.body) { summary.focus(); }
  }
  focusSummary();
  // Going to a #fragment takes the focus back to the page once it has loaded.
  if (window.location.hash) { window.addEventListener("load", focusSummary); }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    var field = target.matches("input, select, textarea") ? target :
      target.querySelector("input:not([type=hidden]):checked, input:not([type=hidden]), select, textarea");
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest("fieldset");
    var caption = (group && group.querySelector("legend")) || (field.id && document.querySelector("label[for='" + field.id + "']")) || field;
    caption.scrollIntoView();
    var done = false;
    function focusField() {
      if (done) { return; }
      done = true;
      document.removeEventListener("keyup", focusField);
      field.focus({ preventScroll: true });
    }
    if (event.detail !== 0) { focusField(); return; } // a pointer's click
    // Followed with the keyboard: only once the key is up, or the Enter that followed the
    // link would reach a text field and send its form. A screen reader's click has no key.
    document.addEventListener("keyup", focusField);
    setTimeout(focusField, 500);
  });
})();
