// Small enhancements on top of server-rendered pages: charts, the evaluation's live total, focus on the first error after a swap.
(function () {
  "use strict";
  function charts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.ready) return;
      canvas.dataset.ready = "1";
      var spec = JSON.parse(canvas.dataset.chart);
      new Chart(canvas, spec);
    });
  }
  var levels = [[15, "оптимальный", "level-optimal"], [9, "допустимый", "level-acceptable"], [0, "недопустимый", "level-unacceptable"]];
  function evaluation(form) {
    var total = 0, answered = 0, count = Number(form.dataset.criteria);
    form.querySelectorAll("input[type=radio]:checked").forEach(function (r) { total += Number(r.value); answered++; });
    var out = form.querySelector("[data-eval-total]");
    var level = levels.find(function (l) { return total >= l[0]; });
    out.textContent = answered === 0 ? "Выберите оценки по каждому показателю"
      : "Итого " + total + " из " + (count * 2) + " баллов — уровень " + level[1] + (answered < count ? " (оценено " + answered + " из " + count + ")" : "");
    out.className = "badge fs-6 text-wrap " + (answered === 0 ? "text-bg-light" : level[2]);
  }
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("form[data-evaluation]");
    if (form) evaluation(form);
  });
  // «Скопировать» beside an address: the field's text to the clipboard (selected, where the clipboard is not available).
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    if (!button) return;
    var field = document.querySelector(button.dataset.copy);
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(function () { button.textContent = "Скопировано"; });
  });
  function ready(root) {
    charts(root);
    root.querySelectorAll("form[data-evaluation]").forEach(evaluation);
  }
  document.addEventListener("DOMContentLoaded", function () { ready(document); });
  document.addEventListener("htmx:after:settle", function (e) {
    ready(document);
    var invalid = document.querySelector(".is-invalid");
    if (invalid && e.target.contains(invalid)) invalid.focus();
  });
})();
