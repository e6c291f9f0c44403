/* The second-hand check: plate, frame number or the text of a certificate's QR code -> stolen or
   not. Never shows anything personal (the API answers a yes/no, or a certificate's public view). */
(function () {
  const BG = window.BG;
  BG.words({
    zh: {
      checkTitle: '二手车查验', otherLang: 'English', checkIntro: '买二手电动车前，查一查它是否登记为被盗车辆。本查询不显示任何个人信息。',
      checkBy: '查询方式', byPlate: '车牌号', byFrame: '车架号', byQr: '证书二维码内容', check: '查询',
      phPlate: '例如 湘D12345', phFrame: '车架号（车架上的钢印）', phQr: '扫码得到的网址或证书编号',
      checkEmpty: '输入车牌号、车架号或扫码得到的内容，然后点“查询”。', footerNote: '电动车防盗登记 · 衡阳',
      stolenYes: '该车已登记为被盗车辆！', stolenYesSub: '请勿购买，并拨打 110 或联系当地派出所。',
      stolenNo: '未登记为被盗车辆', stolenNoSub: '这只说明没有被盗报案；请同时核对车主的登记证书。',
      certRegistered: '证书有效，车辆未报被盗', certDeregistered: '该证书的车辆已注销', certDeregisteredSub: '请向卖家了解原因，必要时到安装点核实。',
      certMissing: '查无此证书', certMissingSub: '二维码可能是伪造的，请谨慎交易。', plate: '车牌', viewCert: '查看证书页',
      rateLimited: '查询太频繁，请 {s} 秒后再试。', failed: '查询失败：{m}', badQr: '无法识别二维码内容',
    },
    en: {
      checkTitle: 'Second-hand check', otherLang: '中文', checkIntro: 'Before buying a used e-bike, check whether it is registered as stolen. Nothing personal is shown.',
      checkBy: 'Check by', byPlate: 'Plate', byFrame: 'Frame number', byQr: 'Certificate QR text', check: 'Check',
      phPlate: 'e.g. 湘D12345', phFrame: 'frame number (stamped on the frame)', phQr: 'the address the QR code shows, or the certificate code',
      checkEmpty: 'Enter a plate, a frame number or what the QR code shows, then tap “Check”.', footerNote: 'E-bike anti-theft registry · Hengyang',
      stolenYes: 'This bike is registered as STOLEN!', stolenYesSub: 'Do not buy it; call 110 or the local police station.',
      stolenNo: 'Not registered as stolen', stolenNoSub: 'This only means no theft was reported; also check the owner’s certificate.',
      certRegistered: 'Valid certificate, not reported stolen', certDeregistered: 'This certificate’s bike is deregistered', certDeregisteredSub: 'Ask the seller why; check at an installation point if in doubt.',
      certMissing: 'No such certificate', certMissingSub: 'The QR code may be fake: be careful.', plate: 'Plate', viewCert: 'Open the certificate page',
      rateLimited: 'Too many checks: try again in {s} s.', failed: 'Check failed: {m}', badQr: 'Cannot read the QR text',
    },
  });
  const $ = (id) => document.getElementById(id);
  const placeholders = { plate: 'phPlate', frameNo: 'phFrame', qr: 'phQr' };
  const labels = { plate: 'byPlate', frameNo: 'byFrame', qr: 'byQr' };
  const page = BG.check = { last: null };

  /** The certificate code in a QR text: the last path segment of a URL, or the text itself. */
  page.codeOf = (text) => {
    const t = text.trim();
    const m = t.match(/\/c\/([0-9A-Za-z]{4,32})\/?(?:[?#].*)?$/) || t.match(/certificates\/([0-9A-Za-z]{4,32})\/?$/) || t.match(/^([0-9A-Za-z]{4,32})$/);
    return m ? m[1].toUpperCase() : null;
  };

  function syncKind() {
    const k = $('kind').value;
    $('q').dataset.tp = placeholders[k];
    $('q-label').dataset.t = labels[k];
    BG.applyLang();
  }

  function verdict(cls, head, sub, extra) {
    $('empty').hidden = true;
    const r = $('result');
    r.hidden = false;
    r.innerHTML = '<div class="verdict ' + cls + '">' + BG.esc(head) + '<span class="sub">' + BG.esc(sub || '') + '</span></div>' + (extra || '');
  }

  function show() {
    const l = page.last;
    if (!l) { return; }
    if (l.error) { verdict('warn', l.error.status === 429 ? BG.t('rateLimited', { s: l.error.retryAfterS || 1 }) : BG.t('failed', { m: l.error.message })); return; }
    if (l.kind !== 'qr') {
      if (l.stolen) { verdict('stolen', BG.t('stolenYes'), BG.t('stolenYesSub')); } else { verdict('clear', BG.t('stolenNo'), BG.t('stolenNoSub')); }
      return;
    }
    if (l.missing) { verdict('warn', BG.t('certMissing'), BG.t('certMissingSub')); return; }
    const c = l.cert;
    const link = '<p><a href="/c/' + encodeURIComponent(c.code) + '">' + BG.esc(BG.t('viewCert')) + '</a></p>';
    const plate = BG.t('plate') + ' ' + c.plate;
    if (c.status === 'stolen') { verdict('stolen', BG.t('stolenYes'), plate + ' · ' + BG.t('stolenYesSub'), link); }
    else if (c.status === 'deregistered') { verdict('warn', BG.t('certDeregistered'), plate + ' · ' + BG.t('certDeregisteredSub'), link); }
    else { verdict('clear', BG.t('certRegistered'), plate, link); }
  }

  async function check(ev) {
    ev.preventDefault();
    const kind = $('kind').value;
    const q = $('q').value.trim();
    if (!q) { return; }
    $('go').disabled = true;
    try {
      if (kind === 'qr') {
        const code = page.codeOf(q);
        if (!code) { page.last = { kind, error: { message: BG.t('badQr') } }; }
        else {
          try { page.last = { kind, cert: await BG.call('GET', '/api/v1/public/certificates/' + encodeURIComponent(code)) }; }
          catch (e) { page.last = e.status === 404 ? { kind, missing: true } : { kind, error: e }; }
        }
      } else {
        const r = await BG.call('GET', '/api/v1/public/stolen-check?' + kind + '=' + encodeURIComponent(q));
        page.last = { kind, stolen: r.stolen === true };
      }
    } catch (e) {
      page.last = { kind, error: e };
    } finally {
      $('go').disabled = false;
    }
    show();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('kind').addEventListener('change', syncKind);
    $('check-form').addEventListener('submit', check);
    BG.onLang.push(show);
    const pre = new URLSearchParams(location.search);
    ['plate', 'frameNo', 'qr'].forEach(k => { if (pre.get(k)) { $('kind').value = k; $('q').value = pre.get(k); } });
    syncKind();
    page.readyAt = performance.now();
    page.ready = true;
  });
})();
