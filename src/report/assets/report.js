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
    if (!host || host.tagName.toLowerCase() === 'svg') return;
    host.setAttribute('data-tip', t.textContent);
    host.removeChild(t);
  });
  document.addEventListener('mousemove', function (ev) {
    var el = ev.target && ev.target.closest ? ev.target.closest('[data-tip]') : null;
    if (!el) {
      tip.classList.add('hidden');
      return;
    }
    tip.textContent = el.getAttribute('data-tip');
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
})();
