// Keep the "Gửi lại mã" button disabled until the server's 60-second wait is over.
(function () {
  "use strict";
  document.querySelectorAll("button[data-wait]").forEach(function (button) {
    var left = parseInt(button.getAttribute("data-wait"), 10) || 0;
    var label = button.textContent;
    var countdown = button.getAttribute("data-countdown") || "{seconds}s";
    function tick() {
      if (left <= 0) { button.disabled = false; button.textContent = label; return; }
      button.disabled = true;
      button.textContent = label + " (" + countdown.split("{seconds}").join(left) + ")";
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    tick();
  });
})();
