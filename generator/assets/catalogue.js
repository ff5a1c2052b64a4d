// Filters for a department's 公开目录. The page lists every entry without this script; with it, a
// form above the lists narrows the rows by 类别，年份，公开对象，公开方式 and 公开渠道. The choices are
// read from the rows' data attributes, so the script knows no vocabulary of its own and loads nothing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-dz-filter]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-dz-row]"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-key]"));
  var status = form.querySelector("[data-dz-count]");

  function values(row, key) {
    var text = row.getAttribute("data-" + key) || "";
    return text ? text.split("|") : [];
  }

  selects.forEach(function (select) {
    var key = select.getAttribute("data-key");
    var seen = {};
    rows.forEach(function (row) {
      values(row, key).forEach(function (v) { seen[v] = true; });
    });
    var names = Object.keys(seen).sort(function (a, b) {
      return key === "year" ? b.localeCompare(a) : a.localeCompare(b, "zh");
    });
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    if (names.length < 2) select.closest("label").hidden = true;
  });

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (select) {
        return !select.value || values(row, select.getAttribute("data-key")).indexOf(select.value) >= 0;
      });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll("table.dz-catalogue").forEach(function (table) {
      var any = table.querySelector("tr[data-dz-row]:not([hidden])");
      table.hidden = !any;
    });
    status.textContent = "显示 " + shown + " 条，共 " + rows.length + " 条。";
  }

  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
