/* Address pickers: when the province changes, load its communes and wards. */
(function () {
  "use strict";
  var form = document.querySelector("[data-communes-url]");
  if (!form) { return; }
  var template = form.getAttribute("data-communes-url");
  form.querySelectorAll("select[data-province-for]").forEach(function (province) {
    var commune = document.getElementById("id_" + province.getAttribute("data-province-for"));
    if (!commune) { return; }
    province.addEventListener("change", function () {
      var first = commune.options[0];
      commune.innerHTML = "";
      commune.appendChild(first);
      if (!province.value) { return; }
      fetch(template.replace("/000/", "/" + encodeURIComponent(province.value) + "/"))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          data.communes.forEach(function (pair) {
            var option = document.createElement("option");
            option.value = pair[0]; option.textContent = pair[1];
            commune.appendChild(option);
          });
        });
    });
  });
})();
