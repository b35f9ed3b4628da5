/* global document, window, XMLHttpRequest, FormData */
/*
 * The intake page's denial notice: drop it on the zone or pick it, and it is sent to the
 * denial-notices API with the session and CSRF token; once read (a scan takes a while: OCR),
 * the intake form opens pre-filled from it. While OCR reads, the page asks where it is under a
 * key of its own ("reading text… page 2 of 5"). Without script, the form posts to /cases/new/notice,
 * whose answer is a page following the reading.
 */
(function () {
  'use strict';
  var form = document.getElementById('notice-form');
  if (!form) return;
  var zone = document.getElementById('notice-dropzone');
  var input = document.getElementById('notice-file');
  var status = document.getElementById('notice-status');
  var problem = document.getElementById('notice-problem');
  var busy = false;

  function refused(text) {
    busy = false;
    status.textContent = '';
    problem.textContent = text;
    problem.hidden = false;
    problem.focus();
  }

  /** A random key naming this upload's progress: 32 hex digits. */
  function progressKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join('');
  }

  /**
   * Asks every second which page OCR is on until `upload` answers; none is said before OCR starts.
   * A reading that stopped (its service restarted) is said so, and the notice may be sent again.
   */
  function followProgress(key, upload) {
    var timer = window.setInterval(function () {
      var ask = new XMLHttpRequest();
      ask.open('GET', '/api/v1/denial-notices/progress/' + key);
      ask.setRequestHeader('Accept', 'application/json');
      ask.onload = function () {
        if (upload.readyState === 4) return;
        if (ask.status === 410) {
          upload.abort();
          refused('The notice was not read. ' + JSON.parse(ask.responseText).detail + '.');
        }
        if (ask.status !== 200) return;
        var at = JSON.parse(ask.responseText);
        status.textContent = 'Reading text… page ' + at.page + ' of ' + at.pageCount;
      };
      ask.send();
    }, 1000);
    upload.addEventListener('loadend', function () {
      window.clearInterval(timer);
    });
  }

  function send(file) {
    if (!file || busy) return;
    busy = true;
    problem.hidden = true;
    status.textContent = 'Reading the notice… a scanned page takes up to a minute.';
    var data = new FormData();
    data.append('file', file);
    var key = progressKey();
    var upload = window.overturnSendFile(form.getAttribute('data-upload-url') + '?progress=' + key, data, {
      answer: function (code, body) {
        if (code === 201 && body.id) {
          status.textContent = 'Read. Opening the form…';
          window.location.assign('/cases/new?notice=' + encodeURIComponent(body.id));
        } else refused('The notice was not read. ' + (body.detail || 'The service answered ' + code + '.'));
      },
      unreachable: function () {
        refused('The notice was not read: the service could not be reached.');
      },
    });
    followProgress(key, upload);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.files.length) send(input.files[0]);
    else refused('Choose the notice’s file.');
  });
  window.overturnDropzone(zone, function (files) {
    send(files[0]);
  });
})();
