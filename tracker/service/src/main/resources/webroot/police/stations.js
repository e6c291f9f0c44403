/*
 * Stations as one canvas layer with grid clustering (cells of CELL px per zoom level, computed
 * once per zoom and cached), redrawn only when a pan or zoom ends: while panning the canvas moves
 * with the map pane, so a pan costs no drawing. Fast with thousands of stations.
 */
(function () {
  const BG = window.BG;
  const CELL = 56;
  const SINGLE_ZOOM = 16;

  BG.StationLayer = L.Layer.extend({
    initialize(stations) {
      this.stations = stations || [];
      this.byId = new Map(this.stations.map(s => [s.id, s]));
      this.selected = new Set();
      this._cache = new Map();
      this.picking = false;
    },
    setStations(list) {
      this.stations = list;
      this.byId = new Map(list.map(s => [s.id, s]));
      this._cache.clear();
      this._redraw();
    },
    onAdd(map) {
      this._map = map;
      this._canvas = L.DomUtil.create('canvas', 'bg-stations leaflet-zoom-hide');
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.on('moveend zoomend resize viewreset', this._redraw, this);
      map.on('click', this._click, this);
      this._redraw();
    },
    onRemove(map) {
      map.off('moveend zoomend resize viewreset', this._redraw, this);
      map.off('click', this._click, this);
      this._canvas.remove();
    },
    /** Clusters at a zoom level: [{x, y (absolute px), n, ids (when n <= 8)}]. */
    clusters(zoom) {
      let c = this._cache.get(zoom);
      if (c) { return c; }
      const cells = new Map();
      const cell = zoom >= SINGLE_ZOOM ? 1e-9 : CELL;
      for (const s of this.stations) {
        const p = this._map.project([s.lat, s.lon], zoom);
        const key = zoom >= SINGLE_ZOOM ? s.id : Math.floor(p.x / cell) + ':' + Math.floor(p.y / cell);
        let g = cells.get(key);
        if (!g) { g = { sx: 0, sy: 0, n: 0, ids: [] }; cells.set(key, g); }
        g.sx += p.x; g.sy += p.y; g.n++;
        if (g.ids.length < 8) { g.ids.push(s.id); }
      }
      c = Array.from(cells.values(), g => ({ x: g.sx / g.n, y: g.sy / g.n, n: g.n, ids: g.ids }));
      this._cache.set(zoom, c);
      return c;
    },
    _redraw() {
      const map = this._map;
      if (!map) { return; }
      const t0 = performance.now();
      const size = map.getSize();
      const dpr = window.devicePixelRatio || 1;
      const cv = this._canvas;
      L.DomUtil.setPosition(cv, map.containerPointToLayerPoint([0, 0]));
      cv.width = size.x * dpr; cv.height = size.y * dpr;
      cv.style.width = size.x + 'px'; cv.style.height = size.y + 'px';
      const g = cv.getContext('2d');
      g.scale(dpr, dpr);
      const min = map.getPixelBounds().min;
      const zoom = map.getZoom();
      this._drawn = [];
      g.font = '11px sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
      for (const c of this.clusters(zoom)) {
        const x = c.x - min.x, y = c.y - min.y;
        if (x < -30 || y < -30 || x > size.x + 30 || y > size.y + 30) { continue; }
        this._drawn.push({ x, y, c });
        if (c.n === 1) {
          const sel = this.selected.has(c.ids[0]);
          g.beginPath(); g.arc(x, y, sel ? 7 : 5, 0, 2 * Math.PI);
          g.fillStyle = sel ? '#e53e3e' : '#2b6cb0'; g.fill();
          g.lineWidth = 1.5; g.strokeStyle = '#fff'; g.stroke();
          if (zoom >= 17) { g.fillStyle = '#1a202c'; g.fillText(c.ids[0], x, y - 12); }
        } else {
          const r = 9 + Math.min(14, Math.log2(c.n) * 2.2);
          g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI);
          g.fillStyle = 'rgba(43,108,176,0.75)'; g.fill();
          g.fillStyle = '#fff'; g.fillText(String(c.n), x, y);
        }
      }
      this.lastDrawMs = performance.now() - t0;
    },
    /** The drawn cluster under a container point, or null. */
    hit(point) {
      let best = null, bestD = 400;
      for (const d of this._drawn || []) {
        const dd = (d.x - point.x) ** 2 + (d.y - point.y) ** 2;
        if (dd < bestD) { best = d.c; bestD = dd; }
      }
      return best;
    },
    _click(e) {
      if (BG.drawing && BG.drawing.active) { return; }
      const c = this.hit(e.containerPoint);
      if (!c) { return; }
      if (c.n > 1) { this._map.setView(this._map.unproject([c.x, c.y], this._map.getZoom()), this._map.getZoom() + 2); return; }
      const s = this.byId.get(c.ids[0]);
      if (this.picking) {
        if (this.selected.has(s.id)) { this.selected.delete(s.id); } else { this.selected.add(s.id); }
        this._redraw();
        this.fire('selection', { ids: Array.from(this.selected) });
        return;
      }
      L.popup().setLatLng([s.lat, s.lon]).setContent('<b>' + BG.esc(s.id) + '</b><br>' + BG.esc(s.name) + '<br>'
        + BG.esc(s.kind) + ' · ' + s.radiusM + ' m').openOn(this._map);
    },
  });
})();
