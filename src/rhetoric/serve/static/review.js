// Keyboard shortcuts and "select words to mark them". The pages work without this file.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var link = null;
    if (event.key === "n") { link = document.getElementById("next"); }
    if (event.key === "p") { link = document.getElementById("previous"); }
    if (link) { window.location.href = link.href; return; }
    if (event.key === "a" || event.key === "r") {
      var button = document.getElementById(event.key === "a" ? "approve" : "reject");
      if (button) { button.click(); }
    }
  });
  document.addEventListener("mouseup", function () {
    var form = document.getElementById("mark");
    var selection = window.getSelection();
    if (!form || !selection || selection.isCollapsed) { return; }
    var node = selection.anchorNode;
    var sentence = node && (node.nodeType === 1 ? node : node.parentElement).closest("#text .s");
    if (!sentence) { return; }
    var words = selection.toString().trim();
    if (!words) { return; }
    form.elements.index.value = sentence.getAttribute("data-index");
    form.elements.passage.value = words;
  });
}());
