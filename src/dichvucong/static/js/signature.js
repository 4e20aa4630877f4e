// The digital-signature step (accounts/register_signature.html).
// USB token: ask the signing plug-in on this computer (SIGNATURE_PLUGIN_URL; message shape in
// docs/IDENTITY.md) for the certificate and a signature over a fresh challenge, then let the
// portal check them. Phone signing: poll the portal until the person confirmed or refused.
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function postPortal(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : "{}",
    }).then(function (response) { return response.json(); });
  }

  function callPlugin(url, message) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(message),
    }).then(function (response) { return response.json(); }, function () {
      throw { kind: "unreachable" };
    }).then(function (answer) {
      if (!answer || !answer.ok) { throw { kind: answer && answer.error === "cancelled" ? "cancelled" : "failed" }; }
      return answer;
    });
  }

  function say(status, text) { status.textContent = text; }

  document.querySelectorAll("[data-sign-plugin]").forEach(function (button) {
    var status = button.parentNode.querySelector(".sign-status");
    var d = button.dataset;
    button.addEventListener("click", function () {
      button.disabled = true;
      say(status, d.msgWorking);
      var certificate;
      callPlugin(d.pluginUrl, { method: "get_certificate" }).then(function (answer) {
        certificate = answer.certificate;
        return postPortal(d.challengeUrl);
      }).then(function (challenge) {
        return callPlugin(d.pluginUrl, { method: "sign", data: btoa(challenge.challenge), hash: "sha256" });
      }).then(function (signed) {
        return postPortal(d.verifyUrl, {
          certificate: signed.certificate || certificate, signature: signed.signature, hash: "sha256",
        });
      }).then(function (verdict) {
        if (verdict.ok) { window.location.assign(verdict.next); return; }
        say(status, verdict.error);
        button.disabled = false;
      }).catch(function (problem) {
        var kind = (problem && problem.kind) || "failed";
        say(status, kind === "unreachable" ? d.msgUnreachable : kind === "cancelled" ? d.msgCancelled : d.msgFailed);
        button.disabled = false;
      });
    });
  });

  document.querySelectorAll("[data-remote-status-url]").forEach(function (section) {
    var status = section.querySelector(".sign-status");
    var url = section.getAttribute("data-remote-status-url");
    function poll() {
      postPortal(url).then(function (answer) {
        if (answer.ok) { window.location.assign(answer.next); return; }
        if (answer.pending) { window.setTimeout(poll, 2000); return; }
        say(status, answer.error);
        section.querySelector("button[value=remote_check]").hidden = true;
      }, function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 2000);
  });
})();
