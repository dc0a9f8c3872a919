/*
 * Actes: search with Pagefind inside Material's search dialog (overrides/partials/search.html).
 * Pagefind indexes the built site in French (stemming), and a query fetches only the index
 * chunks it needs. Keyboard: « / » or « s » opens, Escape closes, arrows move among results.
 */
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var dialog = document.querySelector("[data-actes-search]");
  if (!toggle || !dialog) return;
  var input = dialog.querySelector("[data-actes-search-query]");
  var meta = dialog.querySelector("[data-actes-search-meta]");
  var list = dialog.querySelector("[data-actes-search-list]");
  var itemTemplate = document.querySelector("template[data-actes-search-item]");
  var more = dialog.querySelector("[data-actes-search-more]");
  var filterBox = dialog.querySelector("[data-actes-search-filters]");
  var filterSelects = Array.prototype.slice.call(dialog.querySelectorAll("[data-actes-filter]"));
  var output = dialog.querySelector(".md-search__output");
  var pending = [];
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  // French elisions: « l'établissement » is searched as « établissement », as the index has it.
  var ELISION = /(^|[\s(«"])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/gi;
  var RECOMMENDATION_ID = /^\s*([a-z]{2,4}\d{4}-\d{2})\s*$/i;
  // Results are shown a few at a time: each one fetches its page's fragment.
  var BATCH = 6;
  var enginePromise = null;
  var lastQuery = 0;
  var openedFrom = null;

  function engine() {
    if (!enginePromise) {
      enginePromise = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pagefind) {
        // Proceedings are long: a transcript that says a word twenty times is not penalised for its
        // length (pageLength 0), and its repetitions count for more (termSaturation 2).
        var ranking = { pageLength: 0, termSaturation: 2 };
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30, ranking: ranking }).then(function () {
          return pagefind.filters();
        }).then(function (available) {
          fillFilters(available);
          return pagefind;
        });
      });
    }
    return enginePromise;
  }

  // The filters the index holds (speaker, day, museum function: actes.search), in French order.
  function fillFilters(available) {
    var any = false;
    filterSelects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-actes-filter")] || {});
      values.sort(function (a, b) { return a.localeCompare(b, "fr"); });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = typeset(value);
        select.appendChild(option);
      });
      any = any || values.length > 0;
    });
    filterBox.hidden = !any;
  }

  function chosenFilters() {
    var chosen = {};
    filterSelects.forEach(function (select) {
      if (select.value) chosen[select.getAttribute("data-actes-filter")] = select.value;
    });
    return chosen;
  }

  function countLabel(count) {
    if (count === 0) return "Aucun résultat";
    return count === 1 ? "1 résultat" : count + " résultats";
  }

  // The index holds the pages' text before their apostrophes were set (hooks/typography.py): the
  // excerpts and titles it gives are shown with them, as the pages are.
  var APOSTROPHE = /(\p{L})'(?=\p{L})/gu;
  function typeset(text) { return text.replace(APOSTROPHE, "$1\u2019"); }

  function render(result) {
    var item = itemTemplate.content.firstElementChild.cloneNode(true);
    var link = item.querySelector("[data-actes-result-link]");
    link.href = result.url;
    item.querySelector("[data-actes-result-title]").textContent = typeset(result.meta.title || result.url);
    var title = typeset(result.meta.title || "");
    var speakers = item.querySelector("[data-actes-result-speakers]");
    if (result.meta.intervenants) {
      speakers.textContent = "Prise de parole\u00a0: " + typeset(result.meta.intervenants);
      speakers.hidden = false;
    }
    item.querySelector("[data-actes-result-excerpt]").appendChild(withoutTitle(excerptNodes(result.excerpt), title));
    return item;
  }

  // Pagefind's excerpt is the page's text with <mark> around the matches. Only that reaches the page:
  // it is parsed in an inert template (nothing in it loads or runs), and rebuilt as text and marks.
  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fragment = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = typeset(node.textContent);
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(typeset(node.textContent)));
      }
    });
    return fragment;
  }

  // An excerpt that opens with the page's title (its first heading) says it again under the title:
  // that opening goes.
  function withoutTitle(fragment, title) {
    var heading = title.replace(/\s+/g, "");  // compared without white space
    var text = fragment.textContent.replace(/\s+/g, "");
    if (!heading || text.indexOf(heading) !== 0 || text.length === heading.length) return fragment;
    var left = heading.length;  // characters of the title still to take out
    while (left > 0 && fragment.firstChild) {
      var node = fragment.firstChild;
      var content = node.textContent;
      var cut = 0;
      while (cut < content.length && left > 0) {
        if (!/\s/.test(content[cut])) left--;
        cut++;
      }
      if (cut >= content.length) fragment.removeChild(node);
      else node.textContent = content.slice(cut);
    }
    if (fragment.firstChild) {
      fragment.firstChild.textContent = fragment.firstChild.textContent.replace(/^[\s:.,;–—-]+/, "");
    }
    return fragment;
  }

  function showNext() {
    var batch = pending.splice(0, BATCH);
    var mine = lastQuery;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (results) {
      if (mine !== lastQuery) return;
      results.forEach(function (result) { list.appendChild(render(result)); });
      more.hidden = pending.length === 0;
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++lastQuery;
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    pending = [];
    more.hidden = true;
    if (!query && !filtered) {
      list.replaceChildren();
      meta.textContent = "Tapez un mot pour rechercher dans les actes";
      return;
    }
    var id = RECOMMENDATION_ID.exec(query);
    engine()
      .then(function (pagefind) {
        // A recommendation id: its own page first (the page carries the id as a Pagefind filter).
        var exact = id && !filtered ? pagefind.search(null, { filters: { identifiant: id[1].toUpperCase() } })
                                    : Promise.resolve({ results: [] });
        // Filters alone list every page that has them.
        var words = query ? query.replace(ELISION, "$1") : null;
        return Promise.all([exact, pagefind.debouncedSearch(words, { filters: filters }, 120)]);
      })
      .then(function (found) {
        if (found[1] === null || mine !== lastQuery) return;
        var ids = found[0].results.map(function (r) { return r.id; });
        pending = found[0].results.concat(found[1].results.filter(function (r) { return ids.indexOf(r.id) < 0; }));
        var label = countLabel(pending.length);
        list.replaceChildren();
        // Announce the count once the results it describes are on screen (keyboard users act on it).
        return showNext().then(function () {
          if (mine !== lastQuery) return;
          meta.textContent = label;
          meta.setAttribute("data-actes-query", query);  // which query the count answers
        });
      })
      .catch(function () {
        meta.textContent = "La recherche est indisponible pour le moment.";
      });
  }

  // The results can take focus only while the dialog is open: once it is closed, nothing hidden is
  // on the way of Tab.
  function setOpen(opened) {
    toggle.checked = opened;
    output.inert = !opened;
  }

  function open() {
    if (!toggle.checked) {
      openedFrom = document.activeElement;
      setOpen(true);
    }
    output.inert = false;
    input.focus();
    engine();
  }

  function close() {
    setOpen(false);
    input.blur();
    if (openedFrom && openedFrom !== input && openedFrom.focus) openedFrom.focus();
  }

  function isEditable(element) {
    return element && (element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName));
  }

  function moveAmongResults(step) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    var next = index < 0 ? (step > 0 ? 0 : links.length - 1) : index + step;
    if (next < 0) { input.focus(); return; }
    links[Math.min(next, links.length - 1)].focus();
  }

  setOpen(toggle.checked);
  toggle.addEventListener("change", function () { if (toggle.checked) open(); else setOpen(false); });
  // Focus that leaves the dialog (Tab past its last element) closes it: the page behind an open
  // dialog is never walked, nor typed into.
  dialog.addEventListener("focusout", function (event) {
    if (toggle.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) setOpen(false);
  });
  input.addEventListener("focus", function () { if (!toggle.checked) open(); });
  input.addEventListener("input", search);
  filterSelects.forEach(function (select) { select.addEventListener("change", search); });
  dialog.querySelector("form").addEventListener("reset", function () { setTimeout(search, 0); });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  list.addEventListener("click", function () { setOpen(false); });
  more.addEventListener("click", function () {
    var count = list.children.length;
    showNext().then(function () {
      var next = list.children[count] && list.children[count].querySelector("a");
      if (next) next.focus();  // keyboard users land on the first new result
    });
  });

  document.addEventListener("keydown", function (event) {
    if (toggle.checked) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      // A filter's list keeps its own arrows.
      else if (event.target.tagName === "SELECT") return;
      else if (event.key === "ArrowDown") { event.preventDefault(); moveAmongResults(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveAmongResults(-1); }
    } else if ((event.key === "/" || event.key === "s") && !isEditable(event.target)
               && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  }, true);
})();
