// Makes the municipality checkboxes quicker to use: a filter box, and a live list of what is chosen.
// Without this script the checkboxes, grouped by region, work as they are.
document.querySelectorAll("[data-municipality-picker]").forEach((picker) => {
  const filter = picker.querySelector(".picker-filter");
  const input = filter.querySelector("input");
  const selected = picker.querySelector("[data-selected]");
  const groups = [...picker.querySelectorAll("details")];
  const noneText = selected.textContent.trim() && !picker.querySelector("input:checked") ? selected.textContent : "–";
  filter.hidden = false;

  const normalise = (text) => text.toLocaleLowerCase("fi").normalize("NFC");
  const showSelected = () => {
    const names = [...picker.querySelectorAll("input[type=checkbox]:checked")].map(
      (box) => picker.querySelector(`label[for="${box.id}"]`).textContent.trim(),
    );
    selected.textContent = names.length ? names.join(", ") : noneText;
  };

  input.addEventListener("input", () => {
    const query = normalise(input.value.trim());
    groups.forEach((group) => {
      let matches = 0;
      group.querySelectorAll("li").forEach((item) => {
        const hit = !query || normalise(item.textContent).includes(query);
        item.hidden = !hit;
        matches += hit ? 1 : 0;
      });
      group.hidden = query !== "" && matches === 0;
      group.open = query !== "" ? matches > 0 : group.querySelector("input:checked") !== null;
    });
  });
  picker.addEventListener("change", showSelected);
});
