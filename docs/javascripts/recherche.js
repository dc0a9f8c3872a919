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
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  // French elisions: « l'établissement » is searched as « établissement », as the index has it.
  var ELISION = /(^|[\s(«"])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/gi;
  var RECOMMENDATION_ID = /^\s*([a-z]{2,4}\d{4}-\d{2})\s*$/i;
  var MAX_RESULTS = 20;
  var enginePromise = null;
  var lastQuery = 0;
  var openedFrom = null;

  function engine() {
    if (!enginePromise) {
      enginePromise = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30 }).then(function () {
          return pagefind;
        });
      });
    }
    return enginePromise;
  }

  function countLabel(count) {
    if (count === 0) return "Aucun résultat";
    return count === 1 ? "1 résultat" : count + " résultats";
  }

  function render(result) {
    var item = itemTemplate.content.firstElementChild.cloneNode(true);
    var link = item.querySelector("[data-actes-result-link]");
    link.href = result.url;
    item.querySelector("[data-actes-result-title]").textContent = result.meta.title || result.url;
    // Pagefind's excerpt is the page's own text, escaped, with <mark> around the matches.
    item.querySelector("[data-actes-result-excerpt]").innerHTML = result.excerpt;
    return item;
  }

  function bestFirst(results, query) {
    var id = RECOMMENDATION_ID.exec(query);
    if (!id) return results;
    var path = "/recommandations/" + id[1].toUpperCase() + "/";
    var exact = results.filter(function (r) { return r.url.slice(-path.length) === path; });
    return exact.concat(results.filter(function (r) { return exact.indexOf(r) < 0; }));
  }

  function search() {
    var query = input.value.trim();
    var mine = ++lastQuery;
    var total = 0;
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Tapez un mot pour rechercher dans les actes";
      return;
    }
    engine()
      .then(function (pagefind) { return pagefind.debouncedSearch(query.replace(ELISION, "$1"), {}, 120); })
      .then(function (found) {
        if (found === null || mine !== lastQuery) return null;
        total = found.results.length;
        return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (results === null || results === undefined || mine !== lastQuery) return;
        results = bestFirst(results, query);
        meta.textContent = countLabel(total);
        list.replaceChildren.apply(list, results.map(render));
      })
      .catch(function () {
        meta.textContent = "La recherche est indisponible pour le moment.";
      });
  }

  function open() {
    if (!toggle.checked) {
      openedFrom = document.activeElement;
      toggle.checked = true;
    }
    input.focus();
    engine();
  }

  function close() {
    toggle.checked = false;
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

  toggle.addEventListener("change", function () { if (toggle.checked) open(); });
  input.addEventListener("focus", function () { if (!toggle.checked) open(); });
  input.addEventListener("input", search);
  dialog.querySelector("form").addEventListener("reset", function () { setTimeout(search, 0); });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  list.addEventListener("click", function () { toggle.checked = false; });

  document.addEventListener("keydown", function (event) {
    if (toggle.checked) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "ArrowDown") { event.preventDefault(); moveAmongResults(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveAmongResults(-1); }
    } else if ((event.key === "/" || event.key === "s") && !isEditable(event.target)
               && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  }, true);
})();
