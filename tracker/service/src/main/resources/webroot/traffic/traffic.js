/*
 * The traffic police console: the month's violations by kind, hour and intersection with the
 * six-month trend; pending appeals to decide; training enrolments with attendance and exam.
 * The bearer token is kept in sessionStorage. Months are calendar months of Asia/Shanghai.
 */
(function () {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const KINDS = { red_light: '闯红灯', wrong_way: '逆行', motor_lane: '占用机动车道' };
  const T = window.TR = { token: sessionStorage.getItem('tr.token'), loaded: 0, ready: false };

  T.call = async function (method, path, body) {
    const headers = {};
    if (T.token) { headers.Authorization = 'Bearer ' + T.token; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    const json = text ? JSON.parse(text) : null;
    if (r.status === 401 && path !== '/api/v1/auth/token') { T.logout(); }
    if (!r.ok) { throw new Error((json && json.message) || String(r.status)); }
    return json;
  };

  /** The current month in Asia/Shanghai as YYYY-MM. */
  T.thisMonth = function () {
    const d = new Date(Date.now() + 8 * 3600 * 1000);
    return d.toISOString().slice(0, 7);
  };
  T.shanghai = (iso) => new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

  T.logout = function () {
    T.token = null;
    sessionStorage.removeItem('tr.token');
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
  };

  T.login = async function (e) {
    e.preventDefault();
    try {
      const r = await T.call('POST', '/api/v1/auth/token', { username: $('login-user').value, password: $('login-pass').value });
      T.token = r.token;
      sessionStorage.setItem('tr.token', r.token);
      $('login-error').textContent = '';
      await T.start();
    } catch (err) {
      $('login-error').textContent = '登录失败：' + err.message;
    }
  };

  T.start = async function () {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    if (!$('month').value) { $('month').value = T.thisMonth(); }
    await T.load();
    T.ready = true;
  };

  T.load = async function () {
    const m = $('month').value || T.thisMonth();
    $('named-link').href = '/api/v1/public/named?month=' + encodeURIComponent(m);
    $('status').textContent = '加载中…';
    try {
      const [dash, appeals, training] = await Promise.all([
        T.call('GET', '/api/v1/traffic/dashboard?month=' + m),
        T.call('GET', '/api/v1/traffic/appeals?state=pending'),
        T.call('GET', '/api/v1/traffic/training?month=' + m),
      ]);
      T.dash = dash; T.appeals = appeals.appeals; T.training = training.enrolments;
      T.renderDash(dash);
      T.renderAppeals(T.appeals);
      T.renderTraining(T.training);
      $('status').textContent = '';
      T.loaded++;
    } catch (err) {
      $('status').textContent = '加载失败：' + err.message;
    }
  };

  T.renderDash = function (d) {
    $('dash-empty').hidden = d.total > 0;
    $('dash-body').hidden = d.total === 0 && d.trend.every(t => t.count === 0);
    $('dash-total').textContent = d.total;
    $('by-kind').tBodies[0].innerHTML = Object.keys(KINDS)
      .map(k => '<tr><td>' + KINDS[k] + '</td><td>' + (d.byKind[k] || 0) + '</td></tr>').join('');
    const max = Math.max(1, ...d.byHour);
    const bars = $('by-hour');
    bars.textContent = '';
    d.byHour.forEach((n, h) => {
      const bar = document.createElement('div');
      bar.style.height = Math.round(100 * n / max) + '%';
      bar.title = h + ' 时：' + n + ' 起';
      const label = document.createElement('span');
      label.textContent = h;
      bar.appendChild(label);
      bars.appendChild(bar);
    });
    $('by-intersection').tBodies[0].innerHTML = d.byIntersection
      .map(r => '<tr><td>' + esc(r.intersection) + '</td><td>' + r.count + '</td></tr>').join('');
    $('trend').tBodies[0].innerHTML = d.trend.map((t, i) => {
      const prev = i > 0 ? d.trend[i - 1].count : null;
      let change = '';
      if (prev) {
        const pct = Math.round(100 * (t.count - prev) / prev);
        change = '<span class="' + (pct > 0 ? 'up' : 'down') + '">' + (pct > 0 ? '+' : '') + pct + '%</span>';
      }
      return '<tr><td>' + esc(t.month) + '</td><td>' + t.count + '</td><td>' + change + '</td></tr>';
    }).join('');
  };

  T.renderAppeals = function (list) {
    $('appeal-count').textContent = list.length;
    $('appeals-empty').hidden = list.length > 0;
    $('appeals').hidden = list.length === 0;
    $('appeals').tBodies[0].innerHTML = list.map(a => '<tr data-id="' + a.violation + '"><td>' + a.violation
      + '</td><td>' + esc(a.plate) + '</td><td>' + esc(KINDS[a.kind] || a.kind) + '</td><td>' + esc(a.intersection)
      + '</td><td>' + T.shanghai(a.at) + '</td><td>' + esc(a.reason) + '</td><td>'
      + '<input class="note" placeholder="处理意见"> <button data-act="upheld">维持处罚</button> '
      + '<button data-act="cancelled">撤销</button></td></tr>').join('');
  };

  T.decide = async function (id, decision, note) {
    await T.call('POST', '/api/v1/traffic/appeals/' + id + '/decision', { decision, note });
    await T.load();
  };

  T.renderTraining = function (list) {
    $('training-empty').hidden = list.length > 0;
    $('training').hidden = list.length === 0;
    $('training').tBodies[0].innerHTML = list.map(e => '<tr data-id="' + e.id + '"><td>' + esc(e.plate) + '</td><td>'
      + esc(e.owner) + '</td><td>' + esc(e.phone) + '</td><td>' + e.violations + '</td>'
      + e.attended.map((a, i) => '<td><input type="checkbox" data-s="' + i + '"' + (a ? ' checked' : '') + '></td>').join('')
      + '<td><select class="exam"><option value="">未考</option><option value="passed"' + (e.exam === 'passed' ? ' selected' : '')
      + '>合格</option><option value="failed"' + (e.exam === 'failed' ? ' selected' : '') + '>不合格</option></select></td>'
      + '<td><button data-act="save">保存</button></td></tr>').join('');
  };

  T.saveTraining = async function (row) {
    const attended = [...row.querySelectorAll('input[type=checkbox]')].map(c => c.checked);
    const exam = row.querySelector('select.exam').value || null;
    await T.call('PUT', '/api/v1/traffic/training/' + row.dataset.id, { attended, exam });
    await T.load();
  };

  window.addEventListener('DOMContentLoaded', () => {
    $('login').onsubmit = T.login;
    $('logout').onclick = T.logout;
    $('reload').onclick = () => T.load();
    $('month').onchange = () => T.load();
    document.querySelectorAll('#tabs button').forEach(b => {
      b.onclick = () => {
        document.querySelectorAll('#tabs button').forEach(x => x.classList.toggle('active', x === b));
        document.querySelectorAll('.tab').forEach(s => { s.hidden = s.id !== 'tab-' + b.dataset.tab; });
      };
    });
    $('appeals').onclick = (e) => {
      const act = e.target.dataset && e.target.dataset.act;
      if (!act) { return; }
      const row = e.target.closest('tr');
      T.decide(row.dataset.id, act, row.querySelector('input.note').value)
        .catch(err => { $('status').textContent = '处理失败：' + err.message; });
    };
    $('training').onclick = (e) => {
      if (e.target.dataset && e.target.dataset.act === 'save') {
        T.saveTraining(e.target.closest('tr')).catch(err => { $('status').textContent = '保存失败：' + err.message; });
      }
    };
    if (T.token) { T.start(); } else { T.logout(); }
  });
})();
