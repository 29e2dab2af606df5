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

// Forms that warn before leaving with unsaved changes (data-unsaved-warning): any typing
// marks the form changed; sending it clears the mark.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-unsaved-warning]").forEach(function (form) {
    var changed = false;
    form.addEventListener("input", function () { changed = true; });
    form.addEventListener("change", function () { changed = true; });
    form.addEventListener("rows-edited", function () { changed = true; });
    form.addEventListener("rows-changed", function () { changed = true; });
    form.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!changed) return;
      event.preventDefault();
      event.returnValue = "";  // the browser shows its own “leave the page?” question
    });
  });
});

// Text boxes that grow with their text (where CSS field-sizing is not supported).
(function () {
  var native = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function grow(box) {
    if (native) return;
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea.grow")) grow(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.grow").forEach(grow);
  });
  window.jixiaoGrow = grow;
})();

// Goal lists (department page): one box per goal, added and removed in place.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("section.goal-list").forEach(function (section) {
    var list = section.querySelector("ol.items");
    var add = section.querySelector("button.add-item");
    var count = section.querySelector("small.count");
    function recount() {
      if (count) count.textContent = list.querySelectorAll("li").length + " 条";
    }
    add.addEventListener("click", function () {
      var item = document.createElement("li");
      var box = document.createElement("textarea");
      box.name = section.dataset.name;
      box.rows = 2;
      box.className = "grow";
      box.setAttribute("aria-label", add.dataset.label);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove-item";
      remove.title = "删除这一条";
      remove.textContent = "删除";
      item.append(box, remove);
      list.appendChild(item);
      recount();
      box.focus();
      list.closest("form").dispatchEvent(new Event("rows-edited"));
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button.remove-item");
      if (!button) return;
      var item = button.closest("li");
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      recount();
      (next ? next.querySelector("textarea") : add).focus();
      list.closest("form").dispatchEvent(new Event("rows-edited"));
    });
  });
});

// The editor: the field a finding is about is outlined in its severity's colour, with the
// message as its tooltip and described-by (the message itself is listed just under it).
(function () {
  var INDICATOR_INPUTS = {
    name: "ind_name", description: "ind_name", value: "ind_value_text",
    value_text: "ind_value_text", level1: "ind_level1", level2: "ind_level2", basis: "ind_basis"
  };
  var PROJECT_INPUTS = {
    name: "input[name=name]", code: "input[name=code]", title: "input[name=title]",
    budget: "input[name^=budget_]", purpose: "textarea[name=purpose]",
    goals: "textarea[name=goals]", spending_plan: "input[name^=plan_]"
  };
  function targets(form, field) {
    var m = /^indicators\[(\d+)\](?:\.(\w+))?/.exec(field);
    if (m) {
      var row = form.querySelector("tr.indicator[data-index='" + m[1] + "']");
      if (!row) return [];
      var name = INDICATOR_INPUTS[m[2]];
      return name ? Array.from(row.querySelectorAll("[name=" + name + "]")) : [row];
    }
    var key = field.split(/[.[]/)[0];
    return PROJECT_INPUTS[key] ? Array.from(form.querySelectorAll(PROJECT_INPUTS[key])) : [];
  }
  function mark() {
    var form = document.getElementById("editor");
    if (!form) return;
    form.querySelectorAll(".field-error, .field-warning, .row-error, .row-warning").forEach(function (el) {
      el.classList.remove("field-error", "field-warning", "row-error", "row-warning");
      if (el.dataset.findingTitle) { el.removeAttribute("title"); delete el.dataset.findingTitle; }
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    });
    document.querySelectorAll("li.finding[data-field]").forEach(function (item) {
      var field = item.dataset.field;
      if (!field) return;
      var severity = item.classList.contains("sev-error") ? "error" :
        item.classList.contains("sev-warning") ? "warning" : null;
      if (!severity) return;
      var list = item.closest("ul.findings");
      targets(form, field).forEach(function (el) {
        if (el.tagName === "TR") { el.classList.add("row-" + severity); return; }
        if (!el.classList.contains("field-error")) {
          el.classList.remove("field-warning");
          el.classList.add("field-" + severity);
        }
        var row = el.closest("tr.indicator");
        if (row && !row.classList.contains("row-error")) row.classList.add("row-" + severity);
        el.setAttribute("aria-invalid", "true");
        if (list && list.id) el.setAttribute("aria-describedby", list.id);
        el.title = item.textContent.trim();
        el.dataset.findingTitle = "1";
      });
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  document.addEventListener("rows-changed", function () { setTimeout(mark, 0); });
})();

// Keyboard in the indicator table: Enter goes to the same column of the next row (a new row
// after the last one), Shift+Enter to the row above; Alt+↑/↓ moves the row.
document.addEventListener("DOMContentLoaded", function () {
  var body = document.getElementById("indicator-rows");
  if (!body) return;
  function cellIndex(el) { return Array.from(el.closest("tr").children).indexOf(el.closest("td")); }
  function field(row, index) {
    var cell = row && row.children[index];
    return cell && cell.querySelector("input:not([type=hidden]), select");
  }
  body.addEventListener("keydown", function (event) {
    var el = event.target;
    var row = el.closest && el.closest("tr.indicator");
    if (!row) return;
    if (event.key === "Enter" && el.tagName === "INPUT") {
      event.preventDefault();  // never send the whole form from a cell
      var index = cellIndex(el);
      var target = event.shiftKey ? row.previousElementSibling && row.previousElementSibling.previousElementSibling
        : row.nextElementSibling && row.nextElementSibling.nextElementSibling;
      if (!target && !event.shiftKey) {
        document.getElementById("add-indicator").click();
        var rows = body.querySelectorAll("tr.indicator");
        target = rows[rows.length - 1];
      }
      var next = field(target, index);
      if (next) next.focus();
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      row.querySelector(event.key === "ArrowUp" ? "button.up" : "button.down").click();
      el.focus();
    }
  });
});

// Steps that cannot be undone ask first (data-confirm on the button or the form).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
