'use strict';
// Owner view: each claim's status, due date and what is still missing.
async function render() {
  const app = document.getElementById('app');
  try {
    const { claims } = await api('GET', '/api/v1/claims');
    if (claims.length === 0) { app.innerHTML = '<section><p class="muted">' + t('noClaims') + '</p></section>'; return; }
    app.innerHTML = claims.map((c) => {
      const missing = c.papers && c.papers.missing.length
        ? '<p><b>' + t('missing') + '：</b>' + c.papers.missing.map(t).join('、') + '</p>'
        : (c.papers ? '<p>' + t('nothingMissing') + '</p>' : '');
      const docs = ['approved', 'paid', 'returned', 'salvaged', 'settled'].includes(c.status)
        ? '<p><button data-pdf="/api/v1/claims/' + c.id + '/documents/settlement.pdf">' + t('settlement') + '</button>'
          + (c.type === 'theft' ? ' <button data-pdf="/api/v1/claims/' + c.id + '/documents/rights-transfer.pdf">'
            + t('rightsLetter') + '</button>' : '') + '</p>' : '';
      const sign = c.type === 'theft' && c.status === 'approved' && !c.rightsSignedAt
        ? '<p><button data-sign="/api/v1/claims/' + c.id + '/rights-transfer">' + t('rights') + '</button></p>' : '';
      return '<section><h2>#' + c.id + ' · ' + t(c.type) + ' · ' + t(c.status) + '</h2><p>'
        + (c.plate ? t('plate') + ' ' + esc(c.plate) + ' · ' : '') + t('payout') + ' ' + yuan(c.payoutFen)
        + ' · ' + t('due') + ' ' + esc(c.dueDate || '—') + (c.dueDateProvisional ? ' (' + t('provisional') + ')' : '')
        + '</p>' + missing + sign + docs + '</section>';
    }).join('');
  } catch (e) { app.innerHTML = '<section class="error">' + esc(e.message) + '</section>'; }
}
// buttons in the rendered claims (no inline handlers: the Content-Security-Policy forbids them)
document.getElementById('app').addEventListener('click', (ev) => {
  const b = ev.target.closest('button');
  if (!b) return;
  if (b.dataset.pdf) openPdf(b.dataset.pdf);
  else if (b.dataset.sign) api('POST', b.dataset.sign).then(render).catch((e) => alert(e.message));
});
applyI18n();
document.getElementById('lang').onclick = () => switchLang(render);
document.getElementById('logout').onclick = logout;
if (!token()) {
  document.getElementById('login').hidden = false;
  document.getElementById('loginForm').onsubmit = async (ev) => {
    ev.preventDefault();
    try { await login(ev.target.username.value, ev.target.password.value); location.reload(); } catch (e) {
      document.getElementById('loginError').textContent = e.message;
    }
  };
} else {
  document.getElementById('app').hidden = false;
  render();
}
