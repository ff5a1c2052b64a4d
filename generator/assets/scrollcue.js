// A box wider than the page (a flowchart drawn at the size that keeps its text legible) says so: its cue
// (the text just before it, hidden until needed) shows while part of the box is out of sight, a shade
// marks each edge with more to see, and the box takes keyboard focus so the arrow keys scroll it.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-dz-scroll]"));
  if (!boxes.length) return;

  function update(box) {
    var frame = box.parentElement;
    var cue = frame.previousElementSibling;
    var hidden = box.scrollWidth - box.clientWidth;
    var wide = hidden > 1;
    if (cue && cue.classList.contains("dz-scroll-cue")) cue.hidden = !wide;
    if (wide) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
    frame.classList.toggle("dz-more-left", wide && box.scrollLeft > 1);
    frame.classList.toggle("dz-more-right", wide && box.scrollLeft < hidden - 1);
  }

  boxes.forEach(function (box) {
    box.addEventListener("scroll", function () {
      update(box);
    });
    update(box);
  });
  window.addEventListener("resize", function () {
    boxes.forEach(update);
  });
})();
