/* Upload each chosen file on its own with a progress bar; show the cleaned preview and the
   server's sharpness warning; replace or remove a file without leaving the page. */
(function () {
  "use strict";
  var root = document.querySelector(".documents");
  if (!root) { return; }
  var csrf = root.getAttribute("data-csrf");
  /* Messages come translated from the page (data-msg-*), with {placeholders} to fill. */
  function message(key, values) {
    var text = root.getAttribute("data-msg-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }
  var template = document.getElementById("attachment-template");
  document.documentElement.classList.add("js");

  function send(url, body, bar) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRFToken", csrf);
      if (bar) {
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) { bar.value = Math.round(100 * event.loaded / event.total); }
        });
      }
      xhr.onload = function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
        if (xhr.status >= 200 && xhr.status < 300) { resolve({ ok: true, data: data }); }
        else { resolve({ ok: false, error: data.error || message("failed", { status: xhr.status }) }); }
      };
      xhr.onerror = function () { resolve({ ok: false, error: message("offline") }); };
      xhr.send(body);
    });
  }

  function render(info) {
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-attachment", info.id);
    var link = item.querySelector(".attachment__name");
    link.href = info.url; link.textContent = info.name;
    item.querySelector(".attachment__size").textContent = info.size;
    if (info.is_image) {
      var img = item.querySelector(".attachment__preview");
      img.src = info.url; img.alt = message("preview", { name: info.name }); img.hidden = false;
    } else { item.querySelector(".attachment__icon").hidden = false; }
    if (info.is_blurry) {
      item.classList.add("attachment--blurry");
      var warn = item.querySelector(".photo-warning");
      warn.textContent = info.warning; warn.hidden = false;
    }
    item.querySelector(".js-replace").setAttribute("data-replaces", info.id);
    item.querySelector(".js-delete").action = info.delete_url;
    return item;
  }

  function upload(form, file, replaces) {
    var status = form.querySelector(".upload-status");
    var row = document.createElement("div");
    row.className = "upload-row";
    var label = document.createElement("span");
    label.textContent = file.name;
    var bar = document.createElement("progress");
    bar.className = "progress"; bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", message("progress", { name: file.name }));
    row.appendChild(label); row.appendChild(bar); status.appendChild(row);
    var body = new FormData();
    body.append("document", form.querySelector("[name=document]").value);
    body.append("file", file);
    if (replaces) { body.append("replaces", replaces); }
    return send(form.action, body, bar).then(function (result) {
      var list = form.parentNode.querySelector(".attachments");
      if (!result.ok) {
        row.className = "upload-row upload-row--error";
        label.textContent = file.name + ": " + result.error;
        bar.remove();
        return;
      }
      row.remove();
      var item = render(result.data);
      var old = replaces && list.querySelector('[data-attachment="' + replaces + '"]');
      if (old) { old.replaceWith(item); } else { list.appendChild(item); }
    });
  }

  function uploadChosen(input) {
    var section = input.closest(".document");
    if (!section || input.type !== "file") { return; }
    var form = section.querySelector(".upload-form");
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) { return; }
    var replaces = input.getAttribute("data-replaces");
    var chain = Promise.resolve();
    files.forEach(function (file, index) {
      chain = chain.then(function () { return upload(form, file, index === 0 ? replaces : null); });
    });
    chain.then(function () { input.value = ""; });
  }

  root.addEventListener("change", function (event) { uploadChosen(event.target); });
  // Files chosen before this script ran (slow network, quick hands) are uploaded now.
  Array.prototype.forEach.call(root.querySelectorAll("input[type=file]"), uploadChosen);

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("upload-form")) { event.preventDefault(); return; }
    if (!form.classList.contains("js-delete")) { return; }
    event.preventDefault();
    send(form.action, new FormData(), null).then(function (result) {
      if (result.ok) { form.closest(".attachment").remove(); }
    });
  });
})();
