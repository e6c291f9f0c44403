/* The console's help: keyboard shortcuts and what the alarm controls do ("?" or the header's button). */
(function () {
  const BG = window.BG;
  const KEYS = [
    ['j / ↓', 'keyNext'], ['k / ↑', 'keyPrev'], ['Enter', 'keyShow'], ['a', 'ack'], ['d', 'dispatch'],
    ['i', 'outcome_intercepted'], ['x', 'outcome_false_alarm'], ['r', 'replay'], ['f', 'keyFollow'],
    ['m', 'keySound'], ['?', 'keyHelp'], ['Esc', 'keyClose'],
  ];
  BG.help = {
    render() {
      document.getElementById('help-keys').innerHTML = KEYS.map(k => '<tr><td><kbd>' + BG.esc(k[0]) + '</kbd></td><td>'
        + BG.esc(BG.t(k[1])) + '</td></tr>').join('');
    },
    toggle(show) {
      const el = document.getElementById('help');
      el.hidden = show === undefined ? !el.hidden : !show;
      if (!el.hidden) { BG.help.render(); }
    },
  };
  window.addEventListener('DOMContentLoaded', () => {
    document.getElementById('help-open').onclick = () => BG.help.toggle();
    document.getElementById('help-close').onclick = () => BG.help.toggle(false);
    BG.onLang = (BG.onLang || []).concat([BG.help.render]);
  });
})();
