// The tracked-changes edition: « modification suivante / précédente » walks
// through every mark in reading order and says « 3 / 27 »; folding hides the
// sections without any change. No dependency, no network.
(function () {
  "use strict";
  function start() {
    var nav = document.querySelector(".sp-rev-nav");
    if (!nav) return;
    var marks = Array.prototype.slice.call(document.querySelectorAll(".sp-rev-mark[id]"));
    var output = nav.querySelector(".sp-rev-position");
    var current = -1;
    function show(index) {
      if (!marks.length) return;
      current = (index + marks.length) % marks.length;
      marks.forEach(function (m) { m.classList.remove("sp-rev-current"); });
      var mark = marks[current];
      var section = mark.closest(".sp-rev-unchanged");
      if (section) document.body.classList.remove("sp-rev-folded");
      mark.classList.add("sp-rev-current");
      mark.setAttribute("tabindex", "-1");
      mark.scrollIntoView({block: "center", behavior: "instant"});
      mark.focus({preventScroll: true});
      output.textContent = (current + 1) + " / " + marks.length;
      if (history.replaceState) history.replaceState(null, "", "#" + mark.id);
    }
    nav.querySelector(".sp-rev-next").addEventListener("click", function () { show(current + 1); });
    nav.querySelector(".sp-rev-prev").addEventListener("click", function () { show(current - 1); });
    var fold = nav.querySelector(".sp-rev-fold");
    fold.addEventListener("click", function () {
      var folded = document.body.classList.toggle("sp-rev-folded");
      fold.setAttribute("aria-pressed", folded ? "true" : "false");
      fold.textContent = folded ? fold.getAttribute("data-unfold") : fold.getAttribute("data-fold");
    });
    var hash = location.hash.slice(1);
    marks.forEach(function (m, i) { if (m.id === hash) { current = i; output.textContent = (i + 1) + " / " + marks.length; } });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
