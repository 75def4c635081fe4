// Draws every figure listed in the page's JSON block with the inlined plotly.js.
(function () {
  "use strict";
  function webglAvailable() {
    try {
      var canvas = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (canvas.getContext("webgl") || canvas.getContext("experimental-webgl")));
    } catch (e) {
      return false;
    }
  }
  function message(element, text) {
    element.className += " message";
    element.setAttribute("data-rendered", "message");
    element.textContent = text;
  }
  var figures = JSON.parse(document.getElementById("sam4j-figures").textContent);
  var config = { displaylogo: false, responsive: true, toImageButtonOptions: { format: "png", scale: 2 } };
  var webgl = null;
  figures.forEach(function (figure) {
    var element = document.getElementById(figure.id);
    if (!element) {
      return;
    }
    if (typeof Plotly === "undefined") {
      message(element, "plotly.js did not load: the figures cannot be drawn.");
      return;
    }
    if (figure.webgl) {
      if (webgl === null) {
        webgl = webglAvailable();
      }
      if (!webgl) {
        message(element, "This 3-D surface needs WebGL, which this browser does not offer; the contour plot shows the same grid.");
        return;
      }
    }
    Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.setAttribute("data-rendered", "plot");
    });
  });
})();
