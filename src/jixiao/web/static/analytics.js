// Analytics charts: ECharts options from the page's JSON; a click on a bar or point opens the
// documents behind it (the same links as the table under the chart).
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
      chart.on("click", function (p) {
        var href = c.links[p.dataIndex];
        if (href) window.location.href = href;
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
    document.body.setAttribute("data-charts-ready", String(charts.length));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
