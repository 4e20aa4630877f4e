// "Đổi mã khác" without a reload: ask the server for a new challenge of the same kind and
// redraw it in place. Without JavaScript the link goes to the server and back to the form.
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha]").forEach(function (box) {
    var refresh = box.querySelector("[data-captcha-refresh]");
    var status = box.querySelector("[data-captcha-status]");
    if (!refresh || !window.fetch) return;
    refresh.addEventListener("click", function (event) {
      event.preventDefault();
      fetch(box.dataset.newUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json().then(function (body) { return [response.ok, body]; }); })
        .then(function (result) {
          var ok = result[0], state = result[1];
          if (!ok) { status.textContent = state.error || ""; return; }
          var image = box.querySelector("[data-captcha-image]");
          var audio = box.querySelector("[data-captcha-audio]");
          var question = box.querySelector("[data-captcha-question]");
          if (image) image.src = state.image + "?v=" + state.stamp;
          if (audio) { audio.src = state.audio + "?v=" + state.stamp; audio.load(); }
          if (question) question.textContent = state.question;
          var form = box.closest("form");
          var input = form && form.querySelector("input[name='captcha']");
          if (input) { input.value = ""; input.focus(); }
          status.textContent = box.dataset.doneText || "";
        })
        .catch(function () { window.location.href = refresh.href; });
    });
  });
})();
