// The accompaniment form without a page reload (progressive enhancement: without this script
// the form posts and the server answers with the next empty form or the form with messages).
//
// A new record is sent with fetch. When the server accepts it (it redirects to the next
// empty form), the form goes back to the values it had when the page opened, the note is
// emptied, and a message in a live region says it is saved; focus returns to the top of the
// form. Any other answer (a message to correct something, a network problem) falls back to
// the ordinary submission, so the person sees the server's page with every value kept.
(function () {
  'use strict';
  var form = document.querySelector('form.activity-form[data-quick]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) return;

  var status = document.createElement('p');
  status.className = 'notice';
  status.setAttribute('role', 'status');
  status.hidden = true;
  form.parentNode.insertBefore(status, form);
  var sent = 0;

  form.addEventListener('submit', function (event) {
    if (form.dataset.fallback === 'yes') return;
    event.preventDefault();
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    }).then(function (response) {
      button.disabled = false;
      // Accepted: the server sends the browser on to the next empty form.
      if (response.redirected && response.url.indexOf('info=activity-saved') !== -1) {
        sent += 1;
        form.reset();
        var note = form.querySelector('textarea[name=note]');
        if (note) note.value = '';
        status.textContent = form.dataset.saved + ' (' + sent + ')';
        status.hidden = false;
        status.tabIndex = -1;
        status.focus();
        return;
      }
      fallback();
    }, function () {
      button.disabled = false;
      fallback();
    });
  });

  function fallback() {
    form.dataset.fallback = 'yes';
    form.submit();
  }
})();
