/*
 * The explorer: England's upper-tier LAs on a date, filled by their coverage status, with the
 * children's partnerships over them (joint ones dashed) and optional layers of ICBs (CCGs before
 * July 2022), police force areas and districts; a sortable table of the same rows with CSV; the
 * chosen LA or partnership in detail. Every answer comes from this app: GraphQL for the facts,
 * /geo/ for how each footprint is drawn from the boundaries the build ships.
 */
import { graphql, getJSON } from './api.js';
import { showDetails } from './details.js';
import { collection } from './geometry.js';
import { setupImpact } from './impact.js';
import { STATUS, areaLayer, createMap, outlineLayer } from './map.js';
import { download, renderTable, toCSV } from './table.js';

const $ = function (id) { return document.getElementById(id); };
const OVERLAYS = {
  'health-bodies': function () { return { color: '#009e73', weight: 2.4 }; },
  'police-forces': function () { return { color: '#0072b2', weight: 2.4, dashArray: '2 6' }; },
  districts: function () { return { color: '#6f777b', weight: 0.6 }; },
};
const JOINT = { color: '#6a3d9a', weight: 3.2, dashArray: '7 4', className: 'joint' };
const SINGLE = { color: '#1d3557', weight: 1.6 };

const state = {
  asOf: null, chosen: null, statusOf: new Map(), partnershipOf: new Map(), las: [], partnerships: [],
  rows: {}, drawn: {}, layers: {}, awaiting: [], days: null,
};
let map;

function setStatus(message, bad) {
  const el = $('status');
  el.textContent = message;
  el.classList.toggle('bad', Boolean(bad));
}

function fail(err) {
  document.body.dataset.ready = 'error';
  setStatus('The API refused this: ' + err.message, true);
}

function innermost(type) {
  while (type.ofType) type = type.ofType;
  return type;
}

/** Coverage fields naming LAs awaiting an arrangement, if the schema has any (found, not assumed). */
async function awaitingFields() {
  const data = await graphql('query CoverageFields { __type(name: "Coverage") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }');
  if (!data.__type) return [];
  return data.__type.fields.filter(function (f) {
    const t = innermost(f.type);
    return /^awaiting/i.test(f.name) && (t.kind === 'OBJECT' || t.kind === 'INTERFACE');
  }).map(function (f) { return f.name; });
}

function landscapeQuery() {
  const awaiting = state.awaiting.map(function (f) { return f + ' { code name }'; }).join(' ');
  return 'query ExplorerLandscape($asOf: Date!) {' +
    ' coverage(asOf: $asOf) { compliant reasons localAuthorityCount partnershipCount' +
    ' uncovered { code name since until } multiplyCovered { code name since until } ' + awaiting + ' }' +
    ' localAuthorities(asOf: $asOf, first: ' + PAGE + ') { ' + LISTS.localAuthorities + ' }' +
    ' partnerships(asOf: $asOf, first: ' + PAGE + ') { ' + LISTS.partnerships + ' } }';
}

const PAGE = 200; // rows per page: well within any sensible maximum page size of the server
const LISTS = {
  localAuthorities: 'pageInfo { hasNextPage endCursor } nodes { code name kind population }',
  partnerships: 'pageInfo { hasNextPage endCursor } nodes { code name form localAuthorities { code } }',
};

/** The rest of a list whose first page `page` came with the landscape query. */
async function rest(field, page, asOf) {
  const nodes = page.nodes.slice();
  let info = page.pageInfo;
  while (info.hasNextPage) {
    const q = 'query ExplorerMore($asOf: Date!, $after: String) { ' + field +
      '(asOf: $asOf, first: ' + PAGE + ', after: $after) { ' + LISTS[field] + ' } }';
    const more = (await graphql(q, { asOf: asOf, after: info.endCursor }))[field];
    nodes.push.apply(nodes, more.nodes);
    info = more.pageInfo;
  }
  return nodes;
}

function rowsOf(family, asOf) {
  return getJSON('/geo/' + family + '.json?asOf=' + encodeURIComponent(asOf));
}

async function drawOverlay(family) {
  if (state.layers[family]) { map.removeLayer(state.layers[family]); delete state.layers[family]; }
  if (!$('layer-' + family).checked) return;
  const asOf = state.asOf;
  if (!state.rows[family] || state.rows[family].asOf !== asOf) state.rows[family] = await rowsOf(family, asOf);
  if (asOf !== state.asOf) return; // the date moved on meanwhile
  const rows = state.rows[family].rows;
  const geo = await collection(rows);
  const style = family === 'partnerships'
    ? function (p) { return state.joint.has(p.code) ? JOINT : SINGLE; }
    : OVERLAYS[family];
  state.layers[family] = outlineLayer(geo, style).addTo(map);
  const missing = rows.filter(function (r) { return !r.drawn; });
  const el = $('layer-' + family).parentElement;
  el.title = missing.length ? missing.length + ' of ' + rows.length + ' not drawn (no boundary available): ' +
    missing.slice(0, 5).map(function (r) { return r.name + ': ' + r.note; }).join('; ') : rows.length + ' drawn';
  if (family === 'health-bodies') {
    const ccg = rows.some(function (r) { return r.kind === 'ClinicalCommissioningGroup'; });
    $('health-label').textContent = (ccg ? 'CCGs' : 'ICBs') + (missing.length ? ' (' + missing.length + ' of ' + rows.length + ' without a boundary)' : '');
  }
}

function statusLabel(code) { return STATUS[state.statusOf.get(code) || 'covered'].label; }

function tableRows(kind) {
  if (kind === 'partnerships') {
    return state.partnerships.map(function (p) {
      return { code: p.code, name: p.name, form: p.form || 'unknown', count: p.localAuthorities.length,
        members: p.localAuthorities.map(function (la) { return la.name; }).join('; ') };
    });
  }
  return state.las.map(function (la) {
    return { code: la.code, name: la.name, kind: la.kind.replace(/_/g, ' ').toLowerCase(),
      partnership: la.partnerships.map(function (p) { return p.name; }).join('; ') || 'none',
      form: la.partnerships.map(function (p) { return p.form || 'unknown'; }).join('; '),
      status: statusLabel(la.code), people: la.population };
  });
}

const COLUMNS = {
  'local-authorities': [
    { key: 'name', label: 'Local authority', choose: true }, { key: 'code', label: 'Code' },
    { key: 'kind', label: 'Type' }, { key: 'partnership', label: 'Partnership' }, { key: 'form', label: 'Form' },
    { key: 'status', label: 'Coverage', cellClass: function (r) { return 'status-' + (state.statusOf.get(r.code) || 'covered'); } },
    { key: 'people', label: 'People', type: 'number', format: function (v) { return Number(v).toLocaleString('en-GB'); } },
  ],
  partnerships: [
    { key: 'name', label: 'Partnership', choose: true }, { key: 'code', label: 'Code' }, { key: 'form', label: 'Form' },
    { key: 'count', label: 'LAs', type: 'number' }, { key: 'members', label: 'Member LAs' },
  ],
};

function drawTable() {
  const kind = $('table-of').value;
  const caption = (kind === 'partnerships' ? "Children's partnerships" : 'Upper-tier local authorities') + ' on ' + state.asOf;
  renderTable($('table'), caption, COLUMNS[kind], tableRows(kind), function (row) {
    choose(kind === 'partnerships' ? 'partnership' : 'localAuthority', row.code);
  });
}

function drawAreas() {
  if (state.layers.areas) map.removeLayer(state.layers.areas);
  const chosen = state.chosen && state.chosen.kind === 'localAuthority' ? state.drawn.byCode.get(state.chosen.code) : null;
  state.layers.areas = areaLayer(state.drawn.las, {
    statusOf: function (p) { return state.statusOf.get(p.code) || 'covered'; },
    highlight: new Set(chosen ? [chosen] : []),
    onSelect: function (p) { choose('localAuthority', p.code); },
  }).addTo(map);
  state.layers.areas.bringToBack();
}

function syncUrl() {
  const params = new URLSearchParams({ asOf: state.asOf });
  if (state.chosen) params.set('select', state.chosen.code);
  history.replaceState(null, '', '/?' + params.toString() + location.hash);
}

async function show(asOf) {
  state.asOf = asOf;
  document.body.dataset.ready = 'loading';
  setStatus('Loading the landscape of ' + asOf + '…');
  let las, data;
  try {
    [las, data] = await Promise.all([rowsOf('local-authorities', asOf), graphql(landscapeQuery(), { asOf: asOf })]);
  } catch (err) {
    fail(err);
    return;
  }
  if (asOf !== state.asOf) return;
  const c = data.coverage;
  state.statusOf = new Map();
  c.uncovered.forEach(function (i) { state.statusOf.set(i.code, 'uncovered'); });
  c.multiplyCovered.forEach(function (i) { state.statusOf.set(i.code, 'twice'); });
  state.awaiting.forEach(function (f) { (c[f] || []).forEach(function (i) { state.statusOf.set(i.code, 'awaiting'); }); });
  let laNodes;
  try {
    [laNodes, state.partnerships] = await Promise.all([
      rest('localAuthorities', data.localAuthorities, asOf), rest('partnerships', data.partnerships, asOf)]);
  } catch (err) {
    fail(err);
    return;
  }
  const names = new Map(laNodes.map(function (la) { return [la.code, la.name]; }));
  const covering = new Map();
  state.partnerships.forEach(function (p) {
    p.localAuthorities.forEach(function (la) {
      la.name = names.get(la.code) || la.code;
      if (!covering.has(la.code)) covering.set(la.code, []);
      covering.get(la.code).push(p);
    });
  });
  state.las = laNodes.map(function (la) {
    return Object.assign({ partnerships: covering.get(la.code) || [] }, la);
  });
  state.joint = new Set(state.partnerships.filter(function (p) { return p.localAuthorities.length > 1 || p.form === 'joint'; }).map(function (p) { return p.code; }));
  state.drawn.las = await collection(las.rows);
  state.drawn.byCode = new Map(las.rows.map(function (r) { return [r.code, r.id]; }));
  drawAreas();
  await Promise.all(['partnerships', 'health-bodies', 'police-forces', 'districts'].map(drawOverlay));
  drawTable();
  $('find-list').replaceChildren.apply($('find-list'), state.las.concat(state.partnerships).map(function (e) {
    const o = document.createElement('option');
    o.value = e.name;
    return o;
  }));
  const undrawn = las.rows.filter(function (r) { return !r.drawn; });
  setStatus(asOf + ': ' + c.localAuthorityCount + ' upper-tier local authorities, ' + c.partnershipCount +
    ' partnerships (' + state.joint.size + ' joint); ' + (c.compliant ? 'every LA covered exactly once.' : c.reasons.join('; ') + '.') +
    (undrawn.length ? ' ' + undrawn.length + ' without a boundary: ' + undrawn.map(function (r) { return r.name; }).join(', ') + '.' : ''),
    !c.compliant);
  $('date').value = asOf;
  document.body.dataset.asOf = asOf;
  document.body.dataset.ready = 'true';
  if (state.chosen) await choose(state.chosen.kind, state.chosen.code, true);
  syncUrl();
}

async function choose(kind, code, quiet) {
  state.chosen = { kind: kind, code: code };
  try {
    await showDetails($('details'), $('details-body'), kind, code, state.asOf, choose);
  } catch (err) {
    $('details').hidden = false;
    $('details-body').replaceChildren(document.createTextNode('The API refused this: ' + err.message));
    return;
  }
  if (state.drawn.las) drawAreas();
  if (!quiet) $('chosen').focus();
  syncUrl();
}

function find(text) {
  const t = text.trim().toLowerCase();
  if (!t) return;
  const exact = function (e) { return e.name.toLowerCase() === t || e.code.toLowerCase() === t; };
  const part = function (e) { return e.name.toLowerCase().includes(t); };
  const la = state.las.find(exact) || null;
  const p = state.partnerships.find(exact) || null;
  const hit = la ? ['localAuthority', la] : p ? ['partnership', p]
    : state.las.find(part) ? ['localAuthority', state.las.find(part)]
      : state.partnerships.find(part) ? ['partnership', state.partnerships.find(part)] : null;
  if (!hit) { setStatus('Nothing on ' + state.asOf + ' is called "' + text + '".', true); return; }
  choose(hit[0], hit[1].code);
}

async function start() {
  const params = new URLSearchParams(location.search);
  let days;
  try {
    [days, state.awaiting] = await Promise.all([getJSON('/geo/days.json'), awaitingFields()]);
  } catch (err) {
    fail(err);
    return;
  }
  state.days = days;
  $('attribution').textContent = days.attribution;
  $('date').min = days.dataStart;
  days.days.forEach(function (d) {
    const o = document.createElement('option');
    o.value = d;
    o.textContent = d;
    $('stop').appendChild(o);
  });
  map = createMap($('map'), days.attribution);
  if (params.get('select')) {
    const code = params.get('select');
    state.chosen = { kind: /^E(06|07|08|09|10)\d{6}$/.test(code) || /^\d{3}$/.test(code) ? 'localAuthority' : 'partnership', code: code };
  }
  $('controls').addEventListener('submit', function (event) {
    event.preventDefault();
    if ($('find').value.trim() && document.activeElement === $('find')) { find($('find').value); return; }
    show($('date').value || new Date().toISOString().slice(0, 10));
  });
  $('stop').addEventListener('change', function () { if ($('stop').value) show($('stop').value); });
  $('find').addEventListener('change', function () { find($('find').value); });
  ['partnerships', 'health-bodies', 'police-forces', 'districts'].forEach(function (family) {
    $('layer-' + family).addEventListener('change', function () { drawOverlay(family).catch(fail); });
  });
  $('table-of').addEventListener('change', drawTable);
  $('download').addEventListener('click', function () {
    const kind = $('table-of').value;
    download(kind + '-' + state.asOf + '.csv', toCSV(COLUMNS[kind], tableRows(kind)));
  });
  setupImpact({});
  await show(params.get('asOf') || new Date().toISOString().slice(0, 10));
}

if (!window.L || !window.topojson) {
  setStatus('The map could not start: its scripts under /static/vendor/ did not load.', true);
} else {
  start();
}
