/* global window */
/*
 * A file drop zone: shows it is a target while a file is dragged over it and hands the dropped
 * files to the page's own sender. Shared by the case file's evidence upload and the intake's notice.
 */
(function () {
  'use strict';
  window.overturnDropzone = function (zone, onFiles) {
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('dragover');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.remove('dragover');
      });
    });
    zone.addEventListener('drop', function (e) {
      onFiles(Array.prototype.slice.call(e.dataTransfer.files));
    });
  };
})();
