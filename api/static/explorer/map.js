/*
 * Leaflet maps whose only layers are the official boundaries: no basemap tiles, no other host.
 * Areas are filled by coverage status and can be chosen by click, or by keyboard (each area is a
 * focusable button: Tab to it, Enter or Space to choose it).
 */

export const STATUS = {
  covered: { label: 'covered once', fill: '#c6dbef' },
  uncovered: { label: 'uncovered', fill: '#e69f00' },
  twice: { label: 'covered twice', fill: '#cc79a7' },
  awaiting: { label: 'awaiting an arrangement', fill: '#f0e442' },
};
const ENGLAND = [[49.86, -6.42], [55.82, 1.77]];

function text(value) {
  const span = document.createElement('span');
  span.textContent = value;
  return span.innerHTML;
}

/** A map of England in `element`, with the boundaries' attribution. */
export function createMap(element, attribution) {
  const map = L.map(element, { zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 5, maxZoom: 13 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  if (attribution) map.attributionControl.addAttribution(text(attribution));
  map.fitBounds(ENGLAND);
  return map;
}

/**
 * The areas of `geojson` filled by `statusOf(properties)`; `onSelect(properties)` on click or
 * Enter. `highlight`: ids drawn with a thick outline (chosen or affected).
 */
export function areaLayer(geojson, options) {
  const statusOf = options.statusOf;
  const highlight = options.highlight || new Set();
  const layer = L.geoJSON(geojson, {
    filter: function (feature) { return feature.geometry !== null; },
    style: function (feature) {
      const status = STATUS[statusOf(feature.properties)] || STATUS.covered;
      const marked = highlight.has(feature.properties.id);
      return {
        color: marked ? (options.highlightColor || '#0b0c0c') : '#505a5f',
        weight: marked ? 3.5 : 0.7,
        fillColor: status.fill,
        fillOpacity: 0.85,
        className: 'area',
      };
    },
    onEachFeature: function (feature, path) {
      const p = feature.properties;
      const status = STATUS[statusOf(p)] || STATUS.covered;
      const label = p.name + ' (' + p.code + '): ' + status.label;
      path.bindTooltip(label, { sticky: true });
      if (options.onSelect) path.on('click', function () { options.onSelect(p); });
      path.on('add', function () {
        const el = path.getElement();
        if (!el) return;
        el.setAttribute('aria-label', label);
        el.dataset.id = p.id;
        el.dataset.code = p.code;
        if (options.onSelect) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'button');
          el.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              options.onSelect(p);
            }
          });
        } else {
          el.setAttribute('role', 'img');
        }
      });
    },
  });
  return layer;
}

/** Outlines only (partnerships, police forces, health bodies, districts), not interactive. */
export function outlineLayer(geojson, styleOf) {
  return L.geoJSON(geojson, {
    interactive: false,
    filter: function (feature) { return feature.geometry !== null; },
    style: function (feature) { return Object.assign({ fill: false }, styleOf(feature.properties)); },
    onEachFeature: function (feature, path) {
      path.on('add', function () {
        const el = path.getElement();
        if (!el) return;
        el.dataset.id = feature.properties.id;
        el.setAttribute('aria-hidden', 'true');
      });
    },
  });
}
