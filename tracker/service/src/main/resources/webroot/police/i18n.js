/* Simplified Chinese first, English switchable; the choice is kept in localStorage. */
(function () {
  const dict = {
    zh: {
      title: '电动车防盗 · 警务地图', wsOffline: '未连接', wsOnline: '实时连接', logout: '退出', loginTitle: '警员登录',
      username: '用户名', password: '密码', login: '登录', tabAlarms: '实时警报', tabReplay: '轨迹回放',
      tabPassed: '区域过车', tabLastSeen: '最后位置', sound: '声音提示', tags: '标签号（逗号分隔）', from: '开始',
      to: '结束', caseNo: '案件编号', load: '加载轨迹', play: '播放', pause: '暂停', follow: '跟随',
      printReport: '打印轨迹报告', drawRect: '画矩形', drawPoly: '画多边形', pickStations: '选择基站', clear: '清除',
      stationIds: '基站编号（逗号分隔）', search: '查询', tag: '标签', plate: '车牌', stations: '基站', firstSeen: '首次',
      stolen: '被盗车辆', clone: '疑似克隆标签', tamper: '防拆报警', silent: '夜间离家后失联', ack: '确认', dispatch: '派警',
      path: '轨迹', replay: '回放', acknowledged: '已确认', dispatched: '已派警', new: '新', alarms: '条警报',
      likelyNext: '可能去向', recent: '来自', station: '基站', at: '时间', stay: '停留', minutes: '分钟',
      rectHint: '在地图上点击两个角点', polyHint: '依次点击顶点，双击结束', pickHint: '放大后点击基站以选择/取消',
      passedSummary: '{n} 辆车（标签）经过 {s} 个基站', lastSeenAt: '最后出现', openNow: '仍在覆盖范围内',
      reportTitle: '电动车轨迹报告', generated: '生成时间', officer: '查询人', window: '时间范围', length: '轨迹长度',
      noData: '无数据', dispatchNote: '派警说明（可选）', baseMissing: '无底图数据：仅显示基站', watched: '布控', caseId: '案件 ID', loadCase: '载入案件',
      tabFound: '群众发现', openOnly: '仅未处理', foundEmpty: '没有群众发现报告', markHandled: '已处理',
      handledBy: '{who} 已处理', noPosition: '无定位', accuracy: '精度 {m} 米',
      alarmCompanions: '同行车辆（前1小时）', alarmCompanionsNone: '无同行车辆', alarmCompanionsPending: '同行车辆分析中…',
    },
    en: {
      title: 'E-bike anti-theft · Police map', wsOffline: 'offline', wsOnline: 'live', logout: 'Log out', loginTitle: 'Police login',
      username: 'Username', password: 'Password', login: 'Log in', tabAlarms: 'Live alarms', tabReplay: 'Replay',
      tabPassed: 'Who passed', tabLastSeen: 'Last seen', sound: 'Sound', tags: 'Tags (comma-separated)', from: 'From',
      to: 'To', caseNo: 'Case no.', load: 'Load trajectories', play: 'Play', pause: 'Pause', follow: 'Follow',
      printReport: 'Print trace report', drawRect: 'Rectangle', drawPoly: 'Polygon', pickStations: 'Pick stations', clear: 'Clear',
      stationIds: 'Station ids (comma-separated)', search: 'Search', tag: 'Tag', plate: 'Plate', stations: 'Stations', firstSeen: 'First seen',
      stolen: 'Stolen bike', clone: 'Cloned tag?', tamper: 'Tamper', silent: 'Silent after leaving home at night', ack: 'Ack',
      dispatch: 'Dispatch', path: 'Path', replay: 'Replay', acknowledged: 'acknowledged', dispatched: 'dispatched', new: 'new',
      alarms: 'alarms', likelyNext: 'Likely next', recent: 'Came from', station: 'Station', at: 'Time', stay: 'Stay', minutes: 'min',
      rectHint: 'Click two corners on the map', polyHint: 'Click the vertices, double-click to finish', pickHint: 'Zoom in and click stations to toggle',
      passedSummary: '{n} tags passed {s} stations', lastSeenAt: 'Last seen', openNow: 'still in coverage',
      reportTitle: 'E-bike trace report', generated: 'Generated', officer: 'Officer', window: 'Window', length: 'Length',
      noData: 'No data', dispatchNote: 'Dispatch note (optional)', baseMissing: 'No base map data: stations only', watched: 'watched', caseId: 'Case id', loadCase: 'Load case',
      tabFound: 'Found', openOnly: 'Open only', foundEmpty: 'No found reports', markHandled: 'Handled',
      handledBy: 'handled by {who}', noPosition: 'no position', accuracy: '±{m} m',
      alarmCompanions: 'Travelling with (last hour)', alarmCompanionsNone: 'no companions', alarmCompanionsPending: 'companions: looking…',
    },
  };
  const BG = window.BG = window.BG || {};
  BG.lang = localStorage.getItem('bg.lang') || 'zh';
  BG.t = (key, vars) => {
    let s = (dict[BG.lang] && dict[BG.lang][key]) || dict.zh[key] || key;
    if (vars) { Object.keys(vars).forEach(k => { s = s.replace('{' + k + '}', vars[k]); }); }
    return s;
  };
  /** Adds a view's own words, {zh: {...}, en: {...}} (from the view's file, loaded after this one). */
  BG.words = (more) => { Object.keys(more).forEach(l => Object.assign(dict[l] || (dict[l] = {}), more[l])); };
  BG.applyLang = () => {
    document.documentElement.lang = BG.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = BG.t('title');
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = BG.t(el.dataset.i18n); });
    const b = document.getElementById('lang');
    if (b) { b.textContent = BG.lang === 'zh' ? 'English' : '中文'; }
    (BG.onLang || []).forEach(f => f());
  };
  BG.setLang = (lang) => { BG.lang = lang; localStorage.setItem('bg.lang', lang); BG.applyLang(); };
  /** Times are shown in the city's zone. */
  BG.fmt = (iso) => iso ? new Date(iso).toLocaleString(BG.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
})();
