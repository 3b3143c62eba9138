/* Progressive enhancement only: every page works without this file.
   On small screens it folds the main navigation behind a "Menü" button. After a form was
   sent it moves focus to what the reader must see next: the error summary of a failed
   form, or the status message (#meldung) a successful one redirects to. Without this
   script the summary is still first in the form, and the fragment scrolls to the message. */
(function () {
  "use strict";

  function setUpNavigation() {
    var nav = document.getElementById("main-nav");
    if (!nav || !window.matchMedia) { return; }
    document.documentElement.classList.add("js");
    var small = window.matchMedia("(max-width: 47.99em)");
    var list = nav.querySelector(".main-nav__list");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nav-toggle button button--secondary button--small";
    button.setAttribute("aria-controls", list.id = list.id || "main-nav-list");
    button.textContent = document.documentElement.lang === "en" ? "Menu" : "Menü";
    nav.insertBefore(button, list);

    function setCollapsed(collapsed) {
      nav.setAttribute("data-collapsed", collapsed ? "true" : "false");
      button.setAttribute("aria-expanded", collapsed ? "false" : "true");
    }
    button.addEventListener("click", function () {
      setCollapsed(nav.getAttribute("data-collapsed") !== "true");
    });
    setCollapsed(small.matches);
    small.addEventListener("change", function (event) { setCollapsed(event.matches); });
  }

  function focusInView(element) {
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "start" });
  }

  function focusAfterSubmit() {
    var summary = document.querySelector("[data-error-summary]");
    var message = document.getElementById("meldung");
    if (summary) {
      focusInView(summary);
      /* A link in the summary moves focus into its field and shows the field's label (or
         its group's legend) with it, not only the bare input. */
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        var input = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!input) { return; }
        event.preventDefault();
        (input.closest("fieldset, .form-field") || input).scrollIntoView({ block: "start" });
        input.focus({ preventScroll: true });
      });
    } else if (message && window.location.hash === "#meldung") {
      focusInView(message);
    }
  }

  /* Navigation first: folding it changes the height of the header above the target. */
  setUpNavigation();
  focusAfterSubmit();
})();
