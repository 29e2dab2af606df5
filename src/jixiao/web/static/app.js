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

// 三级指标 names from the indicator library: suggestions while typing, and the usual value of
// a known indicator under its row ("同类指标多设为 ≥95%…"). Served by /api/library/suggest.
document.addEventListener("DOMContentLoaded", function () {
  var body = document.getElementById("indicator-rows");
  var names = document.getElementById("library-names");
  if (!body || !names) return;
  var timer = null;
  var known = {};
  function showHint(input) {
    var row = input.closest("tr.indicator");
    var notes = row && row.nextElementSibling;
    if (!notes) return;
    var box = notes.querySelector(".library-hint");
    if (!box) {
      box = document.createElement("p");
      box.className = "library-hint";
      notes.querySelector("td").prepend(box);
    }
    var item = known[input.value.trim()];
    box.textContent = item ? "指标库：" + item.hint : "";
    box.hidden = !item;
  }
  var latest = 0;
  // Typed names fill the shared list (only the newest answer: replies may come out of order);
  // names already in the table only learn their hint.
  function lookup(input, fill) {
    var q = input.value.trim();
    if (!q) { showHint(input); return; }
    var asked = fill ? ++latest : 0;
    fetch("/api/library/suggest?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) {
        data.items.forEach(function (item) { known[item.name] = item; });
        if (fill && asked === latest) {
          names.replaceChildren();
          data.items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.name;
            option.label = item.level2 + "｜" + item.hint;
            names.appendChild(option);
          });
        }
        showHint(input);
      })
      .catch(function () {});
  }
  body.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("input[name=ind_name]")) return;
    input.setAttribute("list", "library-names");
    clearTimeout(timer);
    timer = setTimeout(function () { lookup(input, true); }, 250);
  });
  body.addEventListener("focusin", function (event) {
    if (event.target.matches("input[name=ind_name]")) {
      event.target.setAttribute("list", "library-names");
    }
  });
  body.querySelectorAll("input[name=ind_name]").forEach(function (input) {
    if (input.value.trim()) lookup(input, false);
  });
});
