/* global document, window, XMLHttpRequest */
/*
 * Sends form data holding a file to an API as page scripts do: with the session's CSRF token,
 * asking for JSON. `on.progress` is told the share sent (0 to 100) when the browser knows it,
 * `on.answer` gets the status and the answer's JSON (an empty object when it is not JSON), and
 * `on.unreachable` is called when no answer came. Returns the request, for a page that follows or
 * abandons it. Shared by the intake's notice, the imports page and the case file's uploads.
 */
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  window.overturnSendFile = function (url, data, on) {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    if (on.progress)
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) on.progress(Math.round((e.loaded / e.total) * 100));
      };
    xhr.onload = function () {
      var body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      on.answer(xhr.status, body);
    };
    xhr.onerror = on.unreachable;
    xhr.send(data);
    return xhr;
  };
})();
