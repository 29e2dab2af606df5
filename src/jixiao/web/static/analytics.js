// Analytics charts: ECharts options from the page's JSON; a click on a bar or point (or its
// column) opens the documents behind it (the same links as the table under the chart).
(function () {
  function draw() {
    var data = document.getElementById("chart-data");
    if (!data || typeof echarts === "undefined") return;
    var charts = JSON.parse(data.textContent);
    charts.forEach(function (c, i) {
      var el = document.getElementById("chart-" + i);
      if (!el) return;
      var chart = echarts.init(el, null, { renderer: "canvas" });
      c.option.animation = false;
      chart.setOption(c.option);
      // Anywhere in a category's column counts (a 0 % bar has nothing to click on).
      chart.getZr().on("click", function (e) {
        var point = [e.offsetX, e.offsetY];
        if (!chart.containPixel("grid", point)) return;
        var index = Math.round(chart.convertFromPixel({ seriesIndex: 0 }, point)[0]);
        var href = c.links[index];
        if (href) window.location.href = href;
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
    document.body.setAttribute("data-charts-ready", String(charts.length));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
