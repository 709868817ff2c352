/* dyadwatch: draw every figure of a dyad page and make incident markers clickable.
 * Each <script type="application/json" class="dw-figure" data-target="ID"> holds a Plotly figure
 * {"data": [...], "layout": {...}} for the <div id="ID">. Data is read with JSON.parse only: no eval,
 * no innerHTML. A click on a point follows its customdata when it is a site path or an http(s) URL. */
(function () {
  "use strict";

  function navigable(target) {
    if (typeof target !== "string") {
      return false;
    }
    if (target.charAt(0) === "/") {
      return target.charAt(1) !== "/" && target.charAt(1) !== "\\";
    }
    return /^https?:\/\//i.test(target);
  }

  function render(script) {
    var target = document.getElementById(script.getAttribute("data-target") || "");
    if (!target || typeof window.Plotly === "undefined") {
      return;
    }
    var figure;
    try {
      figure = JSON.parse(script.textContent || "{}");
    } catch (error) {
      target.setAttribute("data-error", "bad figure");
      return;
    }
    var config = {displayModeBar: false, responsive: true};
    window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config).then(function () {
      target.setAttribute("data-rendered", "true");
      target.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        if (point && navigable(point.customdata)) {
          window.location.assign(point.customdata);
        }
      });
    });
  }

  function renderAll() {
    var scripts = document.querySelectorAll("script.dw-figure");
    for (var i = 0; i < scripts.length; i += 1) {
      render(scripts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
