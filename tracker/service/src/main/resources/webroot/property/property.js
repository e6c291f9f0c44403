/*
 * The property desk: e-bikes entering building entrances and lift lobbies, live. Reads the alert
 * stream (Server-Sent Events over fetch, so that it carries the bearer token) and reconnects from
 * the last alert seen.
 */
(function () {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const P = window.PR = { token: sessionStorage.getItem('pr.token'), last: 0, alerts: [] };

  P.show = function (a) {
    P.alerts.unshift(a);
    P.last = Math.max(P.last, a.id);
    $('empty').hidden = true;
    const at = new Date(new Date(a.at).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const row = document.createElement('tr');
    row.innerHTML = '<td>' + at + '</td><td>' + esc(a.zoneName) + '</td><td>' + esc(a.station) + '</td><td>'
      + esc(a.plate || '未登记') + '</td><td>' + esc(a.tag) + '</td>';
    $('alerts').tBodies[0].prepend(row);
  };

  P.connect = async function () {
    try {
      const first = await fetch('/api/v1/property/alerts?after=0&limit=50', { headers: { Authorization: 'Bearer ' + P.token } });
      if (first.status === 401 || first.status === 403) { P.logout(); return; }
      (await first.json()).alerts.forEach(P.show);
      const r = await fetch('/api/v1/property/alerts/stream?after=' + P.last, { headers: { Authorization: 'Bearer ' + P.token } });
      if (!r.ok) { throw new Error(String(r.status)); }
      $('live').textContent = '实时';
      const reader = r.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) { break; }
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').filter(l => l.startsWith('data: ')).map(l => l.slice(6)).join('\n');
          if (data) { P.show(JSON.parse(data)); }
        }
      }
    } catch (err) {
      // reconnect below
    }
    $('live').textContent = '重连中…';
    setTimeout(P.connect, 3000);
  };

  P.logout = function () {
    P.token = null;
    sessionStorage.removeItem('pr.token');
    $('app').hidden = true;
    $('login').hidden = false;
  };

  window.addEventListener('DOMContentLoaded', () => {
    $('login').onsubmit = async (e) => {
      e.preventDefault();
      const r = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: $('login-user').value, password: $('login-pass').value }) });
      if (!r.ok) { $('login-error').textContent = '登录失败'; return; }
      P.token = (await r.json()).token;
      sessionStorage.setItem('pr.token', P.token);
      $('login').hidden = true;
      $('app').hidden = false;
      P.connect();
    };
    if (P.token) { $('app').hidden = false; P.connect(); } else { P.logout(); }
  });
})();
