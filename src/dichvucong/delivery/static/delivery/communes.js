// Refill the commune list when the province changes (the form also works without it).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("fieldset.delivery-choice").forEach((box) => {
    const province = box.querySelector("select[name$='province_code']");
    const commune = box.querySelector("select[name$='commune_code']");
    if (!province || !commune) return;
    province.addEventListener("change", async () => {
      const url = box.dataset.communesUrl + "?tinh=" + encodeURIComponent(province.value);
      const data = await (await fetch(url)).json();
      const first = commune.options[0];
      commune.replaceChildren(first);
      for (const [code, name] of data.communes) commune.add(new Option(name, code));
    });
  });
});
