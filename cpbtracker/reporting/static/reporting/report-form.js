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

  // Unsaved answers: a warning before leaving the page, and an autosave of the changed
  // questions through the drafts API once the form has been idle for 30 s. The draft's
  // revision goes with every save; a refused (stale) save stops autosaving and says so.
  const status = document.getElementById("autosave-status");
  const revision = form.querySelector("input[name=revision]");
  const dirty = new Set();
  let timer = null;
  let stopped = false;
  let leaving = false;

  function show(message) {
    status.textContent = message;
    status.hidden = false;
  }

  function merged(previous, text) {
    const texts = Object.assign({}, previous && typeof previous === "object" ? previous : {});
    delete texts[form.dataset.lang];
    if (text) texts[form.dataset.lang] = text;
    return texts;
  }

  // The question's answer in the API's shape, as the server reads the posted form;
  // undefined for entries the script leaves to the form.
  function answerOf(fieldset) {
    const key = fieldset.dataset.key;
    const stored = fieldset.dataset.stored ? JSON.parse(fieldset.dataset.stored) : null;
    const type = fieldset.dataset.type;
    if (type === "option" || type === "term") {
      if (!fieldset.querySelector("input[type=radio], input[type=checkbox]")) return undefined;
      const before = Array.isArray(stored) ? stored : stored ? [stored] : [];
      const items = Array.from(fieldset.querySelectorAll("input:checked"))
        .filter((input) => input.name === key)
        .map((input) => {
          const item = { value: input.value };
          const extra = fieldset.querySelector(`input[name="${key}__${CSS.escape(input.value)}"]`);
          const text = extra ? extra.value.trim() : "";
          if (text) {
            const old = before.find((i) => i && i.value === input.value);
            item.additionalInformation = extra.type === "number" ? text : merged(old && old.additionalInformation, text);
          }
          return item;
        });
      if (items.length === 0) return null;
      return fieldset.hasAttribute("data-multiple") ? items : items[0];
    }
    const input = form.elements.namedItem(key);
    if (!input || !input.name) return undefined;
    const text = input.value.trim();
    if (type === "int") return text ? { value: text } : null;
    const texts = merged(stored && stored.value, text);
    return Object.keys(texts).length ? { value: texts } : null;
  }

  async function autosave() {
    timer = null;
    if (stopped || dirty.size === 0) return;
    const keys = Array.from(dirty);
    dirty.clear();
    const answers = {};
    for (const key of keys) {
      const answer = answerOf(document.getElementById(key));
      if (answer !== undefined) answers[key] = answer;
    }
    const response = await fetch(form.dataset.api, {
      method: "PATCH",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value,
      },
      body: JSON.stringify({ answers: answers, revision: Number(revision.value) }),
    });
    if (response.status === 409) {
      stopped = true;
      keys.forEach((key) => dirty.add(key));
      show(form.dataset.staleMessage);
      return;
    }
    if (response.status !== 200 && response.status !== 400) {
      keys.forEach((key) => dirty.add(key));
      return;
    }
    const body = await response.json();
    revision.value = body.revision;
    for (const key of keys) {
      const fieldset = document.getElementById(key);
      if (key in body.answers) fieldset.dataset.stored = JSON.stringify(body.answers[key]);
      else delete fieldset.dataset.stored;
    }
    body.rejected.forEach((problem) => dirty.add(problem.key)); // the form's Save shows why
    if (body.rejected.length === 0) show(form.dataset.savedMessage);
  }

  function changed(event) {
    const fieldset = event.target.closest("fieldset.question");
    if (!fieldset) return;
    dirty.add(fieldset.dataset.key);
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(autosave, Number(form.dataset.autosaveMs) || 30000);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    leaving = true;
    clearTimeout(timer);
  });
  window.addEventListener("beforeunload", (event) => {
    if (leaving || dirty.size === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
