// Follow the background signing task: while a signature is pending, ask the server every few
// seconds and replace each file's signature state and the progress line (no page reload).
(function () {
  "use strict";
  var progress = document.querySelector("[data-signature-progress]");
  if (!progress || progress.getAttribute("data-pending") === "0") { return; }
  var url = progress.getAttribute("data-url");
  var delay = 2000;
  var deadline = Date.now() + 10 * 60 * 1000;
  function update(answer) {
    progress.textContent = answer.line;
    progress.setAttribute("data-pending", String(answer.pending));
    Object.keys(answer.states).forEach(function (id) {
      var slot = document.querySelector('[data-signature-for="' + id + '"]');
      if (slot) { slot.innerHTML = answer.states[id]; }
    });
    return answer.pending > 0;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        var more = answer ? update(answer) : true;
        delay = Math.min(delay * 1.5, 15000);
        if (more && Date.now() < deadline) { window.setTimeout(poll, delay); }
      })
      .catch(function () { if (Date.now() < deadline) { window.setTimeout(poll, 15000); } });
  }
  window.setTimeout(poll, delay);
})();
