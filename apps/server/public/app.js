// Progressive enhancement only: every page works without this file.
(function () {
  var token = document.querySelector('meta[name="csrf-token"]');
  window.kehoach = {
    csrf: token ? token.getAttribute('content') : '',
    fetchJson: function (url, options) {
      options = options || {};
      options.headers = Object.assign({ 'Content-Type': 'application/json', 'X-CSRF-Token': window.kehoach.csrf, Accept: 'application/json' }, options.headers || {});
      options.credentials = 'same-origin';
      return fetch(url, options).then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); });
    },
  };

  // A form that failed validation: move the focus to its summary so screen readers read it first.
  var failure = document.getElementById('form-failure');
  if (failure) failure.focus();

  // Destructive buttons ask first.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
