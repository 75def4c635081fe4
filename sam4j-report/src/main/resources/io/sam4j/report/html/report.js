// Draws every figure listed in the page's JSON block with the inlined plotly.js.
(function () {
  "use strict";
  function message(element, text) {
    element.className += " message";
    element.setAttribute("data-rendered", "message");
    element.textContent = text;
  }
  var figures = JSON.parse(document.getElementById("sam4j-figures").textContent);
  // The toolbar shows on hover only, with the buttons a reader of a finished figure uses; the titles
  // sit left and the bar right (see report.css), so it never covers a title.
  var config = {
    displaylogo: false,
    displayModeBar: "hover",
    responsive: true,
    modeBarButtonsToRemove: ["sendChartToCloud", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "toggleSpikelines",
      "hoverClosestCartesian", "hoverCompareCartesian"],
    toImageButtonOptions: { format: "png", scale: 2 }
  };
  figures.forEach(function (figure) {
    var element = document.getElementById(figure.id);
    if (!element) {
      return;
    }
    if (typeof Plotly === "undefined") {
      message(element, "plotly.js did not load: the figures cannot be drawn.");
      return;
    }
    Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.setAttribute("data-rendered", "plot");
    });
  });
})();
