// Live show/hide and exclusive options for the report form. The rules are the server's own
// (the page carries them as JSON, with the answers of the other sections that rules read);
// they are applied transitively as the server does: a hidden or disabled question counts as
// unanswered, so questions that depend on it hide too. The server applies the same rules on
// save and is the authority; without this script the page updates after saving instead.
(function () {
  "use strict";
  const form = document.querySelector("form.report-form");
  const data = document.getElementById("report-rules");
  if (!form || !data) return;
  const { rules, children, answers } = JSON.parse(data.textContent);

  function fieldset(key) {
    return form.querySelector(`fieldset.question[data-key="${CSS.escape(key)}"]`);
  }

  // The answer items of a question on this page: [{value, extra}], as the server stores them.
  function itemsOnPage(box) {
    const items = [];
    box.querySelectorAll("input[type=radio]:checked, input[type=checkbox]:checked").forEach((input) => {
      const extra = box.querySelector(`input[name="${CSS.escape(input.name + "__" + input.value)}"]`);
      items.push({ value: input.value, extra: Boolean(extra && extra.value.trim()) });
    });
    box.querySelectorAll("textarea, input[type=number]:not(.extra), input[type=text]:not(.extra)").forEach((input) => {
      if (input.value.trim()) items.push({ value: null, extra: false });
    });
    return items;
  }

  function items(key, off) {
    if (off.has(key)) return [];
    const box = fieldset(key);
    return box ? itemsOnPage(box) : answers[key] || [];
  }

  function holds(rule, off) {
    if (rule.keys) return rule.keys.some((k) => items(k, off).some((i) => rule.values.includes(i.value)));
    const found = items(rule.source, off);
    if (found.length === 0) return false;
    const values = found.map((i) => i.value);
    if (rule.type === "@hasValues") return rule.values.length === 0 || values.some((v) => rule.values.includes(v));
    if (rule.type === "@hasValuesExcept") return !values.some((v) => rule.values.includes(v));
    if (rule.type === "@hasAdditionalValues") return found.some((i) => rule.values.includes(i.value) && i.extra);
    return true;
  }

  function withChildren(keys) {
    keys.forEach((key) => (children[key] || []).forEach((child) => keys.add(child)));
    return keys;
  }

  // Repeat until nothing changes, as the server does.
  function outcome() {
    let hidden = new Set();
    let disabled = new Set();
    for (let round = 0; round <= rules.length; round += 1) {
      const off = new Set([...hidden, ...disabled]);
      const nextHidden = new Set();
      const nextDisabled = new Set();
      rules.forEach((rule) => {
        if (!holds(rule, off)) (rule.trigger === "visible" ? nextHidden : nextDisabled).add(rule.target);
      });
      withChildren(nextHidden);
      withChildren(nextDisabled);
      const same = nextHidden.size === hidden.size && nextDisabled.size === disabled.size &&
        [...nextHidden].every((k) => hidden.has(k)) && [...nextDisabled].every((k) => disabled.has(k));
      hidden = nextHidden;
      disabled = nextDisabled;
      if (same) break;
    }
    return { hidden, disabled };
  }

  function update() {
    const { hidden, disabled } = outcome();
    form.querySelectorAll("fieldset.question").forEach((box) => {
      box.hidden = hidden.has(box.dataset.key);
      box.disabled = disabled.has(box.dataset.key);
    });
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    const box = input.closest("fieldset.question");
    if (!box) return;
    if (input.type === "checkbox" && input.checked) {
      box.querySelectorAll("input[type=checkbox]").forEach((other) => {
        if (other !== input && (input.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
          other.checked = false;
        }
      });
    }
    update();
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea, input[type=number], input[type=text]")) update();
  });
})();
