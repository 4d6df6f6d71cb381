// Redoc's standalone bundle renders "API docs by Redocly" with an <img> whose address is
// fixed to https://cdn.redoc.ly/redoc/logo-mini.svg. The API reference downloads nothing
// from elsewhere (the page's Content-Security-Policy refuses it), so that one image is
// given no address: Redoc's own error handler then leaves the logo out.
(function () {
  "use strict";
  var CDN = "https://cdn.redoc.ly/";
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && name === "src" && String(value).indexOf(CDN) === 0) {
      return;
    }
    return setAttribute.call(this, name, value);
  };
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      if (String(value).indexOf(CDN) !== 0) src.set.call(this, value);
    },
  });
})();
