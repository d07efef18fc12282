(function () {
  'use strict';
  function key(row, col) {
    var c = row.cells[col];
    if (!c) return '';
    var v = c.getAttribute('data-sort');
    return v === null ? c.textContent.trim().toLowerCase() : v;
  }
  function cmp(a, b) {
    var x = parseFloat(a),
      y = parseFloat(b);
    var nx = a !== '' && isFinite(a) && !isNaN(x),
      ny = b !== '' && isFinite(b) && !isNaN(y);
    if (nx && ny) return x - y;
    if (nx) return -1;
    if (ny) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) {
          h.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var sign = dir === 'ascending' ? 1 : -1;
        rows.sort(function (a, b) {
          return sign * cmp(key(a, col), key(b, col));
        });
        rows.forEach(function (r) {
          body.appendChild(r);
        });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          sort();
        }
      });
    });
  });
  var suiteSel = document.getElementById('suite-filter');
  var textBox = document.getElementById('text-filter');
  var count = document.getElementById('filter-count');
  function applyFilter() {
    var suite = suiteSel ? suiteSel.value : '';
    var text = textBox ? textBox.value.trim().toLowerCase() : '';
    var items = document.querySelectorAll('[data-filter-text]');
    var shown = 0,
      rows = 0;
    items.forEach(function (el) {
      var ok =
        (!suite || el.getAttribute('data-suite') === suite) &&
        (!text || el.getAttribute('data-filter-text').indexOf(text) !== -1);
      el.classList.toggle('hidden', !ok);
      if (el.tagName === 'TR' && el.closest('#verdict-table')) {
        rows++;
        if (ok) shown++;
      }
    });
    if (count) count.textContent = suite || text ? shown + ' of ' + rows + ' verdicts shown' : '';
  }
  if (suiteSel) suiteSel.addEventListener('change', applyFilter);
  if (textBox) textBox.addEventListener('input', applyFilter);
  // Tooltips: move each chart <title> into a data attribute (so the native tooltip does not show
  // twice) and show it in a positioned box that appears immediately.
  var tip = document.createElement('div');
  tip.className = 'tooltip hidden';
  tip.setAttribute('role', 'tooltip');
  document.body.appendChild(tip);
  document.querySelectorAll('svg.trend-chart title, svg.dist-chart title').forEach(function (t) {
    var host = t.parentNode;
    if (!host) return;
    if (host.tagName.toLowerCase() === 'svg') {
      // A chart's own title would pop up natively over the point tooltips: keep it as the label.
      if (!host.hasAttribute('data-series')) return;
      host.setAttribute('aria-label', t.textContent);
    } else host.setAttribute('data-tip', t.textContent);
    host.removeChild(t);
  });
  // Trend points: their details sit in one JSON block (#report-hover, see src/report/trend-points.ts),
  // parsed on the first hover so that loading the page parses nothing. The drawn point nearest
  // the pointer along x gets a marker and the tooltip.
  var hover = null;
  function hoverData() {
    if (hover === null) {
      var block = document.getElementById('report-hover');
      hover = block ? JSON.parse(block.textContent) : { runs: [], envs: [], series: [] };
    }
    return hover;
  }
  function withUnit(v, s) {
    if (v === null) return 'n/a';
    var text = String(Number((v * s.factor).toPrecision(4)));
    if (s.unit === '') return text;
    return s.unit === '%' || s.unit === 'x' || s.unit === '\u00d7' ? text + s.unit : text + ' ' + s.unit;
  }
  function pointText(data, s, p) {
    var run = data.runs[p[2]];
    var env = data.envs[run[5]];
    var lines = [
      'Run #' + run[0] + ' \u00b7 ' + run[1],
      'commit ' + (run[2] || '\u2014') + (run[3] ? ' (' + run[3] + ')' : '') + (run[4] ? ' \u00b7 ' + run[4] : ''),
      'median ' +
        withUnit(p[3], s) +
        '  ' +
        s.level +
        '% CI [' +
        withUnit(p[4], s) +
        ', ' +
        withUnit(p[5], s) +
        ']  n=' +
        p[6],
    ];
    if (env && (env[0] || env[1])) lines.push((env[0] || '?') + ' \u00b7 ' + (env[1] || '?'));
    return lines.join('\n');
  }
  var marked = null;
  function unmark() {
    if (marked) marked.classList.add('hidden');
    marked = null;
  }
  /** The tooltip of the drawn point nearest the pointer, with its marker placed; null off the points. */
  function pointTip(svg, ev) {
    var data = hoverData();
    var s = data.series[Number(svg.getAttribute('data-series'))];
    var ctm = svg.getScreenCTM();
    if (!s || !ctm || s.points.length === 0) return null;
    var at = svg.createSVGPoint();
    at.x = ev.clientX;
    at.y = ev.clientY;
    var x = at.matrixTransform(ctm.inverse()).x;
    var best = null;
    for (var i = 0; i < s.points.length; i++) {
      var p = s.points[i];
      if (p[3] !== null && (best === null || Math.abs(p[0] - x) < Math.abs(best[0] - x))) best = p;
    }
    if (best === null || Math.abs(best[0] - x) > 24) return null;
    var marker = svg.querySelector('circle.pt-hover');
    if (!marker) {
      marker = document.createElementNS(svg.namespaceURI, 'circle');
      marker.setAttribute('class', 'pt-hover');
      marker.setAttribute('r', '4.5');
      svg.appendChild(marker);
    }
    marker.setAttribute('cx', best[0]);
    marker.setAttribute('cy', best[1]);
    marker.classList.remove('hidden');
    if (marked !== marker) unmark();
    marked = marker;
    return pointText(data, s, best);
  }
  document.addEventListener('mousemove', function (ev) {
    var target = ev.target && ev.target.closest ? ev.target : null;
    var el = target ? target.closest('[data-tip]') : null;
    var text = el ? el.getAttribute('data-tip') : null;
    var chart = !text && target ? target.closest('svg.trend-chart[data-series]') : null;
    if (chart) text = pointTip(chart, ev);
    if (!chart || text === null) unmark();
    if (text === null) {
      tip.classList.add('hidden');
      return;
    }
    tip.textContent = text;
    tip.classList.remove('hidden');
    var x = ev.clientX + 14,
      y = ev.clientY + 14,
      w = tip.offsetWidth,
      h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = ev.clientX - w - 14;
    if (y + h > window.innerHeight - 8) y = ev.clientY - h - 14;
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  });
  // Read by scripts/bench/report-open.ts: the page is interactive once this script has run.
  window.__reportReady = true;
  if (window.performance && performance.mark) performance.mark('jepsh-report-ready');
})();
