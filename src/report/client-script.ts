/**
 * The report's only script, inlined as text: recolours the map by the chosen metric, shows a region's
 * figures on hover, focus or click, sorts and filters the tables. Plain ES2017, no library.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var paths = Array.prototype.slice.call(document.querySelectorAll('path.region'));
  var select = document.getElementById('metric');
  function classOf(value, breaks) {
    var k = 0;
    while (k < breaks.length && value >= breaks[k]) k++;
    return k;
  }
  function colour(metric) {
    var scale = data.metrics[metric];
    paths.forEach(function (path) {
      var values = data.values[path.getAttribute('data-region-id')];
      var value = values ? values[metric] : null;
      path.setAttribute('fill', value === null || value === undefined ? '#cccccc' : scale.colors[classOf(value, scale.breaks)]);
      if (values) path.setAttribute('aria-label', values.name + ': ' + values.text[metric]);
    });
    document.querySelectorAll('.legend[data-metric]').forEach(function (legend) {
      legend.hidden = legend.getAttribute('data-metric') !== metric;
    });
  }
  select.addEventListener('change', function () { colour(select.value); });

  var tip = document.getElementById('tooltip');
  var frame = document.getElementById('map-frame');
  var pinned = null;
  function show(path, event) {
    var id = path.getAttribute('data-region-id');
    tip.innerHTML = data.tooltips[id] || '';
    tip.hidden = false;
    var box = frame.getBoundingClientRect();
    var x, y;
    if (event && event.clientX !== undefined && event.type !== 'focus') { x = event.clientX; y = event.clientY; }
    else { var r = path.getBoundingClientRect(); x = r.left + r.width / 2; y = r.top + r.height / 2; }
    var left = Math.min(x - box.left + 14, box.width - tip.offsetWidth - 4);
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, y - box.top + 14) + 'px';
    paths.forEach(function (p) { p.classList.toggle('active', p === path); });
  }
  function hide() {
    if (pinned) return;
    tip.hidden = true;
    paths.forEach(function (p) { p.classList.remove('active'); });
  }
  paths.forEach(function (path) {
    path.addEventListener('mousemove', function (event) { if (!pinned) show(path, event); });
    path.addEventListener('mouseleave', hide);
    path.addEventListener('focus', function (event) { show(path, event); });
    path.addEventListener('blur', hide);
    path.addEventListener('click', function (event) {
      pinned = pinned === path ? null : path;
      show(path, event);
    });
    path.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pinned = path; show(path); }
      if (event.key === 'Escape') { pinned = null; hide(); }
    });
  });

  function sortKey(row, col, numeric) {
    var cell = row.cells[col];
    var raw = cell.getAttribute('data-sort');
    if (numeric) return raw === null ? -Infinity : Number(raw);
    return (raw === null ? cell.textContent : raw).toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th button').forEach(function (button) {
      button.addEventListener('click', function () {
        var th = button.parentElement;
        var col = Number(th.getAttribute('data-col'));
        var numeric = button.getAttribute('data-type') === 'num';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a, col, numeric), y = sortKey(b, col, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  var filter = document.getElementById('region-filter');
  filter.addEventListener('input', function () {
    var text = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.getElementById('regions').tBodies[0].rows, function (row) {
      var name = (row.cells[0].textContent + ' ' + row.cells[1].textContent).toLowerCase();
      row.hidden = text !== '' && name.indexOf(text) < 0;
    });
  });
})();
`;
