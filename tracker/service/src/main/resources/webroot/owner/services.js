'use strict';
/* The owner's cover and claims views (the claims module's API on the same port) and payment orders. */
(function () {
  const BG = window.BG;
  const t = BG.t;
  const esc = BG.esc;
  const KINDS = { 'anti-theft': 'antiTheft', liability: 'liability' };

  /** The latest version of each product, by kind. */
  function latest(products) {
    const out = {};
    products.forEach((p) => { if (!out[p.product] || out[p.product].version < p.version) { out[p.product] = p; } });
    return out;
  }

  BG.views.cover = async (el) => {
    let products;
    try {
      products = latest((await BG.api.get('/api/v1/products')).products || []);
    } catch (e) {
      if (e.status === 404) { el.innerHTML = '<section>' + BG.empty('coverUnavailable') + '</section>'; return; }
      throw e;
    }
    const [bikes, policies, orders] = await Promise.all([BG.myBikes(), BG.api.get('/api/v1/policies'), BG.api.get('/api/v1/me/payments')]);
    const usable = BG.active(bikes);
    const plates = Object.fromEntries(bikes.map((b) => [b.id, b.plate]));
    const list = policies.policies || [];
    el.innerHTML = '<section><h2>' + esc(t('coverTitle')) + '</h2>' + (usable.length === 0 ? '<p class="muted">' + esc(t('noRegisteredBike')) + '</p>'
      : '<form id="buyForm"><label><span>' + esc(t('bike')) + '</span><select name="bikeId">' + BG.bikeOptions(usable) + '</select></label>'
        + Object.keys(KINDS).filter((k) => products[k]).map((k, i) => '<label class="choice"><input type="radio" name="product" value="' + k + '"'
          + (i === 0 ? ' checked' : '') + '> <b>' + esc(t(KINDS[k])) + '</b> ' + esc(t('priceTerm', { price: BG.yuan(products[k].priceFen),
            years: products[k].termYears })) + (products[k].waitingDays ? ' · ' + esc(t('waiting', { days: products[k].waitingDays })) : '')
          + '</label>').join('') + '<button type="submit" class="primary">' + esc(t('buy')) + '</button><p class="error" role="alert"></p></form>')
      + '</section><section id="policies"><h2>' + esc(t('myPolicies')) + '</h2>' + (list.length === 0 ? BG.empty('noPolicies')
        : list.map((p) => '<div class="card policy"><h3>' + esc(t(KINDS[p.product] || p.product)) + ' · ' + esc(plates[p.bikeId] || '') + ' '
          + BG.badge(p.status === 'pending' ? 'scheduled' : p.status) + '</h3><p class="muted">' + esc(t('period')) + ' ' + esc(p.start) + ' – ' + esc(p.end) + ' · '
          + BG.yuan(p.premiumFen) + ' 元</p></div>').join('')) + '</section><section id="orders"><h2>' + esc(t('myOrders')) + '</h2>'
      + (orders.length === 0 ? BG.empty('noOrders') : orders.map((o) => '<div class="card order"><h3>' + esc(t('reference')) + ' ' + esc(o.reference)
        + ' ' + BG.badge(o.status) + '</h3><p class="muted">' + esc(t(KINDS[o.product] || o.product)) + ' · ' + esc(plates[o.bikeId] || '')
        + ' · ' + BG.yuan(o.amountFen) + ' 元 · ' + esc(BG.time(o.createdAt)) + '</p></div>').join('')) + '</section>';
    BG.onSubmit(el, '#buyForm', async (f) => {
      const bikeId = Number(f.bikeId.value);
      const product = f.querySelector('input[name=product]:checked').value;
      const policy = await BG.api.post('/api/v1/policies', { bikeId, product });
      const order = await BG.api.post('/api/v1/me/payments', { bikeId, product, amountFen: policy.premiumFen, policyId: policy.id });
      await BG.doneWith(t('bought') + ' ' + order.instructions);
    });
  };

  /** Uploads the files of a form's photo input to a claim; answers how many. */
  async function upload(claimId, input) {
    const files = Array.from(input.files || []);
    for (const file of files) {
      await BG.api.call('POST', '/api/v1/claims/' + claimId + '/attachments?name=' + encodeURIComponent(file.name), file);
    }
    return files.length;
  }
  BG.uploadPhotos = upload;

  BG.views.claims = async (el) => {
    let claims;
    try {
      claims = (await BG.api.get('/api/v1/claims')).claims || [];
    } catch (e) {
      if (e.status === 404) { el.innerHTML = '<section>' + BG.empty('coverUnavailable') + '</section>'; return; }
      throw e;
    }
    const [cases, policies] = await Promise.all([BG.api.get('/api/v1/me/thefts'), BG.api.get('/api/v1/policies')]);
    const theftCases = (Array.isArray(cases) ? cases : []).filter((c) => c.status === 'reported' || c.status === 'confirmed');
    const liability = (policies.policies || []).filter((p) => p.product === 'liability' && p.status === 'active');
    const photos = '<label><span>' + esc(t('photos')) + '</span><input name="photos" type="file" accept="image/*" multiple></label>';
    el.innerHTML = '<section><h2>' + esc(t('theftClaim')) + '</h2>' + (theftCases.length === 0 ? '<p class="muted">' + esc(t('noTheftCases')) + '</p>'
      : '<form id="theftClaimForm"><label><span>' + esc(t('theftCase')) + '</span><select name="theftCaseId">' + theftCases.map((c) => '<option value="'
        + c.id + '">' + esc(c.plate || '') + ' · ' + esc(BG.time(c.stolenAt)) + (c.caseNo ? ' · ' + esc(c.caseNo) : '') + '</option>').join('')
        + '</select></label>' + photos + '<button type="submit" class="primary">' + esc(t('fileClaim')) + '</button><p class="error" role="alert"></p></form>')
      + '</section><section><h2>' + esc(t('liabilityClaim')) + '</h2>' + (liability.length === 0 ? '<p class="muted">' + esc(t('noLiabilityPolicy')) + '</p>'
        : '<form id="liabilityForm"><label><span>' + esc(t('policy')) + '</span><select name="policyId">' + liability.map((p) => '<option value="'
          + p.id + '">#' + p.id + ' · ' + esc(p.start) + ' – ' + esc(p.end) + '</option>').join('') + '</select></label><label><span>'
          + esc(t('occurredAt')) + '</span><input name="occurredAt" type="datetime-local" required value="' + BG.shanghaiLocal(-1) + '"></label>'
          + '<label><span>' + esc(t('place')) + '</span><input name="place" maxlength="200" required></label><label><span>' + esc(t('damage'))
          + '</span><textarea name="damage" maxlength="1000" required></textarea></label>' + photos
          + '<button type="submit" class="primary">' + esc(t('fileClaim')) + '</button><p class="error" role="alert"></p></form>')
      + '</section><section id="myClaims"><h2>' + esc(t('myClaims')) + '</h2>' + (claims.length === 0 ? BG.empty('noClaims') : claims.map(claimCard).join(''))
      + '</section>';
    BG.onSubmit(el, '#theftClaimForm', async (f) => {
      const r = await BG.api.post('/api/v1/claims', { type: 'theft', theftCaseId: String(f.theftCaseId.value) });
      const n = await upload(r.id, f.photos);
      await BG.doneWith(t('claimFiled', { id: r.id }) + (n ? ' ' + t('photosUploaded', { n }) : ''));
    });
    BG.onSubmit(el, '#liabilityForm', async (f) => {
      const r = await BG.api.post('/api/v1/claims', { type: 'liability', policyId: String(f.policyId.value),
        occurredAt: BG.fromShanghai(f.occurredAt.value), place: f.place.value, damage: f.damage.value, parties: [] });
      const n = await upload(r.id, f.photos);
      await BG.doneWith(t('claimFiled', { id: r.id }) + (n ? ' ' + t('photosUploaded', { n }) : ''));
    });
    BG.onSubmit(el, 'form.photos', async (f) => {
      const n = await upload(f.dataset.claim, f.photos);
      f.querySelector('.ok').textContent = t('photosUploaded', { n });
    });
    // the owner's own signature of the rights transfer: enabled once "I have read and agree" is ticked
    el.querySelectorAll('form.rights').forEach((f) => f.agree.addEventListener('change', () => { f.sign.disabled = !f.agree.checked; }));
    BG.onSubmit(el, 'form.rights', async (f) => {
      await BG.api.post('/api/v1/claims/' + f.dataset.claim + '/rights-transfer');
      await BG.doneWith(t('rightsDone'));
    });
    el.querySelectorAll('button[data-doc]').forEach((b) => b.addEventListener('click', () => openDoc(b)));
  };

  /**
   * Fetches a letter with the owner's token (a link cannot send it) and opens it as a blob: URL; the
   * window is opened at the tap, before the fetch, so a phone's popup blocker lets it through.
   */
  async function openDoc(b) {
    const w = window.open('', '_blank');
    const err = b.parentNode.querySelector('.error');
    err.textContent = '';
    try {
      const r = await BG.api.call('GET', b.dataset.doc);
      const url = URL.createObjectURL(await r.blob());
      if (w) { w.location.href = url; } else { location.href = url; }
    } catch (e) {
      if (w) { w.close(); }
      err.textContent = e instanceof BG.ApiError ? BG.errorText(e) : String(e);
    }
  }

  /** The rights transfer of a theft claim: to sign while approved and unsigned, else when it was signed. */
  function rights(c) {
    if (c.type !== 'theft') { return ''; }
    if (c.rightsSignedAt) { return '<p class="ok signed">' + esc(t('rightsSigned')) + '：' + esc(BG.time(c.rightsSignedAt)) + '</p>'; }
    if (c.status !== 'approved') { return ''; }
    return '<form class="rights" data-claim="' + c.id + '"><h4>' + esc(t('rightsTitle')) + '</h4><p class="muted">' + esc(t('rightsText'))
      + '</p><label class="agree"><input type="checkbox" name="agree"> ' + esc(t('rightsAgree')) + '</label><button type="submit" name="sign"'
      + ' class="primary" disabled>' + esc(t('signRights')) + '</button><p class="error" role="alert"></p></form>';
  }

  /** The letters the owner may fetch: acknowledgement; denial once denied; settlement notice (and rights letter) once approved. */
  function letters(c) {
    const base = '/api/v1/claims/' + c.id + '/documents/';
    const docs = [['acknowledgement.pdf', 'ackLetter']];
    if (c.status === 'denied') { docs.push(['denial.pdf', 'denialLetter']); }
    if (['approved', 'paid', 'returned', 'salvaged', 'settled'].includes(c.status)) {
      docs.push(['settlement.pdf', 'settlementLetter']);
      if (c.type === 'theft') { docs.push(['rights-transfer.pdf', 'rightsLetter']); }
    }
    return '<div class="actions letters">' + docs.map(([f, k]) => '<button type="button" data-doc="' + base + f + '">' + esc(t(k))
      + '</button>').join('') + '<p class="error" role="alert"></p></div>';
  }

  function claimCard(c) {
    const missing = c.papers && c.papers.missing && c.papers.missing.length
      ? '<p><b>' + esc(t('missing')) + '：</b>' + c.papers.missing.map((m) => esc(t(m))).join('、') + '</p>'
      : (c.papers ? '<p class="muted">' + esc(t('nothingMissing')) + '</p>' : '');
    return '<div class="card claim" data-claim="' + c.id + '"><h3>#' + c.id + ' · ' + esc(t(c.type === 'theft' ? 'theft' : 'liability')) + ' '
      + BG.badge(c.status) + '</h3><p class="muted">' + (c.plate ? esc(t('plate')) + ' ' + esc(c.plate) + ' · ' : '') + esc(t('payout')) + ' '
      + BG.yuan(c.payoutFen) + ' 元 · ' + esc(t('due')) + ' ' + esc(c.dueDate || '—') + (c.dueDateProvisional ? ' (' + esc(t('provisional')) + ')' : '')
      + '</p>' + missing + rights(c) + letters(c) + '<form class="photos" data-claim="' + c.id + '"><label><span>' + esc(t('addPhotos')) + '</span><input name="photos" type="file" accept="image/*" multiple required></label>'
      + '<button type="submit">' + esc(t('addPhotos')) + '</button><p class="error" role="alert"></p><p class="ok"></p></form></div>';
  }
})();
