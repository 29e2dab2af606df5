// Indicator rows in the project editor: add, remove, reorder; then ask for a fresh review.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("editor");
  var body = document.getElementById("indicator-rows");
  if (!form || !body) return;
  function renumber() {
    var rows = body.querySelectorAll("tr.indicator");
    rows.forEach(function (row, i) {
      row.dataset.index = String(i);
      var notes = row.nextElementSibling;
      var list = notes && notes.querySelector("ul.findings");
      if (list) list.id = "findings-ind" + i;
    });
    form.dispatchEvent(new Event("rows-changed", { bubbles: true }));
  }
  body.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var row = button.closest("tr.indicator");
    var notes = row.nextElementSibling;
    if (button.classList.contains("remove")) {
      notes.remove();
      row.remove();
    } else if (button.classList.contains("up")) {
      var prevNotes = row.previousElementSibling;
      if (!prevNotes) return;
      var prev = prevNotes.previousElementSibling;
      body.insertBefore(row, prev);
      body.insertBefore(notes, prev);
    } else if (button.classList.contains("down")) {
      var next = notes.nextElementSibling;
      if (!next) return;
      var after = next.nextElementSibling.nextElementSibling;
      body.insertBefore(row, after);
      body.insertBefore(notes, after);
    } else {
      return;
    }
    renumber();
  });
  // 二级 choices follow the 一级 of the row (the groups of the 二级 list are named by 一级)
  function narrow(level1) {
    var row = level1.closest("tr.indicator");
    var level2 = row && row.querySelector("select[name=ind_level2]");
    if (!level2) return;
    var keep = null;
    level2.querySelectorAll("optgroup").forEach(function (group) {
      var match = group.label === level1.value;
      group.hidden = !match;
      if (match) keep = group;
    });
    if (keep && level2.selectedOptions.length && level2.selectedOptions[0].parentElement !== keep) {
      level2.value = keep.querySelector("option").value;
    }
  }
  body.addEventListener("change", function (event) {
    if (event.target.matches("select[name=ind_level1]")) narrow(event.target);
  });
  body.querySelectorAll("select[name=ind_level1]").forEach(narrow);
  var add = document.getElementById("add-indicator");
  var template = document.getElementById("indicator-template");
  if (add && template) {
    add.addEventListener("click", function () {
      body.appendChild(template.content.cloneNode(true));
      var rows = body.querySelectorAll("select[name=ind_level1]");
      narrow(rows[rows.length - 1]);
      renumber();
    });
  }
});
