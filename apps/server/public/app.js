// Progressive enhancement only: every page works without this file.
(function () {
  var token = document.querySelector('meta[name="csrf-token"]');
  window.kehoach = { csrf: token ? token.getAttribute('content') : '' };

  // A form that failed validation: move the focus to its summary so screen readers read it first.
  var failure = document.getElementById('form-failure');
  if (failure) failure.focus();

  // Destructive forms and buttons ask first (in the capture phase, before other submit handlers).
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      var question = (event.submitter && event.submitter.getAttribute('data-confirm')) || (form.getAttribute && form.getAttribute('data-confirm'));
      if (question && !window.confirm(question)) event.preventDefault();
    },
    true,
  );
})();

// The plan editor: autosave as versions, timeframe fields by kind, the PDF preview on demand.
(function () {
  var form = document.querySelector('form[data-autosave]');
  var statusBox = document.getElementById('save-status');
  function say(text) {
    if (statusBox) statusBox.textContent = text;
  }

  // Only the fields of the chosen way of writing a task's time are shown.
  function syncTimeframe(select) {
    var cell = select.closest('td') || select.parentNode;
    cell.querySelectorAll('[data-when]').forEach(function (el) {
      el.hidden = el.getAttribute('data-when').split(' ').indexOf(select.value) < 0;
    });
  }
  document.querySelectorAll('select[data-timeframe]').forEach(function (select) {
    syncTimeframe(select);
    select.addEventListener('change', function () {
      syncTimeframe(select);
    });
  });

  // Text areas grow with their text.
  function grow(area) {
    area.style.height = 'auto';
    area.style.height = area.scrollHeight + 2 + 'px';
  }
  document.querySelectorAll('textarea[data-grow]').forEach(function (area) {
    grow(area);
    area.addEventListener('input', function () {
      grow(area);
    });
  });

  // The preview is fetched only when opened, and again after each save while open.
  var preview = document.querySelector('details[data-preview]');
  function loadPreview() {
    if (!preview || !preview.open) return;
    preview.querySelector('iframe').src = preview.getAttribute('data-preview') + '?t=' + Date.now();
  }
  if (preview) preview.addEventListener('toggle', loadPreview);

  if (!form) return;
  var timer = null;
  var saving = null;
  var dirty = false;

  function showProblems(problems) {
    form.querySelectorAll('[data-error-for]').forEach(function (p) {
      p.hidden = true;
      p.textContent = '';
    });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) {
      el.removeAttribute('aria-invalid');
    });
    (problems || []).forEach(function (problem) {
      var box = form.querySelector('[data-error-for="' + CSS.escape(problem.field) + '"]');
      if (box && box.hidden) {
        box.hidden = false;
        box.textContent = problem.message;
      }
      var field = document.getElementById('f-' + problem.field);
      if (field) field.setAttribute('aria-invalid', 'true');
    });
  }

  function refreshCheck() {
    var panel = document.getElementById('check-panel');
    if (!panel) return;
    fetch(form.action.replace(/\/edit$/, '/check'), { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (html) panel.outerHTML = html;
      });
  }

  function save() {
    timer = null;
    var data = new URLSearchParams(new FormData(form));
    data.set('op', 'save');
    say('Đang lưu…');
    saving = fetch(form.action, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRF-Token': window.kehoach.csrf },
    })
      .then(function (r) {
        return r.json();
      })
      .then(function (body) {
        if (body.saved) {
          dirty = false;
          form.elements.baseVersion.value = body.version;
          document.querySelectorAll('[data-version]').forEach(function (el) {
            el.textContent = body.version;
          });
          say(body.changed ? 'Đã lưu tự động phiên bản ' + body.version : 'Đã lưu');
          showProblems([]);
          refreshCheck();
          loadPreview();
        } else {
          say(body.message || 'Chưa lưu được');
          showProblems(body.problems);
        }
      })
      .catch(function () {
        say('Mất kết nối: chưa lưu được, sẽ thử lại khi bạn sửa tiếp');
      })
      .then(function () {
        saving = null;
      });
  }

  form.addEventListener('input', function () {
    dirty = true;
    say('Có thay đổi chưa lưu');
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  form.addEventListener('change', function (event) {
    if (event.target.tagName === 'SELECT' || event.target.type === 'checkbox') form.dispatchEvent(new Event('input'));
  });

  // A button press posts the whole form: first let a running autosave finish (its new version is the base).
  form.addEventListener('submit', function (event) {
    if (event.defaultPrevented) return;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (saving) {
      event.preventDefault();
      var submitter = event.submitter;
      saving.then(function () {
        dirty = false;
        form.requestSubmit(submitter);
      });
      return;
    }
    dirty = false;
  });
  // Other forms of the page (submit for review) send what is typed first.
  window.kehoach.flushEditor = function () {
    if (timer) {
      clearTimeout(timer);
      save();
    }
    return (saving || Promise.resolve()).then(function () {
      dirty = false;
    });
  };
  document.querySelectorAll('form[data-after-save]').forEach(function (other) {
    other.addEventListener('submit', function (event) {
      if (!dirty && !timer && !saving) return;
      event.preventDefault();
      window.kehoach.flushEditor().then(function () {
        other.submit();
      });
    });
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // After an operation the page opens at what changed: put the focus in its first field.
  var focusId = form.getAttribute('data-focus') || (location.hash.indexOf('#el-') === 0 ? decodeURIComponent(location.hash.slice(1)) : '');
  if (focusId) {
    var target = document.getElementById(focusId);
    var first = target && target.querySelector('input:not([type=hidden]), textarea, select');
    if (first) first.focus({ preventScroll: false });
  }
})();

// After signature: follow numbering, issuance and distribution as they happen. The server draws
// the card again at each step (so the number and the PDF link come with it) and it is swapped in
// place: reloading the whole page would lose the reader's place and focus.
(function () {
  var card = document.querySelector('[data-progress]');
  if (!card) return;
  function finished(state) {
    return state === 'distributed' || state === 'cancelled';
  }
  function redraw() {
    return fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, 'text/html').querySelector('[data-progress]');
        if (!fresh) return;
        card.innerHTML = fresh.innerHTML;
        card.setAttribute('data-state', fresh.getAttribute('data-state'));
      });
  }
  function poll() {
    var shown = card.getAttribute('data-state');
    if (finished(shown)) return;
    fetch(card.getAttribute('data-progress'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json();
      })
      .then(function (view) {
        if (view.state !== shown) return redraw();
        var status = card.querySelector('[data-status]');
        if (status) status.textContent = 'Đang xử lý: ' + view.stateLabel + '…';
      })
      .then(function () {
        setTimeout(poll, 1500);
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, 1500);
})();

// The clerk's desk: the expected number follows the register chosen (each option carries it).
(function () {
  var select = document.getElementById('registerId');
  var shown = document.querySelector('[data-next-number]');
  if (!select || !shown) return;
  select.addEventListener('change', function () {
    shown.textContent = select.options[select.selectedIndex].getAttribute('data-number');
  });
})();

// Văn bản đến: the filter applies as soon as it changes (the button does it without JavaScript).
(function () {
  var form = document.querySelector('form[data-autosubmit]');
  if (!form) return;
  form.addEventListener('change', function () {
    form.requestSubmit();
  });
})();

// The distribution board, drawn by the server: while deliveries run, the board is fetched again
// and swapped in place (without JavaScript the page refreshes itself).
(function () {
  var board = document.getElementById('board');
  if (!board || !board.hasAttribute('data-live')) return;
  function refresh() {
    fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html) {
          setTimeout(refresh, 5000);
          return;
        }
        var next = new DOMParser().parseFromString(html, 'text/html');
        var fresh = next.getElementById('board');
        var state = next.getElementById('board-state');
        if (!fresh) return;
        board.innerHTML = fresh.innerHTML;
        if (state) document.getElementById('board-state').textContent = state.textContent;
        if (fresh.hasAttribute('data-live')) setTimeout(refresh, 1500);
        else board.removeAttribute('data-live');
      })
      .catch(function () {
        setTimeout(refresh, 5000);
      });
  }
  setTimeout(refresh, 1500);
})();

// The document preview is an A4 sheet: on a narrow screen it is scaled down to fit, as a PDF viewer would.
(function () {
  var frames = document.querySelectorAll('[data-fit-width]');
  if (!frames.length) return;
  function fit() {
    frames.forEach(function (frame) {
      var sheet = frame.firstElementChild;
      if (!sheet) return;
      sheet.style.zoom = '';
      var scale = frame.clientWidth / sheet.offsetWidth;
      if (scale < 1) sheet.style.zoom = String(scale);
    });
  }
  fit();
  window.addEventListener('resize', fit);
})();

// File forms (Nhập từ tệp, ảnh chữ ký, con dấu): the file goes as multipart; the CSRF token travels
// in a header, which a plain form cannot send. The answer is where to go, or the page with its problems.
(function () {
  Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), function (form) {
    var status = form.querySelector('[data-upload-status]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
      if (status) status.textContent = form.getAttribute('data-upload') || 'Đang gửi tệp…';
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
        b.disabled = true;
      });
      fetch(form.getAttribute('action'), {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': form.elements._csrf.value, 'X-Requested-With': 'fetch', Accept: 'text/html' },
      })
        .then(function (response) {
          if ((response.headers.get('Content-Type') || '').indexOf('application/json') === 0) {
            return response.json().then(function (body) {
              if (body.redirect) return void (window.location.href = body.redirect);
              // Refused before the page could answer (a file over the limit): say why, let them choose another.
              if (status) status.textContent = body.message || 'Không gửi được tệp.';
              Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
                b.disabled = false;
              });
            });
          }
          return response.text().then(function (html) {
            document.open();
            document.write(html);
            document.close();
          });
        })
        .catch(function () {
          if (status) status.textContent = 'Không gửi được tệp. Hãy thử lại.';
          Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
            b.disabled = false;
          });
        });
    });
  });
})();

// Kiểm tra văn bản: a PDF dropped on the zone is sent as the form would send it (the form works without this).
(function () {
  var form = document.querySelector('form[data-drop-zone]');
  if (!form) return;
  var zone = form.querySelector('.drop-zone');
  var input = form.querySelector('input[type=file]');
  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove('dragging');
    });
  });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    form.requestSubmit();
  });
})();
