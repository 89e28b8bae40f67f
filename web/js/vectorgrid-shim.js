// Leaflet.VectorGrid 1.3.0 calls L.DomEvent.fakeStop, which Leaflet 1.8+ removed: give it back before the plugin loads.
// A classic script (not a module) so that it runs before the plugin's own script tag.
(function shim(L) {
  if (L && L.DomEvent && !L.DomEvent.fakeStop) {
    L.DomEvent.fakeStop = function fakeStop(e) {
      // eslint-disable-next-line no-underscore-dangle
      L.DomEvent._skipped = L.DomEvent._skipped || {};
      e._stopped = true;
    };
  }
}(window.L));
