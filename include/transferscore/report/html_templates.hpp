#pragma once
// The fixed parts of the HTML report: its style sheet, the markup of the verdict browser and
// the script that runs it. The script reads the verdicts from the JSON element "ts-verdicts"
// (row layout in html_verdicts.hpp) and puts every piece of data on the page as text
// (textContent), never as markup, so nothing in a response can become an element.
// House style: the charts' font, greys and palette (CSS variables --c0..--c9, written from
// aggregate/report/svg.hpp's palette by html.hpp).

#include <transferscore/config.hpp>

#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

inline constexpr std::string_view html_css = R"css(*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;color:#222;background:#f4f4f2}
header{background:#fff;border-bottom:1px solid #ddd;padding:16px 28px 10px}
h1{font-size:19px;margin:0 0 4px}
h2{font-size:17px;margin:0 0 6px}
h3{font-size:14px;margin:18px 0 6px;color:#333}
.subtitle{color:#555;margin:0 0 8px;font-size:12.5px}
nav a{margin-right:16px;color:#4e79a7;text-decoration:none;font-weight:bold;font-size:13px}
nav a:hover{text-decoration:underline}
main{padding:2px 28px 40px;max-width:1500px}
section{background:#fff;border:1px solid #e0e0e0;border-radius:4px;margin:16px 0;padding:14px 18px}
.note{color:#555;font-size:12.5px;max-width:120ch;margin:0 0 10px}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
.scroll{overflow-x:auto}
table.data{border-collapse:collapse;font-size:13px}
table.data th{text-align:left;font-weight:bold;border-bottom:1.5px solid #333;padding:4px 14px 4px 0;white-space:nowrap}
table.data td{border-bottom:1px solid #ececec;padding:4px 14px 4px 0;vertical-align:top}
table.data th.num,table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.data tbody tr:hover{background:#f7f9fc}
.ci{color:#777}
.tag{font-size:11px;color:#555;border:1px solid #ccc;border-radius:3px;padding:0 4px}
td.undefined{color:#777;white-space:normal!important;max-width:36ch;text-align:left!important}
td.undefined .why{display:block;font-size:11.5px}
ul.notes{color:#555;font-size:12px;margin:6px 0 0;padding-left:18px}
button{font:inherit;font-size:12.5px;border:1px solid #bbb;background:#fafafa;border-radius:3px;padding:2px 9px;cursor:pointer;color:#222}
button:hover{background:#eef2f7;border-color:#4e79a7}
button:disabled{color:#aaa;cursor:default;background:#fafafa;border-color:#ddd}
select,input{font:inherit;font-size:13px;border:1px solid #bbb;border-radius:3px;padding:2px 4px;background:#fff;color:#222}
figure.chart{margin:8px 0 14px}
figure.chart svg{max-width:100%;height:auto;border:1px solid #ececec}
label.switch{font-size:12.5px;color:#555}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:6px 0 8px;font-size:12.5px;color:#555}
.filters label{display:flex;gap:5px;align-items:center}
.filters .grow{flex:1 1 260px}
.filters .grow input{flex:1}
.count{font-size:12.5px;color:#555;margin:4px 0}
table.verdicts td{cursor:pointer}
table.verdicts th[data-sort]{cursor:pointer;user-select:none}
table.verdicts th[data-sort]:hover{color:#4e79a7}
table.verdicts th .arrow{color:#4e79a7}
table.verdicts td.answer{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;max-width:40ch;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.verdicts td.id{max-width:28ch;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.verdicts tr.selected{background:#e8eef6}
table.verdicts tr:focus{outline:2px solid #4e79a7;outline-offset:-2px}
.st{display:inline-block;padding:0 7px;border-radius:9px;color:#fff;font-size:11.5px;white-space:nowrap}
.st-ok{background:var(--c4)}
.st-no_answer{background:var(--c5);color:#222}
.st-unterminated_trace{background:var(--c1)}
.st-malformed_record{background:var(--c2)}
.st-budget_exceeded{background:var(--c6)}
.st-runtime_error{background:var(--c8)}
.yes{color:#3d7a35;font-weight:bold}
.no{color:#c0392b;font-weight:bold}
.pager{display:flex;gap:6px;align-items:center;margin:8px 0;font-size:12.5px;color:#555}
.detail{border-top:2px solid #333;margin-top:14px;padding-top:10px}
.detail-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.detail-head h3{margin:0 8px 0 0;font-size:15px;color:#222}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;font-size:13px;margin:10px 0}
.facts dt{color:#555}
.facts dd{margin:0;word-break:break-word}
.block-title{font-weight:bold;font-size:13px;margin:12px 0 4px}
pre.text{white-space:pre-wrap;word-break:break-word;font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px;background:#fafafa;border:1px solid #e4e4e4;border-radius:3px;padding:8px 10px;margin:0;max-height:34em;overflow:auto}
pre.text .unscored{color:#8a8a8a}
pre.text mark.answer{background:#fce8b2;color:#222;outline:1.5px solid var(--c1);border-radius:2px}
pre.text .cut{display:inline-block;color:#fff;background:#999;border-radius:3px;padding:0 6px;margin:2px 0;font-family:"DejaVu Sans",Arial,sans-serif;font-size:11.5px}
.legend{font-size:12px;color:#555;margin:4px 0}
.legend mark{background:#fce8b2;outline:1.5px solid var(--c1)}
.legend .unscored{color:#8a8a8a}
.error{color:#c0392b}
details.pattern{border:1px solid #e4e4e4;border-radius:3px;margin:6px 0;padding:4px 10px}
details.pattern[open]{padding-bottom:8px}
details.pattern summary{cursor:pointer;font-size:13px}
details.pattern summary .count{display:inline-block;min-width:4ch;font-weight:bold;font-variant-numeric:tabular-nums}
table.diff-items td.gold,table.diff-items td.side-a,table.diff-items td.side-b{max-width:40ch;word-break:break-word}
table.diff-items td.none{color:#888}
table.diff-items td.links{white-space:nowrap}
table.diff-items .at{font-size:12px;color:#555}
)css";

inline constexpr std::string_view html_browser_markup = R"html(<div id="browser">
<noscript><p class="note">The verdict browser needs JavaScript; everything above works without it.</p></noscript>
<div class="filters" id="filters">
<label>model <select id="f-model"><option value="">all</option></select></label>
<label>benchmark <select id="f-benchmark"><option value="">all</option></select></label>
<label>status <select id="f-status"><option value="">all</option></select></label>
<label>correct <select id="f-correct"><option value="">any</option><option value="1">correct</option><option value="0">not correct</option></select></label>
<label class="grow">search <input id="f-search" type="search" placeholder="id, extracted answer, response, gold, details, error" spellcheck="false"></label>
<button type="button" id="f-reset">reset</button>
</div>
<p class="count" id="match-count"></p>
<div class="scroll"><table class="data verdicts" id="verdict-table">
<thead><tr><th class="num" data-sort="index">#</th><th data-sort="model">model</th><th data-sort="benchmark">benchmark</th><th data-sort="id">id</th><th class="num" data-sort="sample">sample</th><th data-sort="status">status</th><th data-sort="correct">correct</th><th class="num" data-sort="score">score</th><th>extracted</th></tr></thead>
<tbody id="verdict-rows"></tbody>
</table></div>
<div class="pager" id="pager"><button type="button" id="p-first">&laquo; first</button><button type="button" id="p-prev">&lsaquo; previous</button><span id="p-info"></span><button type="button" id="p-next">next &rsaquo;</button><button type="button" id="p-last">last &raquo;</button></div>
<article class="detail" id="detail" hidden></article>
</div>
)html";

inline constexpr std::string_view html_script = R"js((function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ts-verdicts").textContent);
  var rows = data.rows;
  var PAGE = 50;
  var state = { model: -1, benchmark: -1, status: -1, correct: -1, query: "", sort: "index", dir: 1, page: 0, selected: -1 };
  var matches = [];
  var haystack = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // A verdict without an id (a record lost before it had one) has null.
  function idText(id) { return typeof id === "string" ? id : id === null ? "(no id)" : JSON.stringify(id); }
  function number(n) { return n.toLocaleString("en-US"); }

  // Chart switches: one figure of a group is shown at a time.
  Array.prototype.forEach.call(document.querySelectorAll("select.chart-select"), function (select) {
    select.addEventListener("change", function () {
      Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), function (f) {
        if (f.getAttribute("data-charts") === select.getAttribute("data-charts")) f.hidden = f.getAttribute("data-index") !== select.value;
      });
    });
  });

  // Filters, with the number of verdicts behind each choice.
  function fill(select, names, column) {
    var counts = names.map(function () { return 0; });
    for (var i = 0; i < rows.length; i++) counts[rows[i][column]]++;
    names.forEach(function (name, i) {
      if (counts[i] === 0) return;
      var o = el("option", null, name + " (" + number(counts[i]) + ")");
      o.value = String(i);
      select.appendChild(o);
    });
  }
  fill($("f-model"), data.models, 0);
  fill($("f-benchmark"), data.benchmarks, 1);
  fill($("f-status"), data.statuses, 4);

  function textOfRow(r) {
    var parts = [idText(r[2]), r[7], data.models[r[0]], data.benchmarks[r[1]]];
    if (r[13]) parts.push(r[13][0]);
    if (r[14]) parts.push(JSON.stringify(r[14]));
    if (r[15]) {
      var response = "";
      r[15].forEach(function (p) { response += p[0] === 3 ? "\n" : p[1]; });
      parts.push(response);
    }
    if (r[16]) parts.push(r[16][0]);
    return parts.join("\n").toLowerCase();
  }

  var keys = {
    index: function (i) { return i; },
    model: function (i) { return data.models[rows[i][0]]; },
    benchmark: function (i) { return data.benchmarks[rows[i][1]]; },
    id: function (i) { return idText(rows[i][2]); },
    sample: function (i) { return rows[i][3]; },
    status: function (i) { return data.statuses[rows[i][4]]; },
    correct: function (i) { return rows[i][5]; },
    score: function (i) { return rows[i][6]; }
  };

  function filter() {
    var q = state.query.toLowerCase();
    if (q && !haystack) haystack = rows.map(textOfRow);
    matches = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (state.model >= 0 && r[0] !== state.model) continue;
      if (state.benchmark >= 0 && r[1] !== state.benchmark) continue;
      if (state.status >= 0 && r[4] !== state.status) continue;
      if (state.correct >= 0 && r[5] !== state.correct) continue;
      if (q && haystack[i].indexOf(q) < 0) continue;
      matches.push(i);
    }
    sort();
    state.page = 0;
    render();
  }

  function sort() {
    var key = keys[state.sort], dir = state.dir;
    if (state.sort === "index" && dir === 1) return;  // matches are in input order already
    var values = {};
    matches.forEach(function (i) { values[i] = key(i); });
    matches.sort(function (a, b) {
      var x = values[a], y = values[b];
      if (x < y) return -dir;
      if (x > y) return dir;
      return a - b;
    });
  }

  function statusBadge(r) {
    var name = data.statuses[r[4]];
    return el("span", "st st-" + name, name.replace(/_/g, " "));
  }

  function render() {
    var pages = Math.max(1, Math.ceil(matches.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var body = $("verdict-rows");
    var fragment = document.createDocumentFragment();
    var start = state.page * PAGE, end = Math.min(matches.length, start + PAGE);
    for (var k = start; k < end; k++) {
      var i = matches[k], r = rows[i];
      var tr = el("tr");
      tr.setAttribute("data-index", String(i));
      tr.tabIndex = 0;
      if (i === state.selected) tr.className = "selected";
      tr.appendChild(el("td", "num", i + 1));
      tr.appendChild(el("td", null, data.models[r[0]]));
      tr.appendChild(el("td", null, data.benchmarks[r[1]]));
      var idCell = el("td", "id", idText(r[2]));
      idCell.title = idText(r[2]);
      tr.appendChild(idCell);
      tr.appendChild(el("td", "num", r[3]));
      var st = el("td");
      st.appendChild(statusBadge(r));
      tr.appendChild(st);
      tr.appendChild(el("td", r[5] ? "yes" : "no", r[5] ? "yes" : "no"));
      tr.appendChild(el("td", "num", r[6]));
      var answer = el("td", "answer", r[7]);
      answer.title = r[7];
      tr.appendChild(answer);
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    $("match-count").textContent = matches.length === rows.length
      ? number(rows.length) + " verdicts"
      : number(matches.length) + " of " + number(rows.length) + " verdicts match";
    $("p-info").textContent = matches.length ? "page " + number(state.page + 1) + " of " + number(pages) + " (rows " +
      number(start + 1) + "–" + number(end) + ")" : "no verdict matches";
    $("p-first").disabled = $("p-prev").disabled = state.page === 0;
    $("p-next").disabled = $("p-last").disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(document.querySelectorAll("#verdict-table th[data-sort]"), function (th) {
      var old = th.querySelector(".arrow");
      if (old) th.removeChild(old);
      if (th.getAttribute("data-sort") === state.sort) th.appendChild(el("span", "arrow", state.dir === 1 ? " ▲" : " ▼"));
    });
  }

  // A JSON text as the detail view shows it: indented when whole, as cut when cut.
  function jsonBlock(value) {
    var pre = el("pre", "text");
    if (value[1] === 0) {
      try { pre.textContent = JSON.stringify(JSON.parse(value[0]), null, 2); } catch (e) { pre.textContent = value[0]; }
    } else {
      pre.appendChild(document.createTextNode(value[0]));
      pre.appendChild(el("span", "cut", "… " + number(value[1]) + " characters cut"));
    }
    return pre;
  }

  function fact(list, term, value) {
    list.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    list.appendChild(dd);
  }

  function show(i, reveal) {
    state.selected = i;
    var r = rows[i], d = $("detail");
    d.replaceChildren();
    d.hidden = false;
    d.setAttribute("data-index", String(i));
    var head = el("div", "detail-head");
    head.appendChild(el("h3", null, data.models[r[0]] + " · " + data.benchmarks[r[1]] + " · " + idText(r[2]) +
      (r[3] ? " · sample " + r[3] : "")));
    head.appendChild(statusBadge(r));
    var at = matches.indexOf(i);
    var prev = el("button", null, "‹ previous");
    prev.type = "button";
    prev.disabled = at <= 0;
    prev.addEventListener("click", function () { step(-1); });
    var next = el("button", null, "next ›");
    next.type = "button";
    next.disabled = at < 0 || at >= matches.length - 1;
    next.addEventListener("click", function () { step(1); });
    var close = el("button", null, "close");
    close.type = "button";
    close.addEventListener("click", function () { state.selected = -1; d.hidden = true; render(); });
    head.appendChild(prev);
    head.appendChild(next);
    head.appendChild(close);
    d.appendChild(head);

    var facts = el("dl", "facts");
    fact(facts, "correct", el("span", r[5] ? "yes" : "no", r[5] ? "yes" : "no"));
    fact(facts, "score", String(r[6]));
    fact(facts, "scorer", data.scorers[r[8]] || "(none)");
    fact(facts, "mode", data.modes[r[9]] || "(none)");
    fact(facts, "trace policy", data.traces[r[10]] || "(none)");
    fact(facts, "verdict", data.files[r[11]] + ":" + r[12]);
    if (r[14]) {
      var e = r[14];
      var where = (e.file ? e.file + (e.line ? ":" + e.line : "") : "") + (e.field ? " (field " + e.field + ")" : "");
      fact(facts, "error", el("span", "error", (e.message || "") + (where ? " — " + where : "")));
    }
    d.appendChild(facts);

    d.appendChild(el("div", "block-title", "Extracted answer"));
    d.appendChild(el("pre", "text extracted", r[7] === "" ? "(none)" : r[7]));

    d.appendChild(el("div", "block-title", "Response"));
    if (!r[15]) {
      d.appendChild(el("p", "note", "This verdict carries no response: score with `transferscore score --keep-response` to see it here."));
    } else {
      var legend = el("p", "legend");
      var hasTrace = r[15].some(function (p) { return p[0] === 0; });
      if (hasTrace) {
        legend.appendChild(el("span", "unscored", "grey"));
        legend.appendChild(document.createTextNode(": the reasoning trace, not scored (trace policy " + data.traces[r[10]] + "). "));
      }
      if (r[17] === 1 || r[17] === 2) {
        legend.appendChild(el("mark", null, "highlighted"));
        legend.appendChild(document.createTextNode(": the extracted answer, where it last stands in the scored part" +
          (r[17] === 2 ? " (found without regard to case)." : ".")));
      } else if (r[17] === 3) {
        legend.appendChild(document.createTextNode("The extracted answer does not appear verbatim in the scored part: the scorer normalised it."));
      } else if (r[7] === "") {
        legend.appendChild(document.createTextNode("No answer was extracted."));
      }
      d.appendChild(legend);
      var pre = el("pre", "text response");
      if (r[15].length === 0) pre.textContent = "(empty response)";
      r[15].forEach(function (p) {
        if (p[0] === 0) pre.appendChild(el("span", "unscored", p[1]));
        else if (p[0] === 1) pre.appendChild(document.createTextNode(p[1]));
        else if (p[0] === 2) pre.appendChild(el("mark", "answer", p[1]));
        else pre.appendChild(el("span", "cut", "… " + number(p[1]) + " characters cut (--max-response-chars " + data.max_chars + ") …"));
      });
      d.appendChild(pre);
    }

    d.appendChild(el("div", "block-title", "Gold"));
    if (r[16]) d.appendChild(jsonBlock(r[16]));
    else d.appendChild(el("p", "note", r[15] ? "(none)" : "Not in the verdict (see --keep-response)."));
    d.appendChild(el("div", "block-title", "Details"));
    if (r[13]) d.appendChild(jsonBlock(r[13]));
    else d.appendChild(el("p", "note", "(none)"));
    render();
    // Opened from the table: bring the view into sight when it starts below the window.
    if (reveal && head.getBoundingClientRect().top > window.innerHeight - 80) d.scrollIntoView({ block: "start" });
  }

  function step(by) {
    var at = matches.indexOf(state.selected) + by;
    if (at < 0 || at >= matches.length) return;
    state.page = Math.floor(at / PAGE);
    show(matches[at]);
  }

  $("verdict-rows").addEventListener("click", function (event) {
    var tr = event.target.closest("tr");
    if (tr) show(Number(tr.getAttribute("data-index")), true);
  });
  $("verdict-rows").addEventListener("keydown", function (event) {
    var tr = event.target.closest("tr");
    if (tr && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(Number(tr.getAttribute("data-index")), true);
    }
  });
  function choice(id, key) {
    $(id).addEventListener("change", function () {
      state[key] = $(id).value === "" ? -1 : Number($(id).value);
      filter();
    });
  }
  choice("f-model", "model");
  choice("f-benchmark", "benchmark");
  choice("f-status", "status");
  choice("f-correct", "correct");
  var typing = 0;
  $("f-search").addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { state.query = $("f-search").value; filter(); }, rows.length > 20000 ? 250 : 80);
  });
  $("f-reset").addEventListener("click", function () {
    ["f-model", "f-benchmark", "f-status", "f-correct", "f-search"].forEach(function (id) { $(id).value = ""; });
    state.model = state.benchmark = state.status = state.correct = -1;
    state.query = "";
    filter();
  });
  Array.prototype.forEach.call(document.querySelectorAll("#verdict-table th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      if (state.sort === key) state.dir = -state.dir; else { state.sort = key; state.dir = 1; }
      filter();
    });
  });
  $("p-first").addEventListener("click", function () { state.page = 0; render(); });
  $("p-prev").addEventListener("click", function () { state.page--; render(); });
  $("p-next").addEventListener("click", function () { state.page++; render(); });
  $("p-last").addEventListener("click", function () { state.page = Math.ceil(matches.length / PAGE) - 1; render(); });

  // "open A" / "open B" in the disagreements: that verdict in the browser, all filters reset.
  Array.prototype.forEach.call(document.querySelectorAll("button.open-verdict"), function (button) {
    button.addEventListener("click", function () {
      var i = Number(button.getAttribute("data-row"));
      if (!(i >= 0 && i < rows.length)) return;
      $("f-reset").click();
      var at = matches.indexOf(i);
      state.page = at < 0 ? 0 : Math.floor(at / PAGE);
      show(i);
      $("detail").scrollIntoView({ block: "start" });
    });
  });

  // "verdicts" in a row of the scores table: the browser, filtered to that model and benchmark.
  Array.prototype.forEach.call(document.querySelectorAll("button.browse"), function (button) {
    button.addEventListener("click", function () {
      var m = data.models.indexOf(button.getAttribute("data-model"));
      var b = data.benchmarks.indexOf(button.getAttribute("data-benchmark"));
      $("f-reset").click();
      state.model = m;
      state.benchmark = b;
      $("f-model").value = m < 0 ? "" : String(m);
      $("f-benchmark").value = b < 0 ? "" : String(b);
      filter();
      $("verdicts").scrollIntoView();
    });
  });

  filter();
})();
)js";

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
