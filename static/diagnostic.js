// The diagnostic, a little easier (progressive enhancement: every page works without it).
// Button labels come from the page (data-listen, data-print), like every text of Relais.
// - "Écouter la question" reads the question aloud with the browser's own voice, where the
//   browser offers one (nothing is sent anywhere).
// - "Imprimer mon résultat" opens the browser's print dialogue on the result page.
(function () {
  'use strict';
  var texts = document.querySelectorAll('[data-read-aloud]');
  var page = document.querySelector('.diagnostic');
  if (page && page.dataset.listen && texts.length && 'speechSynthesis' in window && window.SpeechSynthesisUtterance) {
    var listen = document.createElement('button');
    listen.type = 'button';
    listen.className = 'button secondary read-aloud';
    listen.textContent = page.dataset.listen;
    listen.addEventListener('click', function () {
      window.speechSynthesis.cancel();
      var words = [];
      texts.forEach(function (node) { words.push(node.textContent.trim()); });
      var utterance = new window.SpeechSynthesisUtterance(words.join('. '));
      utterance.lang = 'fr-FR';
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
    var form = document.querySelector('.question-form');
    if (form) form.parentNode.insertBefore(listen, form);
  }
  var printHere = document.querySelector('[data-print-here]');
  if (printHere && printHere.dataset.print && window.print) {
    var print = document.createElement('button');
    print.type = 'button';
    print.className = 'button';
    print.textContent = printHere.dataset.print;
    print.addEventListener('click', function () { window.print(); });
    printHere.insertBefore(print, printHere.firstChild);
  }
})();
