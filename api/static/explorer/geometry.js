/*
 * Footprints from the boundary layers the app ships: each row of a /geo/{family}.json answer says
 * which layer draws it and which of the layer's features make it (drawnFrom); the union is made
 * here with topojson.merge, so a change of date fetches only those rows, not new geometry.
 */
import { getJSON } from './api.js';

const layers = new Map(); // layer name -> promise of its TopoJSON
const indexes = new WeakMap(); // topology -> Map(code -> geometry object)

/** The TopoJSON of one boundary layer, fetched once. */
export function topology(name) {
  if (!layers.has(name)) layers.set(name, getJSON('/geo/layers/' + encodeURIComponent(name) + '.topojson'));
  return layers.get(name);
}

function geometryOf(topo, name, codes) {
  let index = indexes.get(topo);
  if (!index) {
    index = new Map(topo.objects[name].geometries.map(function (g) { return [g.id, g]; }));
    indexes.set(topo, index);
  }
  const parts = codes.map(function (code) { return index.get(code); }).filter(Boolean);
  if (parts.length === 0) return null;
  if (parts.length === 1) return topojson.feature(topo, parts[0]).geometry;
  return topojson.merge(topo, parts);
}

/** A GeoJSON FeatureCollection of rows; a row the files cannot draw has a null geometry. */
export async function collection(rows) {
  const names = Array.from(new Set(rows.filter(function (r) { return r.layer; }).map(function (r) { return r.layer; })));
  const topos = {};
  await Promise.all(names.map(async function (name) { topos[name] = await topology(name); }));
  return {
    type: 'FeatureCollection',
    features: rows.map(function (row) {
      return {
        type: 'Feature',
        id: row.id,
        properties: row,
        geometry: row.layer ? geometryOf(topos[row.layer], row.layer, row.drawnFrom || []) : null,
      };
    }),
  };
}
