/* global document, window, FormData */
/*
 * Evidence upload on the case file: drop files on the zone or pick them, each one is posted
 * to the evidence API with the session and CSRF token, showing its progress; when all are
 * done the page reloads to list them. Title, kind and date come from the form.
 */
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  if (!form) return;
  var zone = document.getElementById('dropzone');
  var input = document.getElementById('upload-file');
  var list = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  // Several files at once only with script: the plain form sends one.
  input.multiple = true;

  function send(file) {
    return new Promise(function (resolve) {
      var item = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = file.name + ' ';
      var bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-label', 'Upload progress of ' + file.name);
      item.appendChild(label);
      item.appendChild(bar);
      list.appendChild(item);
      var data = new FormData();
      data.append('file', file);
      ['title', 'kind', 'date'].forEach(function (name) {
        var el = form.elements[name];
        var value = el && el.value.trim();
        if (name === 'title' && !value) value = file.name.replace(/\.[^.]+$/, '');
        if (value) data.append(name, value);
      });
      window.overturnSendFile(form.getAttribute('data-upload-url'), data, {
        progress: function (share) {
          bar.value = share;
        },
        answer: function (code, problem) {
          var ok = code >= 200 && code < 300;
          bar.value = ok ? 100 : bar.value;
          var note = document.createElement('span');
          note.className = ok ? 'muted' : 'error';
          note.textContent = ok ? ' uploaded' : ' refused: ' + (problem.detail || code);
          item.appendChild(note);
          resolve(ok);
        },
        unreachable: function () {
          item.appendChild(document.createTextNode(' failed: the service could not be reached'));
          resolve(false);
        },
      });
    });
  }

  function sendAll(files) {
    if (!files.length) return;
    status.textContent = 'Uploading ' + files.length + ' file' + (files.length === 1 ? '' : 's') + '…';
    files
      .reduce(function (chain, file) {
        return chain.then(function (okSoFar) {
          return send(file).then(function (ok) {
            return okSoFar && ok;
          });
        });
      }, Promise.resolve(true))
      .then(function (allOk) {
        status.textContent = allOk ? 'All files uploaded.' : 'Some files were refused; see above.';
        if (!allOk) return;
        var done = window.location.pathname + '?notice=uploaded#documents';
        // Assigning the address the page is already at (a second upload) would only scroll to #documents.
        if (window.location.pathname + window.location.search + window.location.hash === done) window.location.reload();
        else window.location.assign(done);
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    sendAll(Array.prototype.slice.call(input.files));
  });
  window.overturnDropzone(zone, sendAll);
})();
