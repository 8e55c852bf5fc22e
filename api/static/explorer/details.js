/*
 * The chosen LA or partnership on the date: its statutory partners with population shares, its
 * boards, reviews and history, each fact with its source and confidence, from GraphQL.
 */
import { graphql } from './api.js';
import { h, number, percent, provenance, table } from './dom.js';

const PROV = 'provenance { source locator confidence }';
const PARTNERS = 'partners { role code name statutory named namedAs populationShare sliver ' + PROV + ' organisation { kind } }';
const EVENTS = 'changeEvents { name date change ' + PROV + ' }';
const REVIEWS = 'reviews { code name reviewKind status published { iso } ' + PROV + ' }';

const LA = 'query ExplorerLocalAuthority($code: String!, $asOf: Date!) { localAuthority(code: $code, asOf: $asOf) {' +
  ' id code name kind validFrom validTo population children ' + PROV +
  ' partnerships { code name form ' + PARTNERS + ' }' +
  ' policeForces { code name population populationShare sliver }' +
  ' healthBodies { code name population populationShare sliver }' +
  ' boards { kind code name ' + PROV + ' } ' + REVIEWS + ' ' + EVENTS + ' } }';

const PARTNERSHIP = 'query ExplorerPartnership($code: String!, $asOf: Date!) { partnership(code: $code, asOf: $asOf) {' +
  ' id code name kind form validFrom validTo population children ' + PROV +
  ' localAuthorities { code name } ' + PARTNERS +
  ' posts { name role ' + PROV + ' } ' + REVIEWS + ' ' + EVENTS + ' } }';

const PAGE = { localAuthority: 'la', partnership: 'partnership' };

function shareRows(items) {
  return items.map(function (s) {
    return [s.name, s.code, number(s.population), percent(s.populationShare), s.sliver ? 'sliver' : ''];
  });
}

function partnersTable(p) {
  return table('Partners of ' + p.name, ['Role', 'Partner', 'Statutory', 'Named', 'Share of people', 'Source'],
    p.partners.map(function (x) {
      return [x.role.replace(/_/g, ' ').toLowerCase(), x.name + ' (' + x.code + ')', x.statutory ? 'yes' : 'no',
        x.named ? (x.namedAs || 'yes') : 'no', percent(x.populationShare) + (x.sliver ? ' (sliver)' : ''), provenance(x.provenance)];
    }), 'No partners on this date.');
}

function history(e) {
  return [
    h('h3', null, 'History'),
    h('p', null, 'Exists ' + (e.validFrom ? 'from ' + e.validFrom : 'from before the data') + (e.validTo ? ' to ' + e.validTo : '') + '.'),
    table('Reorganisations, mergers and recodes', ['Date', 'Change', 'Source'],
      e.changeEvents.map(function (c) { return [c.date || '', c.name, provenance(c.provenance)]; }),
      'No reorganisation, merger or recode involves it.'),
    h('h3', null, 'Where it comes from'), provenance(e.provenance),
  ];
}

function reviews(items) {
  return table('Reviews', ['Review', 'Kind', 'Status', 'Source'],
    items.map(function (r) { return [r.name, (r.reviewKind || '').replace(/_/g, ' ').toLowerCase(), (r.status || '').replace(/_/g, ' ').toLowerCase() + (r.published ? ' ' + r.published.iso : ''), provenance(r.provenance)]; }),
    'No reviews recorded.');
}

function localAuthority(la, asOf, choose) {
  const ps = la.partnerships;
  return [
    h('p', null, la.kind.replace(/_/g, ' ').toLowerCase() + ', ' + la.code + '; ' + number(la.population) + ' people, ' + number(la.children) + ' children.'),
    h('h3', null, "Children's safeguarding partnership"),
    ps.length === 0 ? h('p', { class: 'error' }, 'No partnership covers it on ' + asOf + '.')
      : h('ul', null, ps.map(function (p) {
        return h('li', null, h('button', { type: 'button', class: 'name', onclick: function () { choose('partnership', p.code); } }, p.name),
          ' (' + (p.form || 'form unknown') + ')');
      })),
    ps.length > 1 ? h('p', { class: 'error' }, 'Covered by ' + ps.length + ' partnerships.') : null,
    ps.map(partnersTable),
    h('h3', null, 'Its statutory partners by geography'),
    h('p', { class: 'note' }, 'Shares derived (confidence: derived) from the population blocks: the ONS LSOA lookups summed by district and health area.'),
    table('Police force areas with people of ' + la.name, ['Police force area', 'Code', 'People', 'Share', ''], shareRows(la.policeForces), 'None.'),
    table('Health bodies with people of ' + la.name, ['Health body', 'Code', 'People', 'Share', ''], shareRows(la.healthBodies), 'None.'),
    h('h3', null, 'Boards'),
    table('Boards with ' + la.name, ['Board', 'Kind', 'Source'],
      la.boards.map(function (b) { return [b.name, b.kind.replace(/_/g, ' ').toLowerCase(), provenance(b.provenance)]; }), 'No boards recorded.'),
    h('h3', null, 'Reviews'), reviews(la.reviews),
    history(la),
  ];
}

function partnership(p, asOf, choose) {
  return [
    h('p', null, (p.form || 'form unknown') + ' partnership, ' + p.code + '; ' + number(p.population) + ' people, ' + number(p.children) + ' children.'),
    h('h3', null, 'Member local authorities'),
    h('ul', null, p.localAuthorities.map(function (la) {
      return h('li', null, h('button', { type: 'button', class: 'name', onclick: function () { choose('localAuthority', la.code); } }, la.name), ' (' + la.code + ')');
    })),
    partnersTable(p),
    h('h3', null, 'Posts'),
    table('Posts', ['Post', 'Role', 'Source'], p.posts.map(function (x) { return [x.name, x.role || '', provenance(x.provenance)]; }), 'No posts recorded.'),
    h('h3', null, 'Reviews'), reviews(p.reviews),
    history(p),
  ];
}

/** Show the entity `code` of `kind` ('localAuthority' or 'partnership') on `asOf` in `panel`. */
export async function showDetails(panel, body, kind, code, asOf, choose) {
  const data = await graphql(kind === 'partnership' ? PARTNERSHIP : LA, { code: code, asOf: asOf });
  const e = data[kind];
  const page = '/' + PAGE[kind] + '/' + encodeURIComponent(e.code) + '?asOf=' + asOf;
  body.replaceChildren(h('div', null,
    h('h3', { class: 'entity-name', id: 'chosen', tabindex: '-1' }, e.name),
    h('p', null, h('a', { href: page }, 'Its page (linkable, with its full history)'), ' · ',
      h('a', { href: '/geo/' + (kind === 'partnership' ? 'partnerships' : 'local-authorities') + '/' + encodeURIComponent(e.code) + '.geojson?asOf=' + asOf }, 'GeoJSON')),
    kind === 'partnership' ? partnership(e, asOf, choose) : localAuthority(e, asOf, choose)));
  panel.hidden = false;
  return e;
}
