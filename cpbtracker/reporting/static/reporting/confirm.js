// Forms, or the buttons that send them, with a data-confirm question ask it before they are
// sent (a static file, so the pages need no inline script). Without JavaScript the form is
// sent as it is.
(function () {
  "use strict";
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    const question =
      (button && button.dataset && button.dataset.confirm) ||
      (event.target.dataset ? event.target.dataset.confirm : undefined);
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
