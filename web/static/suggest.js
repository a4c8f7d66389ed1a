// Suggestions as you type (WAI-ARIA 1.2 combobox with a listbox popup), from /api/suggest:
// on the header search box, and on the facet filter boxes whose facet has more values than the
// page lists. Without JavaScript both boxes work as before (search form; on-screen filter).
(function () {
  "use strict";

  var DEBOUNCE_MS = 120;
  var MIN_CHARS = 2;
  var KIND_LABELS = {
    partner: "Đối tác", official: "Lãnh đạo", country: "Quốc gia", word: "Từ khóa"
  };
  var boxes = 0;

  function number(count) { return count.toLocaleString("vi-VN"); }

  function span(className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  // "Yunnan → tỉnh Vân Nam": the spelling typed, when the match came through it.
  function nameOf(suggestion, shown) {
    var name = span("suggest-value", "");
    if (suggestion.matched) { name.appendChild(span("suggest-alias", suggestion.matched + " → ")); }
    name.appendChild(document.createTextNode(shown));
    return name;
  }

  // Turns a text input into a combobox. config: url(text) of the suggestions, keep(suggestion)
  // to show it, describe(option, suggestion) to fill its option, choose(suggestion), label.
  function combobox(input, config) {
    var listId = "suggest-list-" + (++boxes);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", config.label);
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    // Pressing the mouse on the list must not take the focus from the box (that closes it).
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.parentElement.classList.add("suggest-host");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function isOpen() { return !list.hidden; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      activate(-1);
    }

    function open() {
      if (suggestions.length && document.activeElement === input) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function activate(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      }
    }

    function show(found) {
      suggestions = found;
      list.textContent = "";
      found.forEach(function (suggestion, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "suggest-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        config.describe(option, suggestion);
        option.addEventListener("click", function () { config.choose(suggestion); });
        list.appendChild(option);
      });
      activate(-1);
      if (found.length) {
        open();
        status.textContent = found.length + " gợi ý, chọn bằng phím mũi tên lên xuống.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask(text) {
      if (pending) { pending.abort(); }
      var controller = pending = new AbortController();
      var headers = { Accept: "application/json" };
      fetch(config.url(text), { signal: controller.signal, headers: headers })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (answer) {
          if (input.value.trim() === text) { show(answer.suggestions.filter(config.keep)); }
        })
        .catch(function (error) { if (error.name !== "AbortError") { show([]); } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < MIN_CHARS) {
        if (pending) { pending.abort(); }
        show([]);
        return;
      }
      timer = setTimeout(function () { ask(text); }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) { return; }  // an input method is still building the letter
      var count = suggestions.length;
      if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count) {
        event.preventDefault();
        var down = event.key === "ArrowDown";
        if (!isOpen()) {
          open();
          activate(down ? 0 : count - 1);
        } else {
          activate(down ? (active + 1) % count : (active <= 0 ? count - 1 : active - 1));
        }
      } else if (event.key === "Enter" && isOpen() && active >= 0) {
        event.preventDefault();
        config.choose(suggestions[active]);
      } else if (event.key === "Escape" && isOpen()) {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", close);
    // Back to a page from the history: its list belongs to the visit that left it.
    window.addEventListener("pageshow", close);
    return { close: close };
  }

  // The header search box: names open their page, words complete the query and search.
  var form = document.getElementById("search");
  var box = document.getElementById("q");
  if (form && box) {
    var endpoint = new URL("api/suggest", form.action);
    var header = combobox(box, {
      label: "Gợi ý tìm kiếm",
      url: function (text) {
        endpoint.search = new URLSearchParams({ q: text }).toString();
        return endpoint.toString();
      },
      keep: function () { return true; },
      describe: function (option, suggestion) {
        var word = suggestion.kind === "word";
        option.appendChild(nameOf(suggestion, word ? suggestion.query : suggestion.value));
        option.appendChild(span("suggest-meta", KIND_LABELS[suggestion.kind] + " · " +
          number(suggestion.count) + (word ? " tiêu đề" : " bài")));
      },
      choose: function (suggestion) {
        header.close();
        if (suggestion.kind === "word") {
          box.value = suggestion.query;
          if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        } else {
          window.location.assign(suggestion.url);
        }
      }
    });
  }

  // Facet filter boxes (app.js filters the values on screen): the facet's other values, from
  // the whole archive; choosing one adds it to the search's filters.
  document.querySelectorAll("input.facet-filter[data-facet]").forEach(function (input) {
    var facet = input.dataset.facet;
    var list = document.getElementById(input.dataset.list);
    var endpoint = new URL("api/suggest", form ? form.action : window.location.href);
    var host = document.createElement("div");  // the list opens under the box, not the fieldset
    input.insertAdjacentElement("beforebegin", host);
    host.appendChild(input);
    combobox(input, {
      label: "Các giá trị khác của bộ lọc",
      url: function (text) {
        endpoint.search = new URLSearchParams({ q: text, facet: facet }).toString();
        return endpoint.toString();
      },
      keep: function (suggestion) {  // those on screen are already there to tick
        return !Array.prototype.some.call(list.querySelectorAll("input[type=checkbox]"),
          function (checkbox) { return checkbox.value === suggestion.value; });
      },
      describe: function (option, suggestion) {
        option.appendChild(nameOf(suggestion, suggestion.value));
        option.appendChild(span("suggest-meta", number(suggestion.count) + " bài trong kho"));
      },
      choose: function (suggestion) {
        var url = new URL(window.location.href);
        url.searchParams.delete("page");
        url.searchParams.append(facet, suggestion.value);
        window.location.assign(url.toString());
      }
    });
  });
})();
