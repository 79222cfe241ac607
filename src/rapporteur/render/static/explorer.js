/* rapporteur explorer: reads the map from the page's JSON block and draws it.
 * Every text that comes from the map reaches the DOM through textContent (via el()), never as markup;
 * texts handed to plotly are entity-escaped first, since plotly reads a subset of HTML in its labels. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("map-data").textContent);
  var M = DATA.map;
  var PAGE = 150; // claims drawn at once; "Show more" draws the next ones, so 10x maps stay quick
  var KINDS = ["claim", "question", "qualification", "proposal"];
  var KIND_COLOR = { claim: "#2f6fb5", question: "#8250df", qualification: "#b7791f", proposal: "#1a7f37" };
  var REL_COLOR = { agree: "#2da44e", qualify: "#d29922", disagree: "#cf222e", cocited: "#8c959f" };
  var REL_WORD = { agree: "agrees with", qualify: "qualifies", disagree: "disagrees with" };
  var REL_WORD_IN = { agree: "agreed with by", qualify: "qualified by", disagree: "disputed by" };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "class") node.className = attrs[k];
        else if (k === "text") node.textContent = attrs[k];
        else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { node.addEventListener(ev, attrs.on[ev]); });
        else node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plotlyText(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // ---- indexes -------------------------------------------------------------------------------------
  var docs = {}, people = {}, themes = {}, claims = {}, children = {};
  M.documents.forEach(function (d) { docs[d.id] = d; });
  M.participants.forEach(function (p) { people[p.id] = p; });
  M.themes.forEach(function (t) { themes[t.id] = t; });
  M.themes.forEach(function (t) { var k = t.parent && themes[t.parent] ? t.parent : ""; (children[k] = children[k] || []).push(t.id); });
  M.claims.forEach(function (c) { claims[c.id] = c; });
  var relsOf = {};
  M.relations.forEach(function (r) {
    (relsOf[r.source] = relsOf[r.source] || []).push({ r: r, other: r.target, out: true });
    (relsOf[r.target] = relsOf[r.target] || []).push({ r: r, other: r.source, out: false });
  });
  var claimCount = {};
  M.claims.forEach(function (c) {
    var seen = {};
    c.attributions.forEach(function (a) { if (!seen[a.participant]) { seen[a.participant] = 1; claimCount[a.participant] = (claimCount[a.participant] || 0) + 1; } });
  });
  function themeClaims(tid) {
    var ids = {}; var stack = [tid];
    while (stack.length) { var t = stack.pop(); ids[t] = 1; (children[t] || []).forEach(function (k) { stack.push(k); }); }
    return ids;
  }
  var themeCount = {};
  M.themes.forEach(function (t) {
    var ids = themeClaims(t.id); var n = 0;
    M.claims.forEach(function (c) { if (ids[c.theme]) n++; });
    themeCount[t.id] = n;
  });
  var hay = {};
  M.claims.forEach(function (c) {
    var names = c.attributions.map(function (a) { var p = people[a.participant]; return (p ? p.name : "") + " " + (a.cited_as || ""); });
    hay[c.id] = fold(c.text + " " + names.join(" ") + " " + c.id);
  });
  function name(pid) { return people[pid] ? people[pid].name : pid; }

  // ---- state ---------------------------------------------------------------------------------------
  var state = { participant: null, theme: null, kinds: {}, q: "", selected: null, shown: PAGE, tab: "claims", whole: false };
  KINDS.forEach(function (k) { state.kinds[k] = true; });
  var themeSet = null;

  function matches(c) {
    if (!state.kinds[c.kind]) return false;
    if (themeSet && !themeSet[c.theme]) return false;
    if (state.participant && !c.attributions.some(function (a) { return a.participant === state.participant; })) return false;
    if (state.q) {
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (hay[c.id].indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  // ---- header --------------------------------------------------------------------------------------
  var nPeople = Object.keys(claimCount).length;
  document.getElementById("counts").textContent = [
    plural(M.claims.length, "claim"), plural(nPeople, "participant") + " with claims", plural(M.themes.length, "theme"),
    plural(M.relations.length, "relation"), plural(M.documents.length, "record"),
  ].join(" · ");

  // ---- sidebar -------------------------------------------------------------------------------------
  var themeRows = {}, personRows = {}, kindButtons = {};
  function themeTree(parent, into) {
    (children[parent] || []).forEach(function (tid) {
      var t = themes[tid];
      var row = el("button", { class: "row", "data-id": tid, title: t.title, on: { click: function () { setTheme(state.theme === tid ? null : tid); } } },
        el("span", { class: "label", text: t.title }), el("span", { class: "n", text: String(themeCount[tid]) }));
      themeRows[tid] = row;
      var li = el("li", null, row);
      if (children[tid]) { var ul = el("ul"); themeTree(tid, ul); li.appendChild(ul); }
      into.appendChild(li);
    });
  }
  var themesEl = document.getElementById("themes");
  var allRow = el("button", { class: "row", on: { click: function () { setTheme(null); } } },
    el("span", { class: "label", text: "All themes" }), el("span", { class: "n", text: String(M.claims.length) }));
  themesEl.appendChild(el("li", null, allRow));
  themeTree("", themesEl);

  var kindsEl = document.getElementById("kinds");
  KINDS.forEach(function (k) {
    var n = M.claims.filter(function (c) { return c.kind === k; }).length;
    var b = el("button", { class: "kind-toggle", "data-kind": k, "aria-pressed": "true", on: { click: function () {
      state.kinds[k] = !state.kinds[k]; state.shown = PAGE; render();
    } } }, el("span", { class: "dot", style: "background:" + KIND_COLOR[k] }), k + " " + n);
    kindButtons[k] = b; kindsEl.appendChild(b);
  });

  var peopleEl = document.getElementById("people");
  var maxCount = Math.max.apply(null, [1].concat(Object.keys(claimCount).map(function (k) { return claimCount[k]; })));
  M.participants.filter(function (p) { return claimCount[p.id]; })
    .sort(function (a, b) { return claimCount[b.id] - claimCount[a.id] || a.name.localeCompare(b.name); })
    .forEach(function (p) {
      var bar = el("span", { class: "bar" }, el("i", { style: "width:" + Math.round(100 * claimCount[p.id] / maxCount) + "%" }));
      var label = el("span", { class: "label" }, p.name,
        el("span", { class: "aff", text: p.affiliation || (p.in_roster ? "affiliation not given" : "not in the roster") }), bar);
      var row = el("button", { class: "row", "data-id": p.id, on: { click: function () { setParticipant(state.participant === p.id ? null : p.id); } } },
        label, el("span", { class: "n", text: String(claimCount[p.id]) }));
      personRows[p.id] = row;
      peopleEl.appendChild(el("li", null, row));
    });

  function setTheme(tid) { state.theme = tid; themeSet = tid ? themeClaims(tid) : null; state.shown = PAGE; render(); }
  function setParticipant(pid) { state.participant = pid; state.shown = PAGE; render(); if (plotsDrawn.network) drawNetwork(); }

  // ---- claims --------------------------------------------------------------------------------------
  var claimsEl = document.getElementById("claims"), moreEl = document.getElementById("more"), filtersEl = document.getElementById("filters");
  moreEl.addEventListener("click", function () { state.shown += PAGE; render(); });

  function personChip(a) {
    return el("button", { class: "person" + (a.polarity === "exception" ? " exception" : ""), "data-id": a.participant,
      title: (people[a.participant] && people[a.participant].affiliation) || "",
      on: { click: function (e) { e.stopPropagation(); setParticipant(a.participant); } } }, name(a.participant));
  }
  function claimCard(c) {
    var t = themes[c.theme];
    var seen = {}, chips = [];
    c.attributions.forEach(function (a) { var key = a.participant + a.polarity; if (!seen[key]) { seen[key] = 1; chips.push(personChip(a)); } });
    var rels = (relsOf[c.id] || []).map(function (x) {
      var o = claims[x.other];
      var who = o ? o.attributions.filter(function (a) { return a.polarity === "holds"; }).map(function (a) { return name(a.participant); }).join(", ") : "";
      return el("button", { class: "rel " + x.r.type, title: x.r.cue && x.r.cue.text ? "cue: " + x.r.cue.text : "",
        on: { click: function (e) { e.stopPropagation(); select(x.other, true); } } },
        (x.out ? REL_WORD[x.r.type] : REL_WORD_IN[x.r.type]) + " " + x.other + (who ? " (" + who + ")" : ""));
    });
    var li = el("li", { class: "claim kind-" + c.kind + (state.selected === c.id ? " selected" : ""), "data-id": c.id, tabindex: "0",
      on: { click: function () { select(c.id, false); }, keydown: function (e) { if (e.key === "Enter") select(c.id, false); } } },
      el("div", { class: "claim-head" },
        el("span", { class: "badge", style: "color:" + KIND_COLOR[c.kind] }, el("span", { class: "dot", style: "background:" + KIND_COLOR[c.kind] }), c.kind),
        el("span", { class: "theme", text: t ? t.title : "" }), el("span", { class: "cid", text: c.id })),
      el("p", { class: "claim-text clamp", text: c.text }),
      el("div", { class: "who" }, ...chips),
      rels.length ? el("div", { class: "rels" }, ...rels) : null);
    return li;
  }

  function filterChips(n) {
    clear(filtersEl);
    filtersEl.appendChild(el("span", { class: "count", text: "Showing " + n + " of " + plural(M.claims.length, "claim") }));
    function chip(label, off) { filtersEl.appendChild(el("button", { class: "chip", on: { click: off } }, label, el("span", { class: "x", text: "×" }))); }
    var any = false;
    if (state.participant) { any = true; chip("participant: " + name(state.participant), function () { setParticipant(null); }); }
    if (state.theme) { any = true; chip("theme: " + themes[state.theme].title, function () { setTheme(null); }); }
    var offKinds = KINDS.filter(function (k) { return !state.kinds[k]; });
    if (offKinds.length) { any = true; chip("hiding: " + offKinds.join(", "), function () { KINDS.forEach(function (k) { state.kinds[k] = true; }); render(); }); }
    if (state.q) { any = true; chip("search: " + state.q, function () { searchEl.value = ""; state.q = ""; render(); }); }
    if (any) filtersEl.appendChild(el("button", { class: "chip clear", text: "clear all", on: { click: function () {
      state.participant = null; state.theme = null; themeSet = null; state.q = ""; searchEl.value = "";
      KINDS.forEach(function (k) { state.kinds[k] = true; }); render();
    } } }));
  }

  function render() {
    var list = M.claims.filter(matches);
    filterChips(list.length);
    clear(claimsEl);
    var frag = document.createDocumentFragment();
    list.slice(0, state.shown).forEach(function (c) { frag.appendChild(claimCard(c)); });
    if (!list.length) frag.appendChild(el("li", { class: "empty", text: "No claims match these filters." }));
    claimsEl.appendChild(frag);
    moreEl.hidden = list.length <= state.shown;
    moreEl.textContent = "Show more (" + (list.length - state.shown) + " left)";
    Object.keys(themeRows).forEach(function (k) { themeRows[k].classList.toggle("active", k === state.theme); });
    allRow.classList.toggle("active", !state.theme);
    Object.keys(personRows).forEach(function (k) { personRows[k].classList.toggle("active", k === state.participant); });
    KINDS.forEach(function (k) { kindButtons[k].classList.toggle("off", !state.kinds[k]); kindButtons[k].setAttribute("aria-pressed", String(state.kinds[k])); });
  }

  // ---- source --------------------------------------------------------------------------------------
  var metaEl = document.getElementById("source-meta"), textEl = document.getElementById("source-text"), wholeEl = document.getElementById("whole");
  wholeEl.addEventListener("click", function () { state.whole = !state.whole; showSource(); });

  function select(cid, reveal) {
    if (!claims[cid]) return;
    state.selected = cid; state.whole = false;
    Array.prototype.forEach.call(claimsEl.querySelectorAll(".claim"), function (li) { li.classList.toggle("selected", li.getAttribute("data-id") === cid); });
    if (reveal) { var card = claimsEl.querySelector('.claim[data-id="' + cid.replace(/["\\]/g, "") + '"]'); if (card) card.scrollIntoView({ block: "nearest" }); }
    showSource();
    if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(cid));
  }

  function showSource() {
    var c = claims[state.selected]; if (!c) return;
    var d = docs[c.document] || { text: "", title: c.document, source: "" };
    var text = d.text || "";
    clear(metaEl);
    metaEl.appendChild(el("div", { class: "title", text: d.title || d.source }));
    metaEl.appendChild(el("div", { class: "where", text: c.id + " · " + c.kind + " · characters " + c.start + "–" + c.end + (d.source ? " of " + d.source : "") }));
    var who = el("div", { class: "who" }); c.attributions.forEach(function (a) { who.appendChild(personChip(a)); });
    metaEl.appendChild(who);
    var spans = [{ s: c.start, e: c.end, cls: "claim-span" }];
    c.attributions.forEach(function (a) { if (a.marker) spans.push({ s: a.marker.start, e: a.marker.end, cls: "marker-span" }); });
    var lo = 0, hi = text.length;
    if (!state.whole) {
      var first = Math.min.apply(null, spans.map(function (x) { return x.s; }));
      var last = Math.max.apply(null, spans.map(function (x) { return x.e; }));
      lo = Math.max(0, first - 900); hi = Math.min(text.length, last + 900);
      var para = text.lastIndexOf("\n\n", first); if (para >= lo) lo = para + 2;
      var paraEnd = text.indexOf("\n\n", last); if (paraEnd >= 0 && paraEnd <= hi) hi = paraEnd;
    }
    var cuts = [lo, hi];
    spans.forEach(function (x) { [x.s, x.e].forEach(function (v) { if (v > lo && v < hi) cuts.push(v); }); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    clear(textEl);
    if (lo > 0) textEl.appendChild(el("span", { class: "gap", text: "… " }));
    var target = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1], piece = text.slice(s, e);
      var cls = spans.filter(function (x) { return x.s <= s && e <= x.e; }).map(function (x) { return x.cls; });
      if (!cls.length) { textEl.appendChild(document.createTextNode(piece)); continue; }
      var mk = el("mark", { class: cls.indexOf("claim-span") >= 0 ? "claim-span" : "marker-span", text: piece });
      if (cls.indexOf("claim-span") >= 0 && !target) target = mk;
      textEl.appendChild(mk);
    }
    if (hi < text.length) textEl.appendChild(el("span", { class: "gap", text: " …" }));
    wholeEl.hidden = !text.length;
    wholeEl.textContent = state.whole ? "Show only the passage" : "Show the whole record";
    if (target) target.scrollIntoView({ block: "center" });
  }

  // ---- search --------------------------------------------------------------------------------------
  var searchEl = document.getElementById("search"), timer = null;
  searchEl.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = searchEl.value.trim(); state.shown = PAGE; render(); if (state.tab !== "claims") showTab("claims"); }, 120);
  });

  // ---- charts (plotly) -----------------------------------------------------------------------------
  var plotsDrawn = {};
  var PLOT_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"] };
  var active = M.participants.filter(function (p) { return claimCount[p.id] && DATA.layout[p.id]; });

  function edgeList() {
    var edges = [];
    if (M.stances.length) {
      M.stances.forEach(function (s) { if (DATA.layout[s.a] && DATA.layout[s.b]) edges.push({ a: s.a, b: s.b, type: s.relation, n: s.relations.length || 1, what: s.relation }); });
    }
    DATA.cocited.forEach(function (e) { edges.push({ a: e.a, b: e.b, type: "cocited", n: e.claims.length, what: "named together" }); });
    return edges;
  }

  function drawNetwork() {
    var node = document.getElementById("network");
    var edges = edgeList(), traces = [];
    ["cocited", "agree", "qualify", "disagree"].forEach(function (type) {
      var es = edges.filter(function (e) { return e.type === type; });
      if (!es.length) return;
      var x = [], y = [], mx = [], my = [], mt = [];
      es.forEach(function (e) {
        var p = DATA.layout[e.a], q = DATA.layout[e.b];
        x.push(p[0], q[0], null); y.push(p[1], q[1], null);
        mx.push((p[0] + q[0]) / 2); my.push((p[1] + q[1]) / 2);
        mt.push(plotlyText(name(e.a) + " — " + name(e.b) + ": " + e.what + " (" + e.n + "×)"));
      });
      var label = type === "cocited" ? "named together in one marker" : type;
      traces.push({ type: "scatter", mode: "lines", x: x, y: y, hoverinfo: "skip", name: label, legendgroup: type,
        line: { color: REL_COLOR[type], width: type === "cocited" ? 1.5 : 2.5, dash: type === "cocited" ? "dot" : "solid" } });
      traces.push({ type: "scatter", mode: "markers", x: mx, y: my, text: mt, hoverinfo: "text", showlegend: false, legendgroup: type,
        marker: { size: 8, color: REL_COLOR[type], opacity: 0 } });
    });
    var sel = state.participant;
    traces.push({
      type: "scatter", mode: "markers+text", name: "participants (size: claims)",
      x: active.map(function (p) { return DATA.layout[p.id][0]; }), y: active.map(function (p) { return DATA.layout[p.id][1]; }),
      text: active.map(function (p) { return plotlyText(p.name); }), textposition: "top center", textfont: { size: 11, color: "#1f2328" },
      customdata: active.map(function (p) { return p.id; }),
      hovertext: active.map(function (p) { return plotlyText(p.name + (p.affiliation ? " — " + p.affiliation : "") + ": " + plural(claimCount[p.id], "claim")); }),
      hoverinfo: "text",
      marker: { size: active.map(function (p) { return 10 + 7 * Math.sqrt(claimCount[p.id]); }),
        color: active.map(function (p) { return p.id === sel ? "#0b5cad" : "#9cc3ea"; }),
        line: { width: active.map(function (p) { return p.id === sel ? 3 : 1; }), color: "#14213d" } },
    });
    var axis = { visible: false, zeroline: false, showgrid: false };
    var lay = { margin: { l: 10, r: 10, t: 10, b: 10 }, xaxis: axis, yaxis: axis, hovermode: "closest",
      showlegend: true, legend: { orientation: "h", x: 0, y: 0, bgcolor: "rgba(255,255,255,.8)" }, paper_bgcolor: "#fff", plot_bgcolor: "#fff", dragmode: "pan" };
    if (plotsDrawn.network) { Plotly.react(node, traces, lay, PLOT_CONFIG); return; }
    Plotly.newPlot(node, traces, lay, PLOT_CONFIG);
    plotsDrawn.network = true;
    node.on("plotly_click", function (ev) {
      var pt = ev.points && ev.points[0]; if (!pt || !pt.customdata) return;
      setParticipant(pt.customdata); showTab("claims");
    });
    var note = document.getElementById("network-note"); clear(note);
    note.appendChild(document.createTextNode("People as circles sized by their number of claims. Click one to see their claims."));
    var kinds = M.stances.length ? ["agree", "qualify", "disagree", "cocited"] : ["cocited"];
    kinds.forEach(function (k) {
      note.appendChild(el("span", { class: "legend-swatch", style: "background:" + REL_COLOR[k] }));
      note.appendChild(document.createTextNode(k === "cocited" ? "named together in one attribution marker (not a stance)" : k));
    });
    if (!M.stances.length) note.appendChild(document.createTextNode(". No stances were found in this map, so only co-citations are drawn."));
  }

  function drawHeatmap() {
    var node = document.getElementById("heatmap");
    var ps = active.slice().sort(function (a, b) { return claimCount[b.id] - claimCount[a.id] || a.name.localeCompare(b.name); }).slice(0, 60);
    var idx = {}; ps.forEach(function (p, i) { idx[p.id] = i; });
    var n = ps.length, z = [], hover = [], i, j;
    for (i = 0; i < n; i++) { z.push([]); hover.push([]); for (j = 0; j < n; j++) { z[i].push(null); hover[i].push(""); } }
    var stances = M.stances.length > 0, counts = {};
    function key(a, b) { return a + "|" + b; }
    if (stances) {
      M.stances.forEach(function (s) {
        [[s.a, s.b], [s.b, s.a]].forEach(function (ab) {
          if (!(ab[0] in idx) || !(ab[1] in idx)) return;
          var k = key(ab[0], ab[1]); counts[k] = counts[k] || { agree: 0, qualify: 0, disagree: 0 };
          counts[k][s.relation] += s.relations.length || 1;
        });
      });
      Object.keys(counts).forEach(function (k) {
        var ab = k.split("|"), c = counts[k];
        z[idx[ab[0]]][idx[ab[1]]] = c.agree - c.disagree;
        hover[idx[ab[0]]][idx[ab[1]]] = plotlyText(name(ab[0]) + " ↔ " + name(ab[1])) + "<br>agree " + c.agree + " · qualify " + c.qualify + " · disagree " + c.disagree;
      });
    } else {
      DATA.cocited.forEach(function (e) {
        if (!(e.a in idx) || !(e.b in idx)) return;
        [[e.a, e.b], [e.b, e.a]].forEach(function (ab) {
          z[idx[ab[0]]][idx[ab[1]]] = e.claims.length;
          hover[idx[ab[0]]][idx[ab[1]]] = plotlyText(name(ab[0]) + " & " + name(ab[1])) + "<br>named together " + e.claims.length + "×";
        });
      });
    }
    var labels = ps.map(function (p) { return plotlyText(p.name); });
    var trace = { type: "heatmap", z: z, x: labels, y: labels, text: hover, hoverinfo: "text", xgap: 1, ygap: 1, hoverongaps: false,
      colorscale: stances ? [[0, "#cf222e"], [0.5, "#f6f8fa"], [1, "#2da44e"]] : [[0, "#e8f1fb"], [1, "#0b5cad"]],
      colorbar: { title: { text: stances ? "agree − disagree" : "named together" }, thickness: 12, dtick: 1 } };
    if (stances) { var m = 1; z.forEach(function (r) { r.forEach(function (v) { if (v !== null) m = Math.max(m, Math.abs(v)); }); }); trace.zmin = -m; trace.zmax = m; }
    Plotly.newPlot(node, [trace], { margin: { l: 150, r: 10, t: 10, b: 150 }, xaxis: { tickangle: -45, automargin: true, dtick: 1, tickfont: { size: 10 } }, yaxis: { autorange: "reversed", automargin: true, dtick: 1, tickfont: { size: 10 } },
      paper_bgcolor: "#fff", plot_bgcolor: "#fff" }, PLOT_CONFIG);
    plotsDrawn.heatmap = true;
    node.on("plotly_click", function (ev) {
      var pt = ev.points && ev.points[0]; if (!pt) return;
      var p = ps[pt.pointIndex ? pt.pointIndex[0] : 0]; if (p) { setParticipant(p.id); showTab("claims"); }
    });
    document.getElementById("heatmap-note").textContent = stances
      ? "Each cell: how often the row's person and the column's person agree (green) or disagree (red) in the relations found. Click a row to see that person's claims."
      : "No stances were found in this map yet, so the matrix shows how often two people are named together in one attribution marker — which is not a stance.";
  }

  // ---- tabs ----------------------------------------------------------------------------------------
  var tabButtons = document.querySelectorAll(".tabs button");
  function showTab(tab) {
    state.tab = tab;
    Array.prototype.forEach.call(tabButtons, function (b) { b.classList.toggle("active", b.getAttribute("data-tab") === tab); b.setAttribute("aria-selected", String(b.getAttribute("data-tab") === tab)); });
    ["claims", "network", "stances"].forEach(function (t) { document.getElementById("tab-" + t).hidden = t !== tab; });
    filtersEl.hidden = tab !== "claims";
    if (typeof Plotly === "undefined") return;
    if (tab === "network") { if (!plotsDrawn.network) drawNetwork(); else Plotly.Plots.resize("network"); }
    if (tab === "stances") { if (!plotsDrawn.heatmap) drawHeatmap(); else Plotly.Plots.resize("heatmap"); }
  }
  Array.prototype.forEach.call(tabButtons, function (b) { b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); }); });

  render();
  var start = decodeURIComponent((location.hash || "").slice(1));
  if (claims[start]) select(start, true);
  document.body.setAttribute("data-ready", "1");
})();
