'use strict';
/* The owner's registry views: bikes and certificate, theft reports, transfer, replacements, bookings, violations. */
(function () {
  const BG = window.BG;
  const t = BG.t;
  const esc = BG.esc;
  BG.views = {};

  /** Wires a form: its submit runs work(form); errors and success texts go to the form's .error / .ok. */
  BG.onSubmit = (root, selector, work) => {
    root.querySelectorAll(selector).forEach((f) => f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const err = f.querySelector('.error');
      const button = f.querySelector('button[type=submit]');
      if (err) { err.textContent = ''; }
      if (button) { button.disabled = true; }
      try {
        await work(f);
      } catch (e) {
        if (err) { err.textContent = e instanceof BG.ApiError ? BG.errorText(e) : String(e); }
      } finally {
        if (button) { button.disabled = false; }
      }
    }));
  };
  /** Re-renders the view and shows a success text at its top. */
  BG.doneWith = async (text) => {
    await BG.render();
    const el = document.getElementById('view');
    el.insertAdjacentHTML('afterbegin', '<section class="ok" role="status">' + esc(text) + '</section>');
  };
  BG.empty = (key) => '<p class="empty">' + esc(t(key)) + '</p>';
  /** A status badge; label: the text key when the status word differs by context (e.g. pending). */
  BG.badge = (status, label) => '<span class="badge ' + esc(status) + '">' + esc(t(label || status)) + '</span>';
  BG.bikeOptions = (bikes) => bikes.map((b) => '<option value="' + b.id + '">' + esc(b.plate) + ' · '
    + esc(b.brand || '') + '</option>').join('');
  BG.myBikes = async () => BG.api.get('/api/v1/me/bikes');
  BG.active = (bikes) => bikes.filter((b) => b.status === 'registered');

  BG.views.bikes = async (el) => {
    const bikes = await BG.myBikes();
    if (bikes.length === 0) {
      el.innerHTML = '<section>' + BG.empty('noBikes') + '<a href="#appointments"><button type="button" class="primary">'
        + esc(t('bookNow')) + '</button></a></section>';
      return;
    }
    el.innerHTML = bikes.map((b) => '<article class="card bike" data-bike="' + b.id + '"><h3>' + esc(b.plate) + ' '
      + BG.badge(b.status) + '</h3><dl><dt>' + esc(t('brand')) + '</dt><dd>' + esc([b.brand, b.model, b.colour].filter(Boolean).join(' '))
      + '</dd><dt>' + esc(t('frameNo')) + '</dt><dd>' + esc(b.frameNo) + '</dd></dl>'
      + (b.status === 'deregistered' ? '' : '<div class="cert"><b>' + esc(t('certificate')) + '</b><img class="qr" alt="QR" data-qr="' + b.id
        + '"><p class="muted">' + esc(t('certCode')) + ' ' + esc(b.certificateCode) + '<br>' + esc(t('scanHint')) + '</p></div>')
      + (b.status === 'registered' ? '<div class="actions"><a href="#theft?bike=' + b.id + '"><button type="button">' + esc(t('reportTheft'))
        + '</button></a><a href="#transfer?bike=' + b.id + '"><button type="button">' + esc(t('navTransfer')) + '</button></a>'
        + '<a href="#requests?bike=' + b.id + '"><button type="button">' + esc(t('navRequests')) + '</button></a></div>'
        + '<details><summary>' + esc(t('deregister')) + '</summary><form class="deregister" data-bike="' + b.id + '"><label><span>'
        + esc(t('deregisterReason')) + '</span><input name="reason" maxlength="200"></label><button type="submit" class="danger">'
        + esc(t('deregisterConfirm')) + '</button><p class="error" role="alert"></p></form></details>' : '')
      + '</article>').join('');
    el.querySelectorAll('img[data-qr]').forEach(async (img) => {
      try {
        const r = await BG.api.get('/api/v1/me/bikes/' + img.dataset.qr + '/certificate.svg');
        img.src = URL.createObjectURL(await r.blob());
      } catch (e) { img.alt = BG.errorText(e); }
    });
    BG.onSubmit(el, 'form.deregister', async (f) => {
      await BG.api.post('/api/v1/me/bikes/' + f.dataset.bike + '/deregister', { reason: f.reason.value });
      await BG.doneWith(t('deregistered_ok'));
    });
  };

  BG.views.theft = async (el, q) => {
    const [bikes, cases] = await Promise.all([BG.myBikes(), BG.api.get('/api/v1/me/thefts')]);
    const list = Array.isArray(cases) ? cases : (cases.thefts || cases.cases || []);
    const usable = BG.active(bikes);
    const form = usable.length === 0 ? '<p class="muted">' + esc(t('noRegisteredBike')) + '</p>'
      : '<form id="theftForm"><label><span>' + esc(t('bike')) + '</span><select name="bikeId">' + BG.bikeOptions(usable)
        + '</select></label><label><span>' + esc(t('stolenAt')) + '</span><input name="stolenAt" type="datetime-local" required value="'
        + BG.shanghaiLocal(-1) + '"></label><label><span>' + esc(t('place')) + '</span><input name="place" maxlength="200" required></label>'
        + '<label><span>' + esc(t('description')) + '</span><textarea name="description" maxlength="1000"></textarea></label>'
        + '<button type="submit" class="primary">' + esc(t('report')) + '</button><p class="error" role="alert"></p></form>';
    el.innerHTML = '<section><h2>' + esc(t('theftTitle')) + '</h2>' + form + '</section><section id="cases"><h2>' + esc(t('myCases'))
      + '</h2>' + (list.length === 0 ? BG.empty('noCases') : list.map(caseCard).join('')) + '</section>';
    if (q.get('bike') && el.querySelector('#theftForm')) { el.querySelector('#theftForm').bikeId.value = q.get('bike'); }
    BG.onSubmit(el, '#theftForm', async (f) => {
      await BG.api.post('/api/v1/thefts', { bikeId: Number(f.bikeId.value), stolenAt: BG.fromShanghai(f.stolenAt.value),
        place: f.place.value, description: f.description.value });
      await BG.doneWith(t('theftReported'));
    });
    BG.onSubmit(el, 'form.withdraw', async (f) => {
      await BG.api.post('/api/v1/thefts/' + f.dataset.case + '/close', { note: 'withdrawn by the owner' });
      await BG.render();
    });
  };
  function caseCard(c) {
    const steps = [['reported', c.reportedAt], ['confirmed', c.confirmedAt],
      [c.status === 'closed' ? 'closed' : 'recovered', c.recoveredAt || c.closedAt]];
    return '<div class="card case" data-case="' + c.id + '"><h3>' + esc(c.plate || '') + ' ' + BG.badge(c.status) + '</h3><dl><dt>'
      + esc(t('stolenAt')) + '</dt><dd>' + esc(BG.time(c.stolenAt)) + '</dd><dt>' + esc(t('place')) + '</dt><dd>' + esc(c.place)
      + '</dd>' + (c.caseNo ? '<dt>' + esc(t('caseNo')) + '</dt><dd>' + esc(c.caseNo) + '</dd>' : '') + '</dl><ol class="steps">'
      + steps.map(([k, at]) => '<li class="' + (at ? 'done' : '') + '">' + esc(t(k)) + (at ? ' · ' + esc(BG.time(at)) : '') + '</li>').join('')
      + '</ol>' + (c.status === 'reported' ? '<form class="withdraw" data-case="' + c.id + '"><button type="submit" class="danger">'
        + esc(t('withdraw')) + '</button><p class="error" role="alert"></p></form>' : '') + '</div>';
  }

  BG.views.transfer = async (el, q) => {
    const [bikes, offers] = await Promise.all([BG.myBikes(), BG.api.get('/api/v1/me/transfer-offers')]);
    const usable = BG.active(bikes);
    const offer = (o, incoming) => '<div class="card offer" data-offer="' + o.id + '"><h3>' + esc(o.plate) + ' ' + BG.badge(o.status, o.status === 'pending' ? 'offerPending' : null)
      + '</h3><p class="muted">' + esc(o.brand || '') + ' ' + esc(o.colour || '') + ' · ' + esc(t(incoming ? 'from' : 'to')) + ' '
      + esc(incoming ? o.fromPhone : o.toPhone) + ' · ' + esc(BG.time(o.createdAt)) + '</p>'
      + (o.status !== 'pending' ? '' : incoming
        ? '<form class="accept" data-offer="' + o.id + '"><label><span>' + esc(t('idNumber')) + '</span><input name="idNumber" maxlength="18" required autocomplete="off"></label>'
          + '<button type="submit" class="primary">' + esc(t('confirmTransfer')) + '</button><p class="error" role="alert"></p></form>'
          + '<form class="withdraw" data-offer="' + o.id + '"><button type="submit" class="danger">' + esc(t('decline')) + '</button><p class="error"></p></form>'
        : '<form class="withdraw" data-offer="' + o.id + '"><button type="submit" class="danger">' + esc(t('cancel')) + '</button><p class="error"></p></form>')
      + '</div>';
    const none = offers.incoming.length === 0 && offers.outgoing.length === 0;
    el.innerHTML = '<section><h2>' + esc(t('transferTitle')) + '</h2>' + (usable.length === 0 ? '<p class="muted">' + esc(t('noRegisteredBike')) + '</p>'
      : '<form id="offerForm"><label><span>' + esc(t('bike')) + '</span><select name="bikeId">' + BG.bikeOptions(usable) + '</select></label>'
        + '<label><span>' + esc(t('buyerPhone')) + '</span><input name="toPhone" type="tel" inputmode="numeric" maxlength="11" required></label>'
        + '<button type="submit" class="primary">' + esc(t('startTransfer')) + '</button><p class="error" role="alert"></p></form>') + '</section>'
      + (none ? '<section>' + BG.empty('noTransfers') + '</section>'
        : (offers.incoming.length ? '<section id="incoming"><h2>' + esc(t('incoming')) + '</h2>' + offers.incoming.map((o) => offer(o, true)).join('') + '</section>' : '')
        + (offers.outgoing.length ? '<section id="outgoing"><h2>' + esc(t('outgoing')) + '</h2>' + offers.outgoing.map((o) => offer(o, false)).join('') + '</section>' : ''));
    if (q.get('bike') && el.querySelector('#offerForm')) { el.querySelector('#offerForm').bikeId.value = q.get('bike'); }
    BG.onSubmit(el, '#offerForm', async (f) => {
      await BG.api.post('/api/v1/me/bikes/' + f.bikeId.value + '/transfer-offers', { toPhone: f.toPhone.value.trim() });
      await BG.doneWith(t('transferStarted'));
    });
    BG.onSubmit(el, 'form.accept', async (f) => {
      await BG.api.post('/api/v1/me/transfer-offers/' + f.dataset.offer + '/accept', { idNumber: f.idNumber.value.trim() });
      await BG.doneWith(t('transferAccepted'));
    });
    BG.onSubmit(el, 'form.withdraw', async (f) => {
      await BG.api.post('/api/v1/me/transfer-offers/' + f.dataset.offer + '/cancel');
      await BG.render();
    });
  };

  BG.views.requests = async (el, q) => {
    const [bikes, requests] = await Promise.all([BG.myBikes(), BG.api.get('/api/v1/me/requests')]);
    const usable = bikes.filter((b) => b.status !== 'deregistered');
    const plates = Object.fromEntries(bikes.map((b) => [b.id, b.plate]));
    el.innerHTML = '<section><h2>' + esc(t('requestsTitle')) + '</h2>' + (usable.length === 0 ? '<p class="muted">' + esc(t('noRegisteredBike')) + '</p>'
      : '<form id="requestForm"><label><span>' + esc(t('bike')) + '</span><select name="bikeId">' + BG.bikeOptions(usable) + '</select></label>'
        + '<label><span>' + esc(t('kind')) + '</span><select name="kind">' + ['card', 'plate', 'tag'].map((k) => '<option value="' + k + '">'
          + esc(t(k)) + '</option>').join('') + '</select></label><label><span>' + esc(t('reason')) + '</span><input name="reason" maxlength="200"></label>'
        + '<button type="submit" class="primary">' + esc(t('submit')) + '</button><p class="error" role="alert"></p></form>') + '</section>'
      + '<section id="myRequests"><h2>' + esc(t('myRequests')) + '</h2>' + (requests.length === 0 ? BG.empty('noRequests')
        : requests.map((r) => '<div class="card request"><h3>' + esc(t(r.kind)) + ' · ' + esc(plates[r.bikeId] || '') + ' ' + BG.badge(r.status, r.status === 'pending' ? 'requestPending' : null)
          + '</h3><p class="muted">' + esc(BG.time(r.createdAt)) + ' ' + esc(r.reason || '') + (r.note ? ' · ' + esc(r.note) : '') + '</p>'
          + (r.status === 'pending' ? '<form class="cancelRequest" data-request="' + r.id + '"><button type="submit">' + esc(t('cancel'))
            + '</button><p class="error"></p></form>' : '') + '</div>').join('')) + '</section>';
    if (q.get('bike') && el.querySelector('#requestForm')) { el.querySelector('#requestForm').bikeId.value = q.get('bike'); }
    BG.onSubmit(el, '#requestForm', async (f) => {
      await BG.api.post('/api/v1/me/bikes/' + f.bikeId.value + '/requests', { kind: f.kind.value, reason: f.reason.value });
      await BG.doneWith(t('requestSent'));
    });
    BG.onSubmit(el, 'form.cancelRequest', async (f) => {
      await BG.api.post('/api/v1/me/requests/' + f.dataset.request + '/cancel');
      await BG.render();
    });
  };

  BG.views.appointments = async (el) => {
    const [points, mine] = await Promise.all([BG.api.get('/api/v1/installation-points'), BG.api.get('/api/v1/me/appointments')]);
    const names = Object.fromEntries(points.map((p) => [p.id, p.name]));
    el.innerHTML = '<section><h2>' + esc(t('apptTitle')) + '</h2>' + (points.length === 0 ? BG.empty('noPoints')
      : '<form id="bookForm"><label><span>' + esc(t('point')) + '</span><select name="point">' + points.map((p) => '<option value="'
        + esc(p.id) + '">' + esc(p.name) + (p.address ? ' · ' + esc(p.address) : '') + '</option>').join('') + '</select></label>'
        + '<label><span>' + esc(t('day')) + '</span><input name="day" type="date" required min="' + BG.shanghaiDay(0) + '" max="'
        + BG.shanghaiDay(60) + '" value="' + BG.shanghaiDay(1) + '"></label><p class="capacity" id="capacity"></p>'
        + '<label><span>' + esc(t('note')) + '</span><input name="note" maxlength="200"></label>'
        + '<button type="submit" class="primary">' + esc(t('book')) + '</button><p class="error" role="alert"></p></form>') + '</section>'
      + '<section id="myAppointments"><h2>' + esc(t('myAppointments')) + '</h2>' + (mine.length === 0 ? BG.empty('noAppointments')
        : mine.map((a) => '<div class="card appointment"><h3>' + esc(a.day) + ' · ' + esc(names[a.point] || a.point) + ' ' + BG.badge(a.status)
          + '</h3>' + (a.note ? '<p class="muted">' + esc(a.note) + '</p>' : '') + (a.status === 'booked' ? '<form class="cancelAppt" data-appt="'
            + a.id + '"><button type="submit">' + esc(t('cancel')) + '</button><p class="error"></p></form>' : '') + '</div>').join('')) + '</section>';
    const f = el.querySelector('#bookForm');
    if (f) {
      const show = async () => {
        const cap = el.querySelector('#capacity');
        try {
          const c = await BG.api.get('/api/v1/installation-points/' + encodeURIComponent(f.point.value) + '/capacity?day=' + f.day.value);
          cap.textContent = c.left > 0 ? t('capacity', { left: c.left, cap: c.dailyCapacity }) : t('full');
          cap.dataset.left = c.left;
        } catch (e) { cap.textContent = BG.errorText(e); }
      };
      f.point.addEventListener('change', show);
      f.day.addEventListener('change', show);
      await show();
    }
    BG.onSubmit(el, '#bookForm', async (form) => {
      await BG.api.post('/api/v1/me/appointments', { point: form.point.value, day: form.day.value, note: form.note.value });
      await BG.doneWith(t('apptBooked'));
    });
    BG.onSubmit(el, 'form.cancelAppt', async (form) => {
      await BG.api.post('/api/v1/me/appointments/' + form.dataset.appt + '/cancel');
      await BG.render();
    });
  };

  /** Violations of my bikes (time in Asia/Shanghai) with an appeal form each, and zone fines with payment. */
  BG.views.violations = async (el) => {
    const r = await BG.api.get('/api/v1/me/violations');
    const vs = r.violations || [];
    const fines = r.fines || [];
    const row = (k, v) => '<dt>' + esc(t(k)) + '</dt><dd>' + esc(v) + '</dd>';
    el.innerHTML = '<section id="myViolations"><h2>' + esc(t('violationsTitle')) + '</h2>' + (vs.length === 0 ? BG.empty('noViolations')
      : vs.map((v) => '<div class="card violation" data-violation="' + v.id + '"><h3>' + esc(t('v_' + v.kind)) + ' · ' + esc(v.plate) + ' '
        + BG.badge(v.counted ? 'counted' : 'cancelled', v.counted ? 'counted' : 'notCounted') + '</h3><dl>' + row('violationAt', BG.time(v.at))
        + row('intersection', v.intersection) + row('appeal', v.appeal ? t('appeal_' + v.appeal.state) + (v.appeal.note ? ' · ' + v.appeal.note : '')
          : t('noAppeal')) + '</dl>' + (v.appeal ? '' : '<details><summary>' + esc(t('fileAppeal')) + '</summary><form class="appeal" data-violation="'
          + v.id + '"><label><span>' + esc(t('appealReason')) + '</span><textarea name="reason" maxlength="2000" required></textarea></label>'
          + '<button type="submit" class="primary">' + esc(t('submitAppeal')) + '</button><p class="error" role="alert"></p></form></details>')
        + '</div>').join('')) + '</section><section id="myFines"><h2>' + esc(t('finesTitle')) + '</h2>' + (fines.length === 0 ? BG.empty('noFines')
      : fines.map((f) => '<div class="card fine" data-fine="' + f.id + '"><h3>' + esc(f.zone) + ' · ' + esc(f.plate) + ' '
        + BG.badge(f.state) + '</h3><dl>' + row('violationAt', BG.time(f.at)) + row('zoneKind', t('z_' + f.zoneKind))
        + row('amount', BG.yuan(f.amountFen) + ' 元') + (f.paidAt ? row('paidAt', BG.time(f.paidAt)) : '') + '</dl>'
        + (f.state === 'unpaid' ? '<form class="payFine" data-fine="' + f.id + '"><button type="submit" class="primary">' + esc(t('payFine'))
          + '</button><p class="ok" role="status"></p><p class="error" role="alert"></p></form>' : '') + '</div>').join('')) + '</section>';
    BG.onSubmit(el, 'form.appeal', async (f) => {
      await BG.api.post('/api/v1/me/violations/' + f.dataset.violation + '/appeal', { reason: f.reason.value.trim() });
      await BG.doneWith(t('appealFiled'));
    });
    BG.onSubmit(el, 'form.payFine', async (f) => {
      const p = await BG.api.post('/api/v1/me/fines/' + f.dataset.fine + '/pay');
      f.querySelector('.ok').textContent = t('payRef') + ' ' + p.reference + (p.message ? ' · ' + p.message : '');
    });
  };
})();
