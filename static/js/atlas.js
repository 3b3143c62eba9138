/* Progressive enhancement for the network pictures: every picture works without it.
   While a node has focus or the pointer, its lines and its neighbours are highlighted. */
(function () {
  "use strict";
  var graphs = document.querySelectorAll("svg[data-graph]");
  Array.prototype.forEach.call(graphs, function (svg) {
    var figure = svg.closest(".graph");
    var edges = svg.querySelectorAll(".graph__edge");
    var nodes = {};
    Array.prototype.forEach.call(svg.querySelectorAll("[data-node]"), function (node) {
      nodes[node.getAttribute("data-node")] = node;
    });

    function clear() {
      figure.classList.remove("has-highlight");
      Array.prototype.forEach.call(svg.querySelectorAll(".is-highlighted, .is-neighbour"), function (el) {
        el.classList.remove("is-highlighted", "is-neighbour");
      });
    }
    function highlight(key) {
      clear();
      figure.classList.add("has-highlight");
      Array.prototype.forEach.call(edges, function (edge) {
        var from = edge.getAttribute("data-from"), to = edge.getAttribute("data-to");
        if (from === key || to === key) {
          edge.classList.add("is-highlighted");
          var other = nodes[from === key ? to : from];
          if (other) { other.classList.add("is-neighbour"); }
        }
      });
    }
    function handler(event) {
      var node = event.target.closest && event.target.closest("[data-node]");
      if (node) { highlight(node.getAttribute("data-node")); }
    }
    svg.addEventListener("focusin", handler);
    svg.addEventListener("mouseover", handler);
    svg.addEventListener("focusout", clear);
    svg.addEventListener("mouseleave", clear);
  });
})();
