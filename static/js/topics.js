/* Progressive enhancement of the topic field: without this file the browser offers the
   existing topics (its <datalist>) for the first topic typed. Browsers compare a
   datalist with the whole value, so after "Kaffee, " nothing would be offered; this
   script prefixes each option with what is typed up to the last comma, leaving out
   topics already chosen. */
(function () {
  "use strict";

  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var topics = Array.prototype.map.call(list.options, function (option) { return option.value; });
    var shownPrefix = "";

    input.addEventListener("input", function () {
      var cut = input.value.lastIndexOf(",");
      var prefix = cut < 0 ? "" : input.value.slice(0, cut + 1).replace(/\s*$/, " ");
      if (prefix === shownPrefix) { return; }
      shownPrefix = prefix;
      var chosen = prefix.split(",").map(function (name) { return name.trim().toLowerCase(); });
      while (list.firstChild) { list.removeChild(list.firstChild); }
      topics.forEach(function (topic) {
        if (chosen.indexOf(topic.toLowerCase()) >= 0) { return; }
        var option = document.createElement("option");
        option.value = prefix + topic;
        list.appendChild(option);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-topic-suggestions]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
