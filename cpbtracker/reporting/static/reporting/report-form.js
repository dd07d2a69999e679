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

  // Unsaved answers: a warning before leaving the page, and an autosave of the changed
  // questions through the drafts API once the form has been idle for 30 s. The page keeps the
  // revision it was loaded at: another user's save merged into an autosave is one this page
  // has not seen. Each answer an autosave stored gets a hidden "revision:<key>" input with the
  // revision that holds it; every save (autosave or the form's Save) sends both, so the server
  // merges each answer against what this page saw of it. A refused (stale) save stops
  // autosaving and says so.
  const status = document.getElementById("autosave-status");
  const revision = form.querySelector("input[name=revision]");
  const answerRevision = "revision:";
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
    const perLanguage = fieldset.querySelectorAll("textarea[data-lang]");
    if (perLanguage.length) {
      const texts = Object.assign({}, stored && stored.value && typeof stored.value === "object" ? stored.value : {});
      perLanguage.forEach((area) => {
        delete texts[area.dataset.lang];
        if (area.value.trim()) texts[area.dataset.lang] = area.value.trim();
      });
      return Object.keys(texts).length ? { value: texts } : null;
    }
    const input = form.elements.namedItem(key);
    if (!input || !input.name) return undefined;
    const text = input.value.trim();
    if (type === "int") return text ? { value: text } : null;
    const texts = merged(stored && stored.value, text);
    return Object.keys(texts).length ? { value: texts } : null;
  }

  function answerRevisions() {
    const revisions = {};
    form.querySelectorAll(`input[name^="${answerRevision}"]`).forEach((input) => {
      revisions[input.name.slice(answerRevision.length)] = Number(input.value);
    });
    return revisions;
  }

  function keepAnswerRevision(key, value) {
    let input = form.querySelector(`input[name="${CSS.escape(answerRevision + key)}"]`);
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = answerRevision + key;
      form.appendChild(input);
    }
    input.value = value;
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
      body: JSON.stringify({
        answers: answers,
        revision: Number(revision.value),
        answer_revisions: answerRevisions(),
      }),
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
    Object.entries(body.answer_revisions).forEach(([key, value]) => keepAnswerRevision(key, value));
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
