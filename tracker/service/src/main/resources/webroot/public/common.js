/* Shared by the public and the installer pages: languages (Simplified Chinese first, English
   switchable, kept in localStorage), a JSON fetch helper and HTML escaping. No framework. */
(function () {
  const BG = window.BG = window.BG || {};
  BG.dict = { zh: {}, en: {} };
  BG.lang = localStorage.getItem('bg.lang') === 'en' ? 'en' : 'zh';
  /** Adds a page's words: {zh: {...}, en: {...}}. */
  BG.words = (w) => { Object.assign(BG.dict.zh, w.zh); Object.assign(BG.dict.en, w.en); };
  BG.t = (key, vars) => {
    let s = BG.dict[BG.lang][key] || BG.dict.zh[key] || key;
    if (vars) { Object.keys(vars).forEach(k => { s = s.replace('{' + k + '}', vars[k]); }); }
    return s;
  };
  BG.onLang = [];
  /** Fills every [data-t] element's text and [data-tp] placeholder, sets <html lang>. */
  BG.applyLang = () => {
    document.documentElement.lang = BG.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-t]').forEach(e => { e.textContent = BG.t(e.dataset.t); });
    document.querySelectorAll('[data-tp]').forEach(e => { e.placeholder = BG.t(e.dataset.tp); });
    const title = document.querySelector('title[data-title]');
    if (title) { document.title = BG.t(title.dataset.title); }
    BG.onLang.forEach(f => f());
  };
  BG.setLang = (l) => { BG.lang = l === 'en' ? 'en' : 'zh'; localStorage.setItem('bg.lang', BG.lang); BG.applyLang(); };
  BG.esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  /** fetch with JSON in and out; throws an Error with .status, .code, .retryAfterS on 4xx/5xx. */
  BG.call = async (method, path, body, token) => {
    const headers = { Accept: 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!r.ok) {
      const err = new Error((json && json.message) || (r.status + ' ' + r.statusText));
      err.status = r.status;
      err.code = json && json.code;
      err.details = (json && json.details) || {};
      err.retryAfterS = err.details.retryAfterS || Number(r.headers.get('Retry-After')) || 0;
      throw err;
    }
    return json;
  };
  document.addEventListener('DOMContentLoaded', () => {
    const b = document.getElementById('lang');
    if (b) { b.addEventListener('click', () => BG.setLang(BG.lang === 'zh' ? 'en' : 'zh')); }
    BG.applyLang();
  });
})();
