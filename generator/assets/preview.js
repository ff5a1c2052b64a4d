// The live preview's notice of content errors (disclose serve). The preview writes the current errors into
// __disclose/problems.json beside the pages; a page opened from the preview's server (which adds its reload
// script, `livereload`) shows them on top, so a clerk sees at once that an edit was not taken and why. On the
// published site there is no such server, and this script does nothing.
(function () {
  "use strict";
  function show(problems) {
    var old = document.getElementById("dz-preview-problems");
    if (old) old.remove();
    if (!problems.errors || !problems.errors.length) return;
    var box = document.createElement("section");
    box.id = "dz-preview-problems";
    box.className = "dz-preview-problems";
    box.setAttribute("role", "alert");
    var head = document.createElement("h2");
    head.textContent = "内容有 " + problems.errors.length + " 个错误，预览显示的是上一次没有错误时的内容：";
    box.appendChild(head);
    var list = document.createElement("ol");
    problems.errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(list);
    var main = document.querySelector("main") || document.body;
    main.insertBefore(box, main.firstChild);
  }
  window.addEventListener("load", function () {
    if (typeof window.livereload !== "function") return;
    var search = document.querySelector("[data-dz-search]");
    var root = search ? search.getAttribute("data-root") : "/";
    fetch(root + "__disclose/problems.json", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { errors: [] }; })
      .then(show, function () {});
  });
})();
