// Progressive enhancements only: every feature here also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var FOCUS_KEY = "searcher.focus";

  // Ticking a facet box applies it at once (the "Áp dụng bộ lọc" button does this without JS);
  // the box is remembered so that focus comes back to it on the new page.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches('input[type="checkbox"][form="search"]')) {
      try {
        sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ name: box.name, value: box.value }));
      } catch (ignored) { /* storage disabled: focus starts at the top */ }
      var form = document.getElementById("search");
      if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    }
  });

  // After a filter applied: focus the box just used (or its facet, if the value is gone).
  (function restoreFocus() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (ignored) { return; }
    if (!saved) { return; }
    var box = document.querySelector('input[type="checkbox"][name="' + CSS.escape(saved.name) +
                                      '"][value="' + CSS.escape(saved.value) + '"]');
    var target = box || document.getElementById("facet-" + saved.name);
    if (target) {
      if (!box) { target.tabIndex = -1; }
      target.focus();
    }
  })();

  // A chart, and the sort links, are one Tab stop each: arrow keys (and Home, End) move
  // between a chart's bars (and the link to the articles of unknown year beside them).
  function oneTabStop(group, selector, isCurrent) {
    var links = Array.prototype.slice.call(group.querySelectorAll(selector));
    if (links.length < 2) { return; }
    var current = Math.max(0, links.findIndex(isCurrent));
    links.forEach(function (link, i) { link.tabIndex = i === current ? 0 : -1; });
    group.addEventListener("keydown", function (event) {
      var i = links.indexOf(document.activeElement);
      var moves = { ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1,
                    Home: 0, End: links.length - 1 };
      if (i < 0 || !(event.key in moves)) { return; }
      var next = Math.max(0, Math.min(links.length - 1, moves[event.key]));
      event.preventDefault();
      links[i].tabIndex = -1;
      links[next].tabIndex = 0;
      links[next].focus();
    });
  }
  document.querySelectorAll(".timeline").forEach(function (chart) {
    var bars = chart.querySelectorAll("a.bar-link");
    var selected = chart.querySelector("a.bar-link.selected");
    // the chosen bar, else the newest
    oneTabStop(chart, "a.bar-link, a.undated-link", function (link) {
      return selected ? link === selected : link === bars[bars.length - 1];
    });
  });
  document.querySelectorAll("nav.sort").forEach(function (nav) {
    oneTabStop(nav, "a", function (link) { return link.hasAttribute("aria-current"); });
  });

  // Accent-insensitive matching, so "trinh" finds "Trịnh".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  // A search box above long facet lists (e.g. officials) that hides non-matching values.
  document.querySelectorAll("input.facet-filter").forEach(function (input) {
    var list = document.getElementById(input.dataset.list);
    if (!list) { return; }
    input.hidden = false;
    input.addEventListener("input", function () {
      var needle = fold(input.value.trim());
      list.querySelectorAll("li").forEach(function (item) {
        item.hidden = needle !== "" && fold(item.textContent).indexOf(needle) === -1;
      });
    });
    // Enter in the filter box must not submit the whole search form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  });
})();
