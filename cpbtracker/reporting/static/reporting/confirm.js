// Forms with a data-confirm question ask it before they are sent (a static file, so the
// pages need no inline script). Without JavaScript the form is sent as it is.
(function () {
  "use strict";
  document.addEventListener("submit", (event) => {
    const question = event.target.dataset ? event.target.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
