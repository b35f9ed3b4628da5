/* global document, window, XMLHttpRequest, FormData */
/*
 * The intake page's denial notice: drop it on the zone or pick it, and it is sent to the
 * denial-notices API with the session and CSRF token; once read (a scan takes a while: OCR),
 * the intake form opens pre-filled from it. Without script, the form posts to /cases/new/notice.
 */
(function () {
  'use strict';
  var form = document.getElementById('notice-form');
  if (!form) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
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

  function send(file) {
    if (!file || busy) return;
    busy = true;
    problem.hidden = true;
    status.textContent = 'Reading the notice… a scanned page takes up to a minute.';
    var data = new FormData();
    data.append('file', file);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('data-upload-url'));
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onload = function () {
      var body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status === 201 && body.id) {
        status.textContent = 'Read. Opening the form…';
        window.location.assign('/cases/new?notice=' + encodeURIComponent(body.id));
      } else refused('The notice was not read. ' + (body.detail || 'The service answered ' + xhr.status + '.'));
    };
    xhr.onerror = function () {
      refused('The notice was not read: the service could not be reached.');
    };
    xhr.send(data);
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
