/*
 * A sortable table of the rows the map shows (the page works without the map), and its CSV.
 * Column headers are buttons; aria-sort says the order. A name is a button choosing that row.
 */

function compare(type) {
  return function (a, b) {
    if (type === 'number') return (a === null ? -Infinity : a) - (b === null ? -Infinity : b);
    return String(a === null ? '' : a).localeCompare(String(b === null ? '' : b), 'en');
  };
}

/**
 * Render `rows` into `container` with `columns` ([{key, label, type, choose}]); `onChoose(row)`
 * when a name is chosen. The sort order is kept on the container between renders.
 */
export function renderTable(container, caption, columns, rows, onChoose) {
  const sort = container._sort || { key: columns[0].key, dir: 1 };
  container._sort = sort;
  const column = columns.find(function (c) { return c.key === sort.key; }) || columns[0];
  const cmp = compare(column.type);
  const sorted = rows.slice().sort(function (a, b) { return sort.dir * cmp(a[column.key], b[column.key]); });

  const table = document.createElement('table');
  table.className = 'data';
  const cap = document.createElement('caption');
  cap.textContent = caption;
  table.appendChild(cap);
  const head = table.createTHead().insertRow();
  columns.forEach(function (c) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (c.key === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = c.label;
    button.addEventListener('click', function () {
      container._sort = { key: c.key, dir: c.key === sort.key ? -sort.dir : 1 };
      renderTable(container, caption, columns, rows, onChoose);
      container.querySelector('th[aria-sort] button').focus();
    });
    th.appendChild(button);
    head.appendChild(th);
  });
  const body = table.createTBody();
  sorted.forEach(function (row) {
    const tr = body.insertRow();
    tr.dataset.code = row.code;
    columns.forEach(function (c) {
      const td = tr.insertCell();
      const value = row[c.key];
      if (c.choose && onChoose) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'name';
        button.textContent = value;
        button.addEventListener('click', function () { onChoose(row); });
        td.appendChild(button);
      } else {
        td.textContent = value === null || value === undefined ? '' : (c.format ? c.format(value) : value);
      }
      if (c.cellClass) td.className = c.cellClass(row);
    });
  });
  container.replaceChildren(table);
}

/** The rows as CSV (RFC 4180: quoted where needed, CRLF line ends). */
export function toCSV(columns, rows) {
  function cell(value) {
    const s = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  const lines = [columns.map(function (c) { return cell(c.label); }).join(',')];
  rows.forEach(function (row) { lines.push(columns.map(function (c) { return cell(row[c.key]); }).join(',')); });
  return lines.join('\r\n') + '\r\n';
}

/** Offer `text` as a file download named `name` (no request: a blob of the page's own data). */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}
