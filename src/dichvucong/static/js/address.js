// Fill a commune <select> with the communes of the province chosen in the linked select.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script ? script.getAttribute("data-communes-url") : "/api/dia-ban/xa/";
  function bind(communeSelect) {
    var province = document.getElementById(communeSelect.getAttribute("data-province-field"));
    if (!province) { return; }
    function load() {
      var first = communeSelect.options[0];
      communeSelect.innerHTML = "";
      communeSelect.appendChild(first);
      if (!province.value) { return; }
      fetch(url + "?tinh=" + encodeURIComponent(province.value), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {xa: []}; })
        .then(function (data) {
          data.xa.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.ma;
            option.textContent = item.ten;
            communeSelect.appendChild(option);
          });
        });
    }
    province.addEventListener("change", load);
    // A province chosen before this script ran (slow network, quick hands) still gets its list.
    if (province.value && communeSelect.options.length <= 1) { load(); }
  }
  document.querySelectorAll("select[data-commune-select]").forEach(bind);
})();
