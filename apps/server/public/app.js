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

  // Destructive forms and buttons ask first (in the capture phase, before other submit handlers).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = (event.submitter && event.submitter.getAttribute('data-confirm')) || (form.getAttribute && form.getAttribute('data-confirm'));
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();

// The plan editor: autosave as versions, timeframe fields by kind, the PDF preview on demand.
(function () {
  var form = document.querySelector('form[data-autosave]');
  var statusBox = document.getElementById('save-status');
  function say(text) { if (statusBox) statusBox.textContent = text; }

  // Only the fields of the chosen way of writing a task's time are shown.
  function syncTimeframe(select) {
    var cell = select.closest('td') || select.parentNode;
    cell.querySelectorAll('[data-when]').forEach(function (el) {
      el.hidden = el.getAttribute('data-when').split(' ').indexOf(select.value) < 0;
    });
  }
  document.querySelectorAll('select[data-timeframe]').forEach(function (select) {
    syncTimeframe(select);
    select.addEventListener('change', function () { syncTimeframe(select); });
  });

  // Text areas grow with their text.
  function grow(area) { area.style.height = 'auto'; area.style.height = area.scrollHeight + 2 + 'px'; }
  document.querySelectorAll('textarea[data-grow]').forEach(function (area) {
    grow(area);
    area.addEventListener('input', function () { grow(area); });
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
    form.querySelectorAll('[data-error-for]').forEach(function (p) { p.hidden = true; p.textContent = ''; });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    (problems || []).forEach(function (problem) {
      var box = form.querySelector('[data-error-for="' + CSS.escape(problem.field) + '"]');
      if (box && box.hidden) { box.hidden = false; box.textContent = problem.message; }
      var field = document.getElementById('f-' + problem.field);
      if (field) field.setAttribute('aria-invalid', 'true');
    });
  }

  function refreshCheck() {
    var panel = document.getElementById('check-panel');
    if (!panel) return;
    fetch(form.action.replace(/\/edit$/, '/check'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) panel.outerHTML = html; });
  }

  function save() {
    timer = null;
    var data = new URLSearchParams(new FormData(form));
    data.set('op', 'save');
    say('Đang lưu…');
    saving = fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-CSRF-Token': window.kehoach.csrf } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.saved) {
          dirty = false;
          form.elements.baseVersion.value = body.version;
          document.querySelectorAll('[data-version]').forEach(function (el) { el.textContent = body.version; });
          say(body.changed ? 'Đã lưu tự động phiên bản ' + body.version : 'Đã lưu');
          showProblems([]);
          refreshCheck();
          loadPreview();
        } else {
          say(body.message || 'Chưa lưu được');
          showProblems(body.problems);
        }
      })
      .catch(function () { say('Mất kết nối: chưa lưu được, sẽ thử lại khi bạn sửa tiếp'); })
      .then(function () { saving = null; });
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
    if (timer) { clearTimeout(timer); timer = null; }
    if (saving) {
      event.preventDefault();
      var submitter = event.submitter;
      saving.then(function () { dirty = false; form.requestSubmit(submitter); });
      return;
    }
    dirty = false;
  });
  // Other forms of the page (submit for review) send what is typed first.
  window.kehoach.flushEditor = function () {
    if (timer) { clearTimeout(timer); save(); }
    return (saving || Promise.resolve()).then(function () { dirty = false; });
  };
  document.querySelectorAll('form[data-after-save]').forEach(function (other) {
    other.addEventListener('submit', function (event) {
      if (!dirty && !timer && !saving) return;
      event.preventDefault();
      window.kehoach.flushEditor().then(function () { other.submit(); });
    });
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ''; }
  });

  // After an operation the page opens at what changed: put the focus in its first field.
  var focusId = form.getAttribute('data-focus') || (location.hash.indexOf('#el-') === 0 ? decodeURIComponent(location.hash.slice(1)) : '');
  if (focusId) {
    var target = document.getElementById(focusId);
    var first = target && target.querySelector('input:not([type=hidden]), textarea, select');
    if (first) first.focus({ preventScroll: false });
  }
})();

// After signature: follow numbering, issuance and distribution as they happen (the page is
// drawn again by the server at each step, so the number and the PDF link come with it).
(function () {
  var card = document.querySelector('[data-progress]');
  if (!card) return;
  var shown = card.getAttribute('data-state');
  var status = card.querySelector('[data-status]');
  if (shown === 'distributed' || shown === 'cancelled') return;
  function poll() {
    fetch(card.getAttribute('data-progress'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (view) {
        if (view.state !== shown) { location.reload(); return; }
        status.textContent = 'Đang xử lý: ' + view.stateLabel + '…';
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1500);
})();

// Shared by the pages the script draws: Vietnamese dates and small DOM helpers.
(function () {
  var k = window.kehoach;
  k.viDateTime = function (value) {
    if (!value) return '';
    var d = new Date(value);
    var parts = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
    var get = function (type) { return (parts.find(function (p) { return p.type === type; }) || {}).value; };
    return get('day') + '/' + get('month') + '/' + get('year') + ' ' + get('hour') + ':' + get('minute');
  };
  k.viDate = function (iso) {
    if (!iso) return '';
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? m[3] + '/' + m[2] + '/' + m[1] : k.viDateTime(iso).slice(0, 10);
  };
  k.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  };
})();

// Văn bản đến: list, acknowledge, report handling, open the PDF and the child plan.
(function () {
  var list = document.getElementById('incoming-list');
  if (!list) return;
  var k = window.kehoach;
  var el = k.el;
  var labels = JSON.parse(list.getAttribute('data-labels') || '{}');
  var drafts = list.getAttribute('data-drafts') === 'true';
  var status = document.getElementById('incoming-status');
  var count = document.getElementById('incoming-count');
  var org = document.getElementById('in-org');
  var unack = document.getElementById('in-unack');

  function childLink(doc, holder) {
    k.fetchJson('/api/plans/' + doc.planId + '/children', { method: 'GET' }).then(function (res) {
      if (res.status !== 200) return;
      var mine = res.body.filter(function (c) { return c.organization.id === doc.organizationId; })[0];
      if (!mine) return;
      holder.appendChild(el('a', { href: '/plans/' + mine.id + (drafts && mine.state === 'draft' ? '/edit' : ''), class: 'button', text: 'Kế hoạch triển khai của đơn vị' + (mine.dueDate ? ' (hạn ' + k.viDate(mine.dueDate) + ')' : '') }));
    });
  }

  function row(doc) {
    var actions = el('div', { class: 'incoming-actions' }, [el('a', { href: '/api/plans/' + doc.planId + '/pdf', target: '_blank', rel: 'noopener', class: 'button', text: 'Mở bản PDF' })]);
    if (!doc.acknowledgedAt) {
      var ack = el('button', { type: 'button', class: 'primary', text: 'Xác nhận đã nhận' });
      ack.addEventListener('click', function () {
        ack.disabled = true;
        k.fetchJson('/api/incoming/' + doc.id + '/acknowledge', { method: 'POST', body: '{}' }).then(function (res) {
          status.textContent = res.status === 200 ? 'Đã xác nhận đã nhận văn bản ' + (doc.numberSymbol || '') + '.' : 'Không xác nhận được: ' + (res.body.message || res.status);
          load();
        });
      });
      actions.appendChild(ack);
    }
    if (doc.allowedStatuses.length) {
      var form = el('form', { class: 'handling' });
      var select = el('select', { id: 'st-' + doc.id, name: 'status' }, doc.allowedStatuses.map(function (s) { return el('option', { value: s, text: labels[s] || s }); }));
      var note = el('input', { id: 'note-' + doc.id, name: 'note', placeholder: 'Ghi chú (giao cho ai, lý do...)' });
      form.appendChild(el('label', { for: 'st-' + doc.id, class: 'small', text: 'Báo cáo xử lý' }));
      form.appendChild(select);
      form.appendChild(el('label', { for: 'note-' + doc.id, class: 'sr-only', text: 'Ghi chú xử lý' }));
      form.appendChild(note);
      form.appendChild(el('button', { type: 'submit', text: 'Gửi báo cáo' }));
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = { status: select.value };
        if (note.value.trim()) body.note = note.value.trim();
        k.fetchJson('/api/incoming/' + doc.id + '/status', { method: 'POST', body: JSON.stringify(body) }).then(function (res) {
          status.textContent = res.status === 200 ? 'Đã báo cáo: ' + (labels[select.value] || select.value) + '.' : 'Không báo cáo được: ' + (res.body.message || res.status);
          load();
        });
      });
      actions.appendChild(form);
    }
    var item = el('li', { class: 'card incoming' + (doc.acknowledgedAt ? '' : ' unacknowledged'), id: 'in-' + doc.id }, [
      el('h2', { class: 'incoming-title' }, [doc.documentTypeName + (doc.numberSymbol ? ' số ' + doc.numberSymbol : '') + ': ', el('span', { class: 'normal', text: doc.summary })]),
      el('p', { class: 'small', text: 'Nơi gửi: ' + doc.senderName + ' · nhận lúc ' + k.viDateTime(doc.receivedAt) + (doc.issuedOn ? ' · ngày văn bản ' + k.viDate(doc.issuedOn) : '') }),
      el('p', { class: 'small' }, [
        el('span', { class: 'badge ' + (doc.acknowledgedAt ? 'badge-ok' : 'badge-warn'), text: doc.acknowledgedAt ? 'Đã xác nhận ' + k.viDateTime(doc.acknowledgedAt) : 'Chưa xác nhận' }),
        ' ',
        el('span', { class: 'badge', text: 'Xử lý: ' + doc.handlingStatusLabel }),
        doc.handlingNote ? ' ' + doc.handlingNote : '',
      ]),
      actions,
    ]);
    childLink(doc, actions);
    return item;
  }

  function load() {
    var query = new URLSearchParams();
    if (org.value) query.set('organizationId', org.value);
    if (unack.checked) query.set('unacknowledged', 'true');
    k.fetchJson('/api/incoming?' + query, { method: 'GET' }).then(function (res) {
      list.textContent = '';
      if (res.status !== 200) { count.textContent = 'Không tải được văn bản đến: ' + (res.body.message || res.status); return; }
      res.body.items.forEach(function (doc) { list.appendChild(row(doc)); });
      var waiting = res.body.items.filter(function (d) { return !d.acknowledgedAt; }).length;
      count.textContent = res.body.total + ' văn bản đến' + (waiting ? ', ' + waiting + ' chưa xác nhận' : '') + '.';
    });
  }
  org.addEventListener('change', load);
  unack.addEventListener('change', load);
  // The filters apply as they change: the form itself never submits.
  var filter = document.getElementById('incoming-filter');
  if (filter) filter.addEventListener('submit', function (event) { event.preventDefault(); });
  load();
})();

// The distribution board: each recipient's deliveries, live while distribution runs, with resend.
(function () {
  var board = document.getElementById('board');
  if (!board) return;
  var k = window.kehoach;
  var el = k.el;
  var planId = board.getAttribute('data-plan');
  var rows = document.getElementById('board-rows');
  var counts = document.getElementById('board-counts');
  var bar = board.querySelector('[role=progressbar]');
  var timer = null;

  function draw(data) {
    var c = data.counts;
    bar.setAttribute('aria-valuenow', String(c.percent));
    bar.querySelector('span').style.width = c.percent + '%';
    counts.textContent = 'Đã xong ' + c.ended + '/' + c.total + ' (' + c.percent + '%): đã đến ' + c.delivered + ', đã xác nhận ' + c.acknowledged + ', đang chờ ' + c.queued + ', đã gửi ' + c.sent + ', lỗi đang thử lại ' + c.failed + ', hỏng hẳn ' + c.dead + '.';
    rows.textContent = '';
    data.recipients.forEach(function (r) {
      if (!r.deliveries.length) {
        rows.appendChild(el('tr', {}, [el('th', { scope: 'row', text: r.name }), el('td', { colspan: '5', class: 'muted', text: r.paperOnly ? 'Gửi bản giấy' : 'Không gửi' })]));
        return;
      }
      r.deliveries.forEach(function (d, i) {
        var tools = el('td', {});
        if (d.canResend) {
          var button = el('button', { type: 'button', class: 'small-button', text: 'Gửi lại', 'aria-label': 'Gửi lại cho ' + r.name + ' qua ' + d.channelLabel });
          button.addEventListener('click', function () {
            button.disabled = true;
            k.fetchJson('/api/deliveries/' + d.id + '/resend', { method: 'POST', body: '{}' }).then(function (res) {
              counts.textContent = res.status === 200 ? 'Đã xếp lịch gửi lại cho ' + r.name + '.' : 'Không gửi lại được: ' + (res.body.message || res.status);
              refresh();
            });
          });
          tools.appendChild(button);
        }
        rows.appendChild(el('tr', { class: 'delivery status-' + d.status }, [
          i === 0 ? el('th', { scope: 'row', rowspan: String(r.deliveries.length), text: r.name }) : null,
          el('td', { text: d.channelLabel + (d.target ? ' (' + d.target + ')' : '') }),
          el('td', {}, [el('span', { class: 'badge ' + ({ delivered: 'badge-ok', acknowledged: 'badge-ok', failed: 'badge-warn', dead: 'badge-err' }[d.status] || ''), text: d.statusLabel })]),
          el('td', { text: String(d.attempts) }),
          el('td', { class: 'small', text: (d.lastError || '') + (d.nextAttemptAt && d.status === 'failed' ? ' · thử lại lúc ' + k.viDateTime(d.nextAttemptAt) : '') + (d.acknowledgedAt ? 'Xác nhận lúc ' + k.viDateTime(d.acknowledgedAt) : '') }),
          tools,
        ]));
      });
    });
    return c.total > 0 && c.ended === c.total;
  }

  function refresh() {
    if (timer) clearTimeout(timer);
    k.fetchJson('/api/plans/' + planId + '/deliveries', { method: 'GET' }).then(function (res) {
      if (res.status !== 200) { counts.textContent = 'Không tải được: ' + (res.body.message || res.status); return; }
      var done = draw(res.body);
      timer = setTimeout(refresh, done ? 10000 : 1500);
    });
  }
  refresh();
})();

// Nhập từ tệp: the file goes as multipart; the CSRF token travels in a header, which a plain form cannot send.
(function () {
  var form = document.getElementById('import-form');
  if (!form) return;
  var status = document.getElementById('import-status');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
    status.textContent = 'Đang đọc tệp…';
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = true; });
    fetch(form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-CSRF-Token': form.elements._csrf.value, 'X-Requested-With': 'fetch', Accept: 'text/html' } })
      .then(function (response) {
        if ((response.headers.get('Content-Type') || '').indexOf('application/json') === 0) {
          return response.json().then(function (body) { window.location.href = body.redirect; });
        }
        return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
      })
      .catch(function () {
        status.textContent = 'Không gửi được tệp. Hãy thử lại.';
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
      });
  });
})();
