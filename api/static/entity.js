/*
 * The small map of an entity page: its footprint on the page's date, from the app's own GeoJSON
 * feed (the URL is the map element's data-geojson). No basemap: the boundary is the map.
 */
(function () {
  'use strict';
  const element = document.getElementById('entity-map');
  const note = document.getElementById('map-note');
  const credit = document.getElementById('attribution');
  if (!element || !window.L) return;

  fetch(element.dataset.geojson, { headers: { Accept: 'application/geo+json, application/json' } })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body.errors && body.errors[0].message) || 'HTTP ' + response.status);
        return body;
      });
    })
    .then(function (feature) {
      if (credit) credit.textContent = feature.attribution || '';
      if (!feature.geometry) {
        element.hidden = true;
        note.textContent = 'No map: ' + feature.properties.note;
        return;
      }
      const map = L.map(element, { zoomSnap: 0.25 });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      const layer = L.geoJSON(feature, { style: { color: '#1d3557', weight: 2, fillColor: '#c6dbef', fillOpacity: 0.7 } }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [12, 12] });
      const p = feature.properties;
      note.textContent = 'Drawn from the ONS boundaries ' + p.layer + ' (' + p.source + '): ' +
        (p.note || 'its own published boundary') + ' (confidence: ' + p.confidence + ').';
      element.dataset.ready = 'true';
    })
    .catch(function (error) {
      element.hidden = true;
      note.textContent = 'No map: ' + error.message;
    });
})();
