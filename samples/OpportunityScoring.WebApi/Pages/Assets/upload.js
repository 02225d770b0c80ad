// The upload page's one script (docs/pages.md): sends the file with XMLHttpRequest so the bytes sent show in a
// progress bar, then follows the scoring's progress until the scored pipeline opens. Without it the form posts
// as usual and the progress page refreshes itself.
(function () {
  'use strict';
  var form = document.getElementById('upload');
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  var box = form.querySelector('.progress');

  function follow(progressUrl, pageUrl) {
    var poll = function () {
      fetch(progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          bar.value = Math.round(100 * p.fraction);
          status.textContent = p.read.toLocaleString() + ' / ' + p.assessed.toLocaleString() + ' / ' + p.rejected.toLocaleString();
          if (p.done) { window.location.assign(pageUrl); } else { window.setTimeout(poll, 300); }
        })
        .catch(function () { window.location.assign(pageUrl); });
    };
    poll();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    box.hidden = false;
    xhr.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) { bar.value = Math.round(100 * p.loaded / p.total); }
    });
    xhr.addEventListener('load', function () {
      if (xhr.status === 200) {
        var next = JSON.parse(xhr.responseText);
        bar.value = 0;
        follow(next.progress, next.page);
      } else {
        document.open(); document.write(xhr.responseText); document.close();
      }
    });
    xhr.addEventListener('error', function () { form.submit(); });
    xhr.send(new FormData(form));
  });
}());
