/* Progressive enhancement only: every page works without this file.
   On small screens it folds the main navigation behind a "Menü" button. */
(function () {
  "use strict";
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
})();
