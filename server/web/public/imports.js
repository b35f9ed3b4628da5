/* global document, window, FormData, fetch, setTimeout */
/*
 * The imports page with script. The upload form sends the file to the imports API with the
 * session and CSRF token, showing how much is sent, then opens the import's page; a refusal is
 * shown in the form's problem area and the user stays on the page. An import's page asks the API
 * where the job stands every second, moving the bar and its words, and reloads once the job has
 * finished so that the server renders the summary. Without script the form posts to /imports and
 * a running import's page refreshes itself.
 */
(function () {
  'use strict';
  var POLL_MS = 1000;
  var number = new Intl.NumberFormat('en-US');

  var form = document.getElementById('import-form');
  if (form) {
    var input = document.getElementById('import-file');
    var problem = document.getElementById('import-problem');
    var status = document.getElementById('import-status');
    var sending = document.getElementById('import-upload');
    var bar = document.getElementById('import-upload-bar');

    var refuse = function (text) {
      problem.textContent = text;
      problem.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'import-file-hint import-problem');
      sending.hidden = true;
      status.textContent = '';
      problem.focus();
    };

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      problem.hidden = true;
      input.removeAttribute('aria-invalid');
      var file = input.files[0];
      if (!file) return refuse('Choose the remittance file to import.');
      var data = new FormData();
      data.append('file', file);
      sending.hidden = false;
      bar.value = 0;
      status.textContent = 'Sending the file…';
      window.overturnSendFile(form.getAttribute('data-upload-url'), data, {
        progress: function (share) {
          bar.value = share;
        },
        answer: function (code, body) {
          if (code >= 200 && code < 300 && body.id) {
            status.textContent = 'File received. Opening the import…';
            window.location.assign('/imports/' + encodeURIComponent(body.id));
            return;
          }
          if (code === 413)
            return refuse(
              'The file was not imported: it is larger than the ' +
                form.getAttribute('data-max-size') +
                ' an import takes.',
            );
          refuse('The file was not imported. ' + (body.detail || 'The service answered ' + code).replace(/\.?$/, '.'));
        },
        unreachable: function () {
          refuse('The file was not sent: the service could not be reached. Try again.');
        },
      });
    });
  }

  var panel = document.getElementById('import');
  var pollUrl = panel && panel.getAttribute('data-poll-url');
  if (pollUrl) {
    var progress = document.getElementById('import-progress');
    var words = document.getElementById('import-progress-text');
    var statusText = document.getElementById('import-status-text');
    var STATUS_WORDS = { queued: 'Waiting to start', running: 'Reading claims' };

    var show = function (view) {
      var total = view.progress.claimsTotal;
      var text;
      if (typeof total === 'number') {
        progress.max = total || 1;
        progress.value = view.progress.claimsDone;
        text =
          number.format(view.progress.claimsDone) +
          ' of ' +
          number.format(total) +
          (total === 1 ? ' claim' : ' claims');
      } else {
        text =
          view.status === 'queued'
            ? 'Waiting for the import job to start'
            : 'Checking the file before reading its claims';
      }
      // Only a change is written, so the live region announces progress, not every poll.
      if (words.textContent !== text) words.textContent = text;
      if (STATUS_WORDS[view.status]) statusText.textContent = STATUS_WORDS[view.status];
    };

    var poll = function () {
      fetch(pollUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) {
          if (!res.ok) throw new Error('status ' + res.status);
          return res.json();
        })
        .then(function (view) {
          if (view.status === 'queued' || view.status === 'running') {
            show(view);
            setTimeout(poll, POLL_MS);
          } else {
            words.textContent = 'The import has finished. Showing its summary…';
            window.location.reload();
          }
        })
        .catch(function () {
          words.textContent = 'Could not ask the service how the import is going; trying again.';
          setTimeout(poll, POLL_MS * 5);
        });
    };
    setTimeout(poll, POLL_MS);
  }
})();
