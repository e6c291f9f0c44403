'use strict';
/* The tracker's (and the co-deployed claims module's) API, with the owner's token in localStorage. */
(function () {
  const BG = window.BG = window.BG || {};
  const KEY = 'owner.token';

  /** A failed call: HTTP status, the error record's code, details and message (English, never shown). */
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || ('HTTP ' + status));
      this.status = status;
      this.code = body && body.code;
      this.details = (body && body.details) || {};
      this.apiMessage = (body && body.message) || '';
    }
  }
  BG.ApiError = ApiError;

  BG.api = {
    token: localStorage.getItem(KEY),
    setToken(t) {
      BG.api.token = t;
      if (t) { localStorage.setItem(KEY, t); } else { localStorage.removeItem(KEY); }
    },
    /**
     * Calls the API. body: an object sent as JSON, or a Blob/File sent raw. Answers the parsed
     * JSON, or the Response itself for a non-JSON success (the certificate's SVG).
     */
    async call(method, path, body) {
      const headers = {};
      if (BG.api.token) { headers.Authorization = 'Bearer ' + BG.api.token; }
      let payload;
      if (body instanceof Blob) { payload = body; headers['Content-Type'] = body.type || 'application/octet-stream'; }
      else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
      let r;
      try { r = await fetch(path, { method, headers, body: payload }); } catch (e) {
        throw new ApiError(0, { code: 'network', message: String(e) });
      }
      const type = r.headers.get('Content-Type') || '';
      if (r.ok && r.status !== 204 && !type.includes('json')) { return r; }
      const text = await r.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
      if (!r.ok) {
        const err = new ApiError(r.status, json);
        if (r.status === 401 && !path.startsWith('/api/v1/auth/') && BG.api.token) {
          BG.api.setToken(null);
          if (BG.onLoggedOut) { BG.onLoggedOut(); }
        }
        throw err;
      }
      return json;
    },
    get(path) { return BG.api.call('GET', path); },
    post(path, body) { return BG.api.call('POST', path, body === undefined ? {} : body); },
  };

  /** HTML-escapes a value. */
  BG.esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  /** Fen as yuan with two decimals. */
  BG.yuan = (fen) => fen == null ? '—' : (fen / 100).toFixed(2);
  /** The Asia/Shanghai wall time of an ISO instant, "2026-11-24 10:00". */
  BG.time = (iso) => {
    if (!iso) { return '—'; }
    const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    return d.toISOString().slice(0, 16).replace('T', ' ');
  };
  /** Today's date in Asia/Shanghai plus days, "2026-11-24". */
  BG.shanghaiDay = (plusDays) => new Date(Date.now() + 8 * 3600 * 1000 + (plusDays || 0) * 86400000)
    .toISOString().slice(0, 10);
  /** A datetime-local value of Asia/Shanghai wall time, hours from now. */
  BG.shanghaiLocal = (plusHours) => new Date(Date.now() + (8 + (plusHours || 0)) * 3600 * 1000)
    .toISOString().slice(0, 16);
  /** A datetime-local value read as Asia/Shanghai wall time, as an ISO instant with offset. */
  BG.fromShanghai = (v) => v ? (v.length === 16 ? v + ':00' : v) + '+08:00' : null;
})();
