// Keeps the progress of a bulk report job up to date until its ZIP is ready. The page
// works without this script: its link checks again.
//
// Every couple of seconds it fetches the page again and takes from it the state line
// (#job-state, a status region: only a change of state is announced) and the details
// (#job-detail: progress bar, download link). It stops once the job is finished, which
// the fresh page shows by leaving out data-poll.
(function () {
  "use strict";
  var box = document.getElementById("job-status");
  if (!box || !box.hasAttribute("data-poll") || !window.fetch || !window.DOMParser) { return; }
  var every = parseInt(box.getAttribute("data-poll"), 10) || 2000;
  var state = document.getElementById("job-state");
  var detail = document.getElementById("job-detail");

  function update(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var freshBox = page.getElementById("job-status");
    if (!freshBox) { return false; }
    var freshState = page.getElementById("job-state");
    if (freshState.textContent !== state.textContent) { state.innerHTML = freshState.innerHTML; }
    detail.innerHTML = page.getElementById("job-detail").innerHTML;
    return freshBox.hasAttribute("data-poll");
  }

  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (update(html)) { setTimeout(poll, every); } else { box.removeAttribute("data-poll"); }
      })
      .catch(function () { setTimeout(poll, every * 2); });
  }
  setTimeout(poll, every);
})();
