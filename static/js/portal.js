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

  /* "instant": the page's smooth scrolling is for the reader's own jumps; here the page
     opens at its target. */
  function scrollToTop(element) {
    element.scrollIntoView({ block: "start", behavior: "instant" });
  }

  /* Focus, and scroll only when the element is not wholly in view already (so the page's
     heading stays visible above a summary that fits). */
  function focusInView(element) {
    element.focus({ preventScroll: true });
    var box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) { scrollToTop(element); }
  }

  /* What the reader must see after a submit: the error summary of a failed form, or the
     status message a successful one redirected to (#meldung). */
  function submitTarget() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { return summary; }
    var message = document.getElementById("meldung");
    return message && window.location.hash === "#meldung" ? message : null;
  }

  /* A link in the summary moves focus into its field and shows the field's label (or its
     group's legend) with it, not only the bare input. */
  function linkSummaryToFields(summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!input) { return; }
      event.preventDefault();
      scrollToTop(input.closest("fieldset, .form-field") || input);
      input.focus({ preventScroll: true });
    });
  }

  /* Navigation first: folding it changes the height of the header above the target. */
  setUpNavigation();
  var target = submitTarget();
  if (target) {
    if (target.hasAttribute("data-error-summary")) { linkSummaryToFields(target); }
    focusInView(target);
    /* A form sent to an address with a fragment (the feedback form: #rueckmeldung) comes
       back there; the browser's own jump to that fragment, before the load event, takes
       the focus away again. Then it is given back once. */
    window.addEventListener("load", function () {
      if (document.activeElement === document.body) { focusInView(target); }
    });
  }
})();
