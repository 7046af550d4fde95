/* Relais: the map of places and the "around me" button of the directory.
   Progressive enhancement only: the pages work without this file, and the list of places stays
   the reference. Every text shown comes from the page's data- attributes (locales/fr/main.ftl);
   nothing here is written for people to read. Plain ES5, no build step. */
(function () {
  'use strict';

  // Places on the map are drawn as SVG circles: no marker images to serve, and no tab stop per
  // place (each place is already a link in the list next to the map).
  var POINT_STYLE = {
    radius: 9,
    color: '#ffffff',
    weight: 2,
    fillColor: '#1d4e89',
    fillOpacity: 1,
    className: 'map-point'
  };
  var CLOSEST_ZOOM = 15;
  // Rounded to about 100 m: enough to find the nearest places, and the address (kept in the
  // browser history) does not give away where exactly the person stands.
  var POSITION_DECIMALS = 3;

  function readPoints(container) {
    var points;
    try {
      points = JSON.parse(container.getAttribute('data-points') || '[]');
    } catch (error) {
      return [];
    }
    if (!Array.isArray(points)) return [];
    return points.filter(function (point) {
      return point && typeof point.lat === 'number' && isFinite(point.lat) &&
        typeof point.lon === 'number' && isFinite(point.lon) && point.id !== undefined;
    });
  }

  // Leaflet writes attributions as HTML; the configured text is shown as text.
  function asHtml(text) {
    var element = document.createElement('span');
    element.textContent = text;
    return element.innerHTML;
  }

  function showNote(container, text) {
    if (!text || container.getAttribute('data-note-shown')) return;
    container.setAttribute('data-note-shown', 'yes');
    var note = document.createElement('p');
    note.className = 'hint map-note';
    note.textContent = text;
    container.parentNode.insertBefore(note, container.nextSibling);
  }

  function placeLink(point) {
    var link = document.createElement('a');
    link.href = '/lieux/' + encodeURIComponent(point.id);
    link.textContent = point.nom || String(point.id);
    return link;
  }

  function showMap(container) {
    var points = readPoints(container);
    if (points.length === 0) return;
    var data = container.dataset;
    container.hidden = false;
    var isCalm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var map = L.map(container, {
      zoomControl: false,
      fadeAnimation: !isCalm,
      zoomAnimation: !isCalm,
      markerZoomAnimation: !isCalm,
      attributionControl: false,
      // The page scrolls under the wheel and under one finger; the map moves with the keyboard,
      // the buttons, a double click or two fingers.
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile
    });
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    L.control.attribution({ prefix: false }).addTo(map);
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 19, attribution: asHtml(data.attribution || '') })
        .on('tileerror', function () { showNote(container, data.noTiles); })
        .addTo(map);
    } else {
      showNote(container, data.noTiles);
    }
    var bounds = [];
    points.forEach(function (point) {
      var position = [point.lat, point.lon];
      bounds.push(position);
      L.circleMarker(position, POINT_STYLE).bindPopup(placeLink(point)).addTo(map);
    });
    map.on('popupopen', function (event) {
      var close = event.popup.getElement().querySelector('.leaflet-popup-close-button');
      if (close) close.setAttribute('aria-label', data.close);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], CLOSEST_ZOOM);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: CLOSEST_ZOOM });
    }
  }

  function hiddenInput(form, name) {
    var input = form.querySelector('input[type=hidden][name=' + name + ']');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  function forgetPosition(form) {
    ['lat', 'lon'].forEach(function (name) {
      var input = form.querySelector('input[type=hidden][name=' + name + ']');
      if (input) input.parentNode.removeChild(input);
    });
  }

  function addLocateButton(form) {
    // Browsers only give a position to secure pages; without it the button could not work.
    if (!navigator.geolocation || !window.isSecureContext) return;
    var data = form.dataset;
    var commune = form.querySelector('#commune');
    var anchor = commune ? commune.closest('.field') : null;
    if (!anchor || !data.locate) return;

    var field = document.createElement('div');
    field.className = 'field locate';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary';
    button.textContent = data.locate;
    var message = document.createElement('p');
    message.className = 'hint';
    message.setAttribute('role', 'status');
    field.appendChild(button);
    field.appendChild(message);
    anchor.parentNode.insertBefore(field, anchor.nextSibling);

    // A commune typed by the person replaces a position kept from an earlier search.
    commune.addEventListener('input', function () { forgetPosition(form); });

    // Not disabled while waiting: a disabled button would lose the keyboard focus.
    var isWaiting = false;
    button.addEventListener('click', function () {
      if (isWaiting) return;
      isWaiting = true;
      message.textContent = data.locateWaiting;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          hiddenInput(form, 'lat').value = position.coords.latitude.toFixed(POSITION_DECIMALS);
          hiddenInput(form, 'lon').value = position.coords.longitude.toFixed(POSITION_DECIMALS);
          commune.value = '';
          form.submit();
        },
        function (error) {
          isWaiting = false;
          message.textContent = error.code === error.PERMISSION_DENIED
            ? data.locateDenied
            : data.locateFailed;
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }

  function start() {
    if (window.L) {
      Array.prototype.forEach.call(document.querySelectorAll('.map[data-points]'), showMap);
    }
    Array.prototype.forEach.call(document.querySelectorAll('form[data-locate]'), addLocateButton);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
