// Progressive enhancements only: every feature here also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Ticking a facet box applies it at once (the "Áp dụng bộ lọc" button does this without JS).
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches('input[type="checkbox"][form="search"]')) {
      var form = document.getElementById("search");
      if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    }
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
