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
})();
