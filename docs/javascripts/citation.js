/*
 * Actes: the suggested citation (overrides/partials/citation.html): today's date as the
 * consultation date, and the copy button; a turn's « lien vers ce passage » (actes.anchoring)
 * also copies its address.
 */
(function () {
  "use strict";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];
  var today = new Date();
  var date = (today.getDate() === 1 ? "1er" : today.getDate()) + "\u00a0" + MONTHS[today.getMonth()] +
             "\u00a0" + today.getFullYear();
  document.querySelectorAll("[data-actes-consulte]").forEach(function (span) { span.textContent = date; });

  document.querySelectorAll("[data-actes-copier]").forEach(function (button) {
    var section = button.closest(".actes-citer");
    var text = section.querySelector("[data-actes-citation]");
    var state = section.querySelector("[data-actes-copier-etat]");
    button.addEventListener("click", function () {
      // Fold line breaks only: the no-break spaces of French typography stay.
      var citation = text.textContent.replace(/[ \t\r\n]+/g, " ").trim();
      navigator.clipboard.writeText(citation).then(function () {
        state.textContent = "Citation copiée.";
      }, function () {
        state.textContent = "La copie a échoué : sélectionnez le texte pour le copier.";
      });
    });
  });

  document.querySelectorAll("[data-actes-lien-tour]").forEach(function (link) {
    link.addEventListener("click", function () {
      // The link still goes to the turn; its address is copied as well.
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(link.href).then(function () {
        var words = link.textContent;
        link.textContent = "lien copié";
        setTimeout(function () { link.textContent = words; }, 2000);
      }, function () {});
    });
  });
})();
