// The map of an open data table with 緯度/経度, layered on the page's list of points (which stays
// the primary path: no JavaScript, screen readers, tiles out of reach). Points come from the
// page's GeoJSON endpoint; popups are built from text nodes (cell values are data, never markup).
(function () {
  'use strict';
  if (!window.L || !window.fetch) {
    return;
  }

  var TILES = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
  var ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';

  function popup(properties) {
    var box = document.createElement('div');
    var link = document.createElement('a');
    link.href = properties.url;
    link.textContent = properties.name;
    box.appendChild(link);
    return box;
  }

  document.querySelectorAll('[data-opendata-map]').forEach(function (section) {
    fetch(section.dataset.geojson, { headers: { Accept: 'application/geo+json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.features || data.features.length === 0) {
          return;
        }
        section.hidden = false;
        // fadeAnimation off: popups appear at once (axe once caught a popup link mid-fade with too little contrast).
        var map = L.map(section.querySelector('.report-map-canvas'), { scrollWheelZoom: false, keyboard: true, fadeAnimation: false });
        map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
        L.tileLayer(TILES, { attribution: ATTRIBUTION, minZoom: 5, maxZoom: 18 }).addTo(map);
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#0b57d0', fillOpacity: 1 });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(feature.properties));
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
      })
      .catch(function () { /* the list below is the map without tiles */ });
  });
})();
