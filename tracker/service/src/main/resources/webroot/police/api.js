/* The tracker's HTTP API with the bearer token kept in sessionStorage. */
(function () {
  const BG = window.BG;
  BG.api = {
    token: sessionStorage.getItem('bg.token'),
    user: sessionStorage.getItem('bg.user'),
    async call(method, path, body) {
      const headers = {};
      if (BG.api.token) { headers.Authorization = 'Bearer ' + BG.api.token; }
      if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
      const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
      if (r.status === 401 && path !== '/api/v1/auth/token') { if (BG.session) { BG.session.expired(); } else { BG.logout(); } }
      if (!r.ok) {
        const err = new Error((json && json.message) || (r.status + ' ' + r.statusText));
        err.status = r.status;
        throw err;
      }
      return json;
    },
    get(path) { return BG.api.call('GET', path); },
    post(path, body) { return BG.api.call('POST', path, body); },
    async login(username, password) {
      const r = await BG.api.post('/api/v1/auth/token', { username, password });
      BG.api.token = r.token;
      BG.api.user = username;
      sessionStorage.setItem('bg.token', r.token);
      sessionStorage.setItem('bg.user', username);
    },
  };
  /** A datetime-local input's value as an ISO instant (the browser's zone), or null. */
  BG.iso = (v) => v ? new Date(v).toISOString() : null;
  /** An ISO instant as a datetime-local value in the browser's zone. */
  BG.local = (ms) => { const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000); return d.toISOString().slice(0, 16); };
  BG.download = (name, type, text) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  };
  BG.esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
})();
