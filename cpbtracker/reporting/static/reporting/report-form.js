// Live show/hide and exclusive options for the report form. The server applies the same
// rules on save and is the authority; without this script the form works the same, only
// the page updates after saving instead of at once.
(function () {
  "use strict";
  const form = document.querySelector("form.report-form");
  if (!form) return;

  function chosenValues(fieldset) {
    return Array.from(fieldset.querySelectorAll("input[type=radio]:checked, input[type=checkbox]:checked"))
      .map((input) => input.value);
  }

  function satisfied(rule, values) {
    if (values.length === 0) return false;
    if (rule.type === "@hasValues") return rule.values.length === 0 || values.some((v) => rule.values.includes(v));
    if (rule.type === "@hasValuesExcept") return !values.some((v) => rule.values.includes(v));
    return null; // other rules need the whole document: left to the server
  }

  function evaluate(fieldset) {
    const rules = JSON.parse(fieldset.dataset.rules || "[]");
    const values = chosenValues(fieldset);
    for (const rule of rules) {
      const ok = satisfied(rule, values);
      const target = document.getElementById(rule.target);
      if (ok === null || !target) continue;
      if (rule.trigger === "visible") target.hidden = !ok;
      else target.disabled = !ok;
      if (target.dataset.rules) evaluate(target);
    }
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    const fieldset = input.closest("fieldset.question");
    if (!fieldset) return;
    if (input.type === "checkbox" && input.checked) {
      const boxes = fieldset.querySelectorAll("input[type=checkbox]");
      boxes.forEach((box) => {
        if (box !== input && (input.hasAttribute("data-exclusive") || box.hasAttribute("data-exclusive"))) {
          box.checked = false;
        }
      });
    }
    if (fieldset.dataset.rules) evaluate(fieldset);
  });
})();
