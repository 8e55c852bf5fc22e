/*
 * A proposal on the map: a shipped one (GET /impact/{name}.json) or a pasted YAML one (POST
 * /impact.json). Before and after side by side, or one map toggled; the affected areas outlined;
 * the report (the same as GraphQL's ImpactReport.details) beside the maps.
 */
import { getJSON, graphql, postText } from './api.js';
import { h, number, percent, table } from './dom.js';
import { collection } from './geometry.js';
import { areaLayer, createMap, outlineLayer } from './map.js';

const AFFECTED = '#d55e00';
const $ = function (id) { return document.getElementById(id); };

function refName(r) { return r.name + (r.code && r.code !== r.id ? ' (' + r.code + ')' : ''); }
function list(items, show, empty) {
  if (!items.length) return h('p', { class: 'empty' }, empty);
  return h('ul', null, items.map(function (x) { return h('li', null, show(x)); }));
}

function compliance(c) {
  return (c.compliant ? 'compliant' : 'not compliant') + ' (' + c.local_authority_count + ' LAs, ' +
    c.partnership_count + ' partnerships)' + (c.reasons.length ? ': ' + c.reasons.join('; ') : '');
}

function shares(xs) {
  return xs.map(function (x) { return x.body.name + ' ' + percent(x.share) + (x.sliver ? ' (a sliver)' : ''); }).join('; ');
}

function standing(r) {
  if (r.hypothetical) return h('p', { class: 'error' }, 'Hypothetical: an illustration, not a proposal of anyone.');
  if (r.status === 'observed') return h('p', { id: 'impact-standing' }, 'A replay of a change that happened.');
  if (r.status !== 'proposed') return h('p', { id: 'impact-standing' }, 'Decided: an order made.');
  return h('p', { class: 'error', id: 'impact-standing' }, 'A proposal, not a decision' +
    (r.proposer ? ', by ' + r.proposer : '') + (r.standing ? ' (' + r.standing + ')' : '') + '.');
}

function report(r) {
  return [
    h('h3', { id: 'impact-name' }, r.proposal),
    standing(r),
    h('dl', { class: 'facts' },
      h('dt', null, 'Takes effect'), h('dd', null, r.effective),
      h('dt', null, 'Compared with'), h('dd', null, 'the real landscape of ' + r.before_date),
      h('dt', null, 'Before'), h('dd', null, compliance(r.before)),
      h('dt', null, 'After'), h('dd', null, compliance(r.after)),
      h('dt', null, 'People affected'), h('dd', null, number(r.affected.people) + ' (children: ' + number(r.affected.children) + ')')),
    r.steps.length ? h('h3', null, 'Steps') : null,
    r.steps.length ? list(r.steps, function (s) {
      return s.effective + (s.name ? ' (' + s.name + ')' : '') + ': ' + (s.new_entities.map(refName).join(', ') || 'nothing new') +
        '; ' + compliance(s.after);
    }, 'None.') : null,
    h('h3', null, 'New councils and bodies'),
    list(r.new_entities, function (e) { return refName(e) + ', ' + e.kind; }, 'None.'),
    h('h3', null, 'Ceasing'),
    list(r.ceased, refName, 'None.'),
    h('h3', null, 'Local authorities needing a new arrangement'),
    table('Needing an arrangement, with the partners its geography gives it',
      ['Local authority', 'Why', 'People', 'From partnerships', 'Placed in', 'Police forces', 'ICBs', 'Community safety partnerships'],
      r.needing_arrangement.map(function (n) {
        const p = n.partners || { police_forces: [], health_bodies: [], community_safety_partnerships: [] };
        return [refName(n.la), n.reason, number(n.population), n.from_partnerships.map(refName).join(', '),
          n.placed_in ? refName(n.placed_in) : 'none yet', shares(p.police_forces), shares(p.health_bodies),
          p.community_safety_partnerships.map(function (c) { return c.csp.name; }).join(', ')];
      }), 'None.'),
    h('h3', null, 'Partnerships that change'),
    table('Partnerships', ['Partnership', 'What happens', 'Gains', 'Loses'],
      r.partnerships.map(function (c) {
        function partners(xs) { return xs.map(function (x) { return x.partner.name + ' ' + percent(x.share); }).join('; '); }
        return [refName(c.partnership), c.status, partners(c.gained), partners(c.lost)];
      }), 'None.'),
    h('h3', null, 'Police forces and health bodies'),
    table('Partnerships each must work with', ['Body', 'Before', 'After', 'Uncovered LAs after'],
      r.bodies.map(function (b) { return [refName(b.body), b.partnerships_before, b.partnerships_after, b.uncovered_las_after]; }), 'No change.'),
    h('h3', null, 'Boards to re-form, and what the proposal does to boards'),
    list(r.boards_to_reform, function (b) { return refName(b.board) + ' (' + b.status + '): ' + b.reason; }, 'None.'),
    h('h3', null, 'Reviews in progress caught'),
    list(r.open_reviews, function (x) { return refName(x.review) + ' (' + x.status + ')'; }, 'None.'),
    h('h3', null, 'New slivers'),
    list(r.new_slivers, function (s) { return refName(s.area) + ' in ' + refName(s.body) + ': ' + percent(s.share); }, 'None.'),
  ];
}

export function setupImpact(options) {
  const maps = {};
  const layers = { before: [], after: [] };
  let showing = 'after';

  function status(message, bad) {
    const el = $('impact-status');
    el.textContent = message;
    el.className = bad ? 'error' : '';
  }

  async function draw(side, answer) {
    const c = answer.report[side];
    const uncovered = new Set(c.uncovered.map(function (r) { return r.id; }));
    const twice = new Set(c.multiply_covered.map(function (r) { return r.id; }));
    const rows = answer[side].families;
    const moved = new Set([].concat(answer.affected['police-forces'], answer.affected['health-bodies']));
    const bodies = rows['police-forces'].concat(rows['health-bodies']).filter(function (r) { return moved.has(r.id); });
    const [las, ps, bs] = await Promise.all([
      collection(rows['local-authorities']), collection(rows.partnerships), collection(bodies)]);
    if (!maps[side]) maps[side] = createMap($('map-' + side), answer.attribution);
    const map = maps[side];
    map.invalidateSize();
    layers[side].forEach(function (l) { map.removeLayer(l); });
    const affected = new Set(answer.affected['local-authorities']);
    const changed = new Set(answer.affected.partnerships);
    layers[side] = [
      areaLayer(las, {
        statusOf: function (p) { return uncovered.has(p.id) ? 'uncovered' : twice.has(p.id) ? 'twice' : 'covered'; },
        highlight: affected,
        highlightColor: AFFECTED,
      }).addTo(map),
      outlineLayer(ps, function (p) {
        return changed.has(p.id) ? { color: AFFECTED, weight: 3 } : { color: '#1d3557', weight: 1.5 };
      }).addTo(map),
      // the police forces and health bodies whose footprint the proposal changes, dashed
      outlineLayer(bs, function () { return { color: AFFECTED, weight: 2, dashArray: '6 4', className: 'body-outline' }; }).addTo(map),
    ];
    $(side + '-caption').textContent = (side === 'before' ? 'Before: the real landscape of ' : 'After: the landscape the proposal makes on ') +
      answer[side].date + ' (' + rows['local-authorities'].length + ' upper-tier LAs)';
  }

  function arrange() {
    const mode = document.querySelector('input[name="impact-view"]:checked').value;
    const box = $('impact-maps');
    box.classList.toggle('toggled', mode === 'toggle');
    $('impact-toggle').hidden = mode !== 'toggle';
    ['before', 'after'].forEach(function (side) {
      $('map-' + side).parentElement.classList.toggle('hidden-side', mode === 'toggle' && side !== showing);
    });
    $('impact-toggle').textContent = showing === 'after' ? 'Show before' : 'Show after';
    Object.values(maps).forEach(function (m) { m.invalidateSize(); });
  }

  async function show(load, what) {
    status('Working out the impact of ' + what + '…');
    let answer;
    try {
      answer = await load();
    } catch (err) {
      $('impact-result').hidden = true;
      status('The API refused this proposal: ' + err.message, true);
      return;
    }
    $('impact-result').hidden = false;
    $('impact-report').replaceChildren(h('div', null, report(answer.report)));
    await draw('before', answer);
    await draw('after', answer);
    arrange();
    status('The impact of ' + answer.report.proposal + ' on ' + answer.report.effective + '.');
    document.body.dataset.impact = answer.report.proposal;
  }

  $('impact-shipped').addEventListener('submit', function (event) {
    event.preventDefault();
    const name = $('proposal').value;
    if (!name) { status('Pick a proposal first.', true); return; }
    show(function () { return getJSON('/impact/' + encodeURIComponent(name) + '.json'); }, name);
  });
  $('impact-pasted').addEventListener('submit', function (event) {
    event.preventDefault();
    const text = $('yaml').value;
    show(function () { return postText('/impact.json', text); }, 'the pasted proposal');
  });
  document.querySelectorAll('input[name="impact-view"]').forEach(function (input) {
    input.addEventListener('change', arrange);
  });
  $('impact-toggle').addEventListener('click', function () {
    showing = showing === 'after' ? 'before' : 'after';
    arrange();
  });

  graphql('query ShippedProposals { shippedProposals }').then(function (data) {
    data.shippedProposals.forEach(function (name) {
      $('proposal').appendChild(h('option', { value: name }, name));
    });
  }, function (err) { status('No shipped proposals: ' + err.message, true); });
}
