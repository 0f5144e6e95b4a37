// The shelter map (避難所の地図), layered on the public shelter list, which stays the primary path
// (no JavaScript, screen readers, tiles out of reach on a closed network). The section is rendered
// hidden and shown here; its points are the page's own GeoJSON, so the map costs no extra request.
// Each marker says its state in words (開設・空き, 閉鎖 …): colour only repeats it.
(function () {
  'use strict';
  if (!window.L) {
    return;
  }

  var TILES = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
  var ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return el;
  }

  // Built from text nodes only: names and notes are staff's text, never markup.
  function popup(properties) {
    var box = document.createElement('div');
    var title = document.createElement('a');
    title.href = properties.url;
    title.textContent = properties.name;
    box.appendChild(title);
    box.appendChild(text('p', properties.label));
    if (properties.address) {
      box.appendChild(text('p', properties.address));
    }
    if (properties.note) {
      box.appendChild(text('p', properties.note));
    }
    return box;
  }

  function marker(feature, latlng) {
    var label = text('span', feature.properties.label);
    var icon = L.divIcon({ className: 'shelter-marker shelter-marker-' + feature.properties.state, html: label, iconSize: null });
    return L.marker(latlng, { icon: icon, title: feature.properties.name + '（' + feature.properties.label + '）', keyboard: true });
  }

  function start(section) {
    var data = document.getElementById(section.dataset.points);
    if (!data) {
      return;
    }
    var collection = JSON.parse(data.textContent);
    section.hidden = false;
    // Scroll-wheel zoom off: scrolling the page past the map must not zoom it instead.
    // fadeAnimation off: popups and tiles appear at once (a half-faded popup link failed axe's
    // contrast check on the report maps).
    var map = L.map(section.querySelector('.report-map-canvas'), { scrollWheelZoom: false, keyboard: true, fadeAnimation: false });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.tileLayer(TILES, { attribution: ATTRIBUTION, minZoom: 5, maxZoom: 18 }).addTo(map);
    var layer = L.geoJSON(collection, {
      pointToLayer: marker,
      onEachFeature: function (feature, point) {
        point.bindPopup(function () { return popup(feature.properties); });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [32, 32] });
  }

  function startAll() {
    Array.prototype.forEach.call(document.querySelectorAll('section[data-shelter-map]'), start);
  }

  // After the page has loaded: tiles from the GSI server must not hold up the list.
  if (document.readyState === 'complete') {
    startAll();
  } else {
    window.addEventListener('load', startAll);
  }
})();
