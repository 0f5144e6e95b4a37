// Maps of citizen reports (まちの困りごと), layered on pages that work without them: the list, the
// facility choice and the latitude/longitude fields stay the primary path (no JavaScript, screen
// readers, tiles out of reach). Each map is a <section data-report-map> rendered hidden and shown
// here. Text comes from data-* attributes so that it is localised by the page.
(function () {
  'use strict';
  if (!window.L) {
    return;
  }

  var TILES = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
  var ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';
  var JAPAN = [36.2, 138.25];
  var COLOURS = { Received: '#b3261e', InProgress: '#8a5a00', Closed: '#1b6e3a', Declined: '#4a4a4a' };

  function number(value) {
    var n = parseFloat(value);
    return isFinite(n) ? n : null;
  }

  function baseMap(section) {
    section.hidden = false;
    var canvas = section.querySelector('.report-map-canvas');
    var lat = number(section.dataset.lat);
    var lon = number(section.dataset.lon);
    // Scroll-wheel zoom off: scrolling the page past the map must not zoom it instead.
    // fadeAnimation off: popups and tiles appear at once (no half-transparent text for a moment,
    // which also failed axe's contrast check when it looked mid-fade).
    var map = L.map(canvas, { scrollWheelZoom: false, keyboard: true, fadeAnimation: false });
    map.setView(lat !== null && lon !== null ? [lat, lon] : JAPAN, lat !== null ? 12 : 5);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.tileLayer(TILES, { attribution: ATTRIBUTION, minZoom: 5, maxZoom: 18 }).addTo(map);
    return map;
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) {
      el.className = className;
    }
    return el;
  }

  // Built from text nodes only: descriptions and notes are residents' and staff's text, never markup.
  function popup(properties) {
    var box = document.createElement('div');
    var title = document.createElement('a');
    title.href = properties.url;
    title.textContent = properties.category;
    box.appendChild(title);
    box.appendChild(text('p', properties.status_name + '・' + properties.received));
    if (properties.address) {
      box.appendChild(text('p', properties.address));
    }
    if (properties.note) {
      box.appendChild(text('p', properties.note, 'quote'));
    }
    return box;
  }

  function showPoints(map, collection) {
    var layer = L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var colour = COLOURS[feature.properties.status] || '#4a4a4a';
        return L.circleMarker(latlng, { radius: 8, color: '#ffffff', weight: 2, fillColor: colour, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(function () { return popup(feature.properties); });
      }
    }).addTo(map);
    if (collection.features.length > 0) {
      map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [24, 24] });
    }
  }

  function listMap(section) {
    var map = baseMap(section);
    fetch(section.dataset.source, { headers: { Accept: 'application/geo+json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (collection) {
        if (collection) {
          showPoints(map, collection);
        }
      })
      .catch(function () { /* the list below has every report */ });
  }

  function embeddedMap(section) {
    var map = baseMap(section);
    var data = document.getElementById(section.dataset.points);
    if (data) {
      showPoints(map, JSON.parse(data.textContent));
    }
  }

  // The report form: a tap on the map or the device's position fills the latitude and longitude
  // fields (which stay editable, and move the marker when typed in).
  function pickerMap(section) {
    var map = baseMap(section);
    var latField = document.getElementById(section.dataset.latField);
    var lonField = document.getElementById(section.dataset.lonField);
    var status = section.querySelector('.report-map-status');
    var marker = null;

    function place(lat, lon, pan) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.circleMarker([lat, lon], { radius: 10, color: '#ffffff', weight: 3, fillColor: '#0b57d0', fillOpacity: 1 }).addTo(map);
      }
      if (pan) {
        map.setView([lat, lon], Math.max(map.getZoom(), 16));
      }
    }

    function fill(lat, lon) {
      latField.value = lat.toFixed(6);
      lonField.value = lon.toFixed(6);
      status.textContent = section.dataset.chosen.replace('{0}', latField.value).replace('{1}', lonField.value);
    }

    function fromFields() {
      var lat = number(latField.value);
      var lon = number(lonField.value);
      if (lat !== null && lon !== null) {
        place(lat, lon, true);
      }
    }

    map.on('click', function (e) {
      fill(e.latlng.lat, e.latlng.lng);
      place(e.latlng.lat, e.latlng.lng, false);
    });
    latField.addEventListener('change', fromFields);
    lonField.addEventListener('change', fromFields);
    fromFields();

    if (navigator.geolocation) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = section.dataset.gpsLabel;
      button.addEventListener('click', function () {
        status.textContent = section.dataset.gpsWaiting;
        navigator.geolocation.getCurrentPosition(function (position) {
          fill(position.coords.latitude, position.coords.longitude);
          place(position.coords.latitude, position.coords.longitude, true);
        }, function () {
          status.textContent = section.dataset.gpsFailed;
        }, { enableHighAccuracy: true, timeout: 15000 });
      });
      section.querySelector('.report-map-actions').appendChild(button);
    }
  }

  var kinds = { list: listMap, embedded: embeddedMap, picker: pickerMap };
  function startAll() {
    Array.prototype.forEach.call(document.querySelectorAll('section[data-report-map]'), function (section) {
      var start = kinds[section.dataset.reportMap];
      if (start) {
        start(section);
      }
    });
  }

  // After the page has loaded: tiles from the GSI server (slow, or unreachable on a closed
  // network) must not hold up the page's load, which the form and the list never depend on.
  if (document.readyState === 'complete') {
    startAll();
  } else {
    window.addEventListener('load', startAll);
  }
})();
