/* rapporteur explorer: reads the map and its synthesis from the page's JSON block and draws them.
 * Every text that comes from the map reaches the DOM through textContent (via el()), never as markup;
 * the network and the matrix are SVG elements built with createElementNS, their labels set as text. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("map-data").textContent);
  var M = DATA.map, S = DATA.synthesis;
  var PAGE = 150; // claims drawn at once in "All claims"; "Show more" draws the next ones
  var KINDS = ["claim", "question", "qualification", "proposal", "decision"];
  var KIND_COLOR = { claim: "#2f6fb5", question: "#8250df", qualification: "#b7791f", proposal: "#1a7f37", decision: "#57606a" };
  var REL_COLOR = { agree: "#2da44e", qualify: "#d29922", disagree: "#cf222e", cocited: "#8c959f" };
  var REL_WORD = { agree: "agrees with", qualify: "qualifies", disagree: "disputes" };
  var REL_WORD_IN = { agree: "agreed with by", qualify: "qualified by", disagree: "disputed by" };
  var SVGNS = "http://www.w3.org/2000/svg";

  function el(tag, attrs) {
    var node = document.createElement(tag);
    set(node, attrs);
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    set(node, attrs);
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function set(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      if (k === "class") node.setAttribute("class", attrs[k]);
      else if (k === "text") node.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { node.addEventListener(ev, attrs.on[ev]); });
      else node.setAttribute(k, attrs[k]);
    });
  }
  function add(node, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { add(node, x); }); return; }
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
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
  var synth = {}, viewById = {}, viewOfClaim = {}, cruxClaims = {};
  S.themes.forEach(function (t) {
    synth[t.theme === null ? "" : t.theme] = t;
    t.views.forEach(function (v) { viewById[v.id] = v; v.claims.forEach(function (c) { viewOfClaim[c] = v.id; }); });
    t.cruxes.forEach(function (p) { cruxClaims[p.claim] = p; });
  });
  function themeOf(c) { return S.clustered ? S.theme_of[c.id] : c.theme; }
  var hay = {};
  M.claims.forEach(function (c) {
    var names = c.attributions.map(function (a) { var p = people[a.participant]; return (p ? p.name : "") + " " + (a.cited_as || ""); });
    hay[c.id] = fold(c.text + " " + names.join(" ") + " " + c.id);
  });
  function name(pid) { return people[pid] ? people[pid].name : pid; }
  function isCrux(v) { return v.claims.some(function (c) { return cruxClaims[c]; }); }

  // ---- state ---------------------------------------------------------------------------------------
  var state = { participant: null, theme: null, view: null, kinds: {}, q: "", selected: null, shown: PAGE, tab: "debate", whole: false };
  KINDS.forEach(function (k) { state.kinds[k] = true; });

  function matches(c) {
    if (!state.kinds[c.kind]) return false;
    if (state.participant && !c.attributions.some(function (a) { return a.participant === state.participant; })) return false;
    if (state.q) {
      var words = fold(state.q).split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (hay[c.id].indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  // ---- header --------------------------------------------------------------------------------------
  var nPeople = Object.keys(claimCount).length, nViews = Object.keys(viewById).length;
  document.getElementById("counts").textContent = [
    plural(S.themes.length, "theme"), plural(nViews, "view"), plural(M.claims.length, "claim"),
    plural(nPeople, "participant") + " with claims", plural(M.relations.length, "relation"),
  ].join(" · ");

  // ---- sidebar: themes ----------------------------------------------------------------------------
  var themeRows = {};
  var themesEl = document.getElementById("themes");
  function themeRow(key, title) {
    var t = synth[key];
    var crux = t && t.cruxes.length;
    var row = el("button", { class: "row", "data-theme": key, title: title, on: { click: function () { setTheme(key); } } },
      el("span", { class: "label", text: title }),
      crux ? el("span", { class: "crux-dot", title: plural(t.cruxes.length, "contested claim") }) : null,
      el("span", { class: "n", text: t ? String(t.views.length) : "" }));
    themeRows[key] = row;
    return row;
  }
  var lastDoc = null;
  function themeTree(parent, into) {
    (children[parent] || []).forEach(function (tid) {
      var d = themes[tid].document;
      if (!parent && M.documents.length > 1 && d !== lastDoc) {  // several records: each under its title
        lastDoc = d;
        into.appendChild(el("li", { class: "record", text: docs[d] ? (docs[d].title || docs[d].source) + " (" + d + ")" : d }));
      }
      var li = el("li", null, synth[tid] ? themeRow(tid, themes[tid].title) : el("div", { class: "row group", text: themes[tid].title }));
      if (children[tid]) { var ul = el("ul"); themeTree(tid, ul); li.appendChild(ul); }
      into.appendChild(li);
    });
  }
  if (S.clustered || !M.themes.length) S.themes.forEach(function (t) { themesEl.appendChild(el("li", null, themeRow(t.theme === null ? "" : t.theme, t.title))); });
  else {
    themeTree("", themesEl);
    if (synth[""]) themesEl.appendChild(el("li", null, themeRow("", synth[""].title)));
  }

  // ---- sidebar: people -----------------------------------------------------------------------------
  var personRows = {};
  var peopleEl = document.getElementById("people");
  var maxCount = Math.max.apply(null, [1].concat(Object.keys(claimCount).map(function (k) { return claimCount[k]; })));
  M.participants.filter(function (p) { return claimCount[p.id]; })
    .sort(function (a, b) { return claimCount[b.id] - claimCount[a.id] || a.name.localeCompare(b.name); })
    .forEach(function (p) {
      var bar = el("span", { class: "bar" }, el("i", { style: "width:" + Math.round(100 * claimCount[p.id] / maxCount) + "%" }));
      var label = el("span", { class: "label" }, p.name,
        el("span", { class: "aff", text: p.affiliation || (p.in_roster ? "affiliation not given" : "not in the roster") }), bar);
      var row = el("button", { class: "row", "data-id": p.id, on: { click: function () { setParticipant(state.participant === p.id ? null : p.id); showTab("claims"); } } },
        label, el("span", { class: "n", text: String(claimCount[p.id]) }));
      personRows[p.id] = row;
      peopleEl.appendChild(el("li", null, row));
    });

  function setParticipant(pid) { state.participant = pid; state.shown = PAGE; render(); markRows(); }
  function markRows() {
    Object.keys(themeRows).forEach(function (k) { themeRows[k].classList.toggle("active", k === state.theme); });
    Object.keys(personRows).forEach(function (k) { personRows[k].classList.toggle("active", k === state.participant); });
  }

  // ---- chips and claim cards ------------------------------------------------------------------------
  function personChip(pid, cls) {
    return el("button", { class: "person" + (cls ? " " + cls : ""), "data-id": pid, title: (people[pid] && people[pid].affiliation) || "",
      on: { click: function (e) { e.stopPropagation(); setParticipant(pid); showTab("claims"); } } }, name(pid));
  }
  function claimCard(c, list) {
    var t = themes[c.theme];
    var seen = {}, chips = [];
    c.attributions.forEach(function (a) { var key = a.participant + a.polarity; if (!seen[key]) { seen[key] = 1; chips.push(personChip(a.participant, a.polarity === "exception" ? "exception" : "")); } });
    var rels = (relsOf[c.id] || []).map(function (x) {
      var o = claims[x.other];
      var who = o ? o.attributions.filter(function (a) { return a.polarity === "holds"; }).map(function (a) { return name(a.participant); }).join(", ") : "";
      return el("button", { class: "rel " + x.r.type, title: x.r.cue && x.r.cue.text ? "cue: " + x.r.cue.text : "",
        on: { click: function (e) { e.stopPropagation(); select(x.other, list); } } },
        (x.out ? REL_WORD[x.r.type] : REL_WORD_IN[x.r.type]) + " " + x.other + (who ? " (" + who + ")" : ""));
    });
    return el("li", { class: "claim kind-" + c.kind + (state.selected === c.id ? " selected" : "") + (cruxClaims[c.id] ? " crux" : ""), "data-id": c.id, tabindex: "0",
      on: { click: function () { select(c.id, null); }, keydown: function (e) { if (e.key === "Enter") select(c.id, null); } } },
      el("div", { class: "claim-head" },
        el("span", { class: "badge", style: "color:" + (KIND_COLOR[c.kind] || "#57606a") }, el("span", { class: "dot", style: "background:" + (KIND_COLOR[c.kind] || "#57606a") }), c.kind),
        cruxClaims[c.id] ? el("span", { class: "crux-tag", text: "contested" }) : null,
        el("span", { class: "theme", text: t ? t.title : "" }), el("span", { class: "cid", text: c.id })),
      el("p", { class: "claim-text clamp", text: c.text }),
      el("div", { class: "who" }, chips),
      rels.length ? el("div", { class: "rels" }, rels) : null);
  }

  // ---- the debate: a theme's views side by side -------------------------------------------------------
  var viewsEl = document.getElementById("views"), notesEl = document.getElementById("debate-notes");
  var vcEl = document.getElementById("view-claims"), vcList = document.getElementById("view-claims-list");
  function setTheme(key) { state.theme = key; state.view = null; showTab("debate"); drawDebate(); markRows(); }

  function chipRow(label, pids, cls) {
    if (!pids.length) return null;
    return el("div", { class: "role " + cls }, el("span", { class: "role-label", text: label }), pids.map(function (p) { return personChip(p, cls); }));
  }
  function viewCard(v) {
    var label = v.label ? v.label.text : v.id;
    var lead = claims[v.claims[0]];
    var answers = v.answers.map(function (a) { return viewById[a]; }).filter(Boolean);
    var card = el("article", { class: "view" + (isCrux(v) ? " crux" : "") + (state.view === v.id ? " selected" : ""), role: "listitem", "data-view": v.id, tabindex: "0",
      on: { click: function () { showView(v.id); }, keydown: function (e) { if (e.key === "Enter") showView(v.id); } } },
      el("header", null,
        el("h3", { class: "view-label", text: label, title: v.label && v.label.named ? "the record's name for this view" : "a characteristic phrase of this view, in the record's words" }),
        isCrux(v) ? el("span", { class: "crux-tag", text: "contested" }) : null),
      el("p", { class: "gist clamp", text: lead ? lead.text : "" }),
      chipRow("held by", v.proponents, "holds"),
      chipRow("disputed by", v.critics, "critic"),
      chipRow("qualified by", v.qualifiers, "qualifier"),
      chipRow("agreed by", v.supporters, "supporter"),
      chipRow("exception", v.exceptions, "exception"),
      answers.length ? el("div", { class: "answers" }, "answers ", answers.map(function (a, i) {
        return [i ? ", " : "", el("button", { class: "link", text: a.label ? a.label.text : a.id, on: { click: function (e) { e.stopPropagation(); var t = S.themes.filter(function (x) { return x.views.indexOf(a) >= 0; })[0]; if (t) { state.theme = t.theme === null ? "" : t.theme; drawDebate(); markRows(); } showView(a.id); } } })];
      })) : null,
      el("footer", { class: "view-foot", text: plural(v.claims.length, "claim") + " — click to read them" }));
    return card;
  }
  function drawDebate() {
    var t = synth[state.theme];
    clear(viewsEl); clear(notesEl); vcEl.hidden = true;
    document.getElementById("debate-title").textContent = t ? t.title : "No themes";
    var lede = document.getElementById("debate-lede");
    if (!t) { lede.textContent = "This map has no attributed claims yet."; return; }
    var nc = t.cruxes.length;
    lede.textContent = plural(t.views.length, "view") + (nc ? " · " + plural(nc, "contested claim") + " (marked red)" : " · nothing contested here") +
      ". Each column is one line of argument, named in the record's own words. Click a view to read its claims.";
    var ordered = t.views.slice().sort(function (a, b) {
      return (isCrux(b) - isCrux(a)) || (b.critics.length + b.qualifiers.length + (b.answers.length ? 1 : 0)) - (a.critics.length + a.qualifiers.length + (a.answers.length ? 1 : 0)) ||
        b.claims.length - a.claims.length || 0;
    });
    ordered.forEach(function (v) { viewsEl.appendChild(viewCard(v)); });
    if (t.cruxes.length) {
      var p = t.cruxes[0];
      notesEl.appendChild(el("p", { class: "main-disagreement" }, el("strong", { text: "Main disagreement: " }),
        p.holders.map(name).join(", "), " against ", p.critics.map(name).join(", "), " on ",
        el("button", { class: "link", text: "“" + (claims[p.claim] ? claims[p.claim].text.slice(0, 140) : p.claim) + (claims[p.claim] && claims[p.claim].text.length > 140 ? "…”" : "”"),
          on: { click: function () { showView(viewOfClaim[p.claim]); select(p.claim, vcList); } } })));
    }
    if (t.questions.length) {
      notesEl.appendChild(el("p", { class: "questions" }, el("strong", { text: "Questions raised: " }), t.questions.map(function (q, i) {
        var c = claims[q]; var who = c.attributions.map(function (a) { return name(a.participant); }).join(", ") || "the record";
        return [i ? " · " : "", el("button", { class: "link", text: who, title: c.text, on: { click: function () { select(q, null); } } })];
      })));
    }
    if (state.view && viewById[state.view] && t.views.indexOf(viewById[state.view]) >= 0) showView(state.view);
  }
  function showView(vid) {
    var v = viewById[vid]; if (!v) return;
    state.view = vid;
    Array.prototype.forEach.call(viewsEl.querySelectorAll(".view"), function (n) { n.classList.toggle("selected", n.getAttribute("data-view") === vid); });
    vcEl.hidden = false;
    document.getElementById("view-claims-title").textContent = "Claims of “" + (v.label ? v.label.text : v.id) + "”";
    clear(vcList);
    v.claims.forEach(function (cid) { if (claims[cid]) vcList.appendChild(claimCard(claims[cid], vcList)); });
    vcEl.scrollIntoView({ block: "nearest" });
  }

  // ---- all claims ------------------------------------------------------------------------------------
  var claimsEl = document.getElementById("claims"), moreEl = document.getElementById("more"), filtersEl = document.getElementById("filters");
  var kindsEl = document.getElementById("kinds"), kindButtons = {};
  KINDS.forEach(function (k) {
    var n = M.claims.filter(function (c) { return c.kind === k; }).length;
    if (!n) return;
    var b = el("button", { class: "kind-toggle", "data-kind": k, "aria-pressed": "true", on: { click: function () { state.kinds[k] = !state.kinds[k]; state.shown = PAGE; render(); } } },
      el("span", { class: "dot", style: "background:" + KIND_COLOR[k] }), k + " " + n);
    kindButtons[k] = b; kindsEl.appendChild(b);
  });
  moreEl.addEventListener("click", function () { state.shown += PAGE; render(); });
  function filterChips(n) {
    clear(filtersEl);
    filtersEl.appendChild(el("span", { class: "count", text: "Showing " + n + " of " + plural(M.claims.length, "claim") }));
    function chip(label, off) { filtersEl.appendChild(el("button", { class: "chip", on: { click: off } }, label, el("span", { class: "x", text: "×" }))); }
    var any = false;
    if (state.participant) { any = true; chip("participant: " + name(state.participant), function () { setParticipant(null); }); }
    var offKinds = KINDS.filter(function (k) { return !state.kinds[k]; });
    if (offKinds.length) { any = true; chip("hiding: " + offKinds.join(", "), function () { KINDS.forEach(function (k) { state.kinds[k] = true; }); render(); }); }
    if (state.q) { any = true; chip("search: " + state.q, function () { searchEl.value = ""; state.q = ""; render(); }); }
    if (any) filtersEl.appendChild(el("button", { class: "chip clear", text: "clear all", on: { click: function () {
      state.participant = null; state.q = ""; searchEl.value = ""; KINDS.forEach(function (k) { state.kinds[k] = true; }); render(); markRows();
    } } }));
  }
  function render() {
    if (state.tab !== "claims") return;
    var list = M.claims.filter(matches);
    filterChips(list.length);
    clear(claimsEl);
    var frag = document.createDocumentFragment();
    list.slice(0, state.shown).forEach(function (c) { frag.appendChild(claimCard(c, claimsEl)); });
    if (!list.length) frag.appendChild(el("li", { class: "empty", text: "No claims match these filters." }));
    claimsEl.appendChild(frag);
    moreEl.hidden = list.length <= state.shown;
    moreEl.textContent = "Show more (" + (list.length - state.shown) + " left)";
    Object.keys(kindButtons).forEach(function (k) { kindButtons[k].classList.toggle("off", !state.kinds[k]); kindButtons[k].setAttribute("aria-pressed", String(state.kinds[k])); });
  }

  // ---- source --------------------------------------------------------------------------------------
  var metaEl = document.getElementById("source-meta"), textEl = document.getElementById("source-text"), wholeEl = document.getElementById("whole");
  wholeEl.addEventListener("click", function () { state.whole = !state.whole; showSource(); });
  function select(cid, list) {
    if (!claims[cid]) return;
    state.selected = cid; state.whole = false;
    Array.prototype.forEach.call(document.querySelectorAll(".claim"), function (li) { li.classList.toggle("selected", li.getAttribute("data-id") === cid); });
    if (list) { var card = list.querySelector('.claim[data-id="' + cid.replace(/["\\]/g, "") + '"]'); if (card) card.scrollIntoView({ block: "nearest" }); }
    showSource();
    if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(cid));
  }
  function showSource() {
    var c = claims[state.selected]; if (!c) return;
    var d = docs[c.document] || { text: "", title: c.document, source: "" };
    var text = d.text || "";
    clear(metaEl);
    metaEl.appendChild(el("div", { class: "title", text: d.title || d.source }));
    var v = viewById[viewOfClaim[c.id]];
    metaEl.appendChild(el("div", { class: "where", text: c.id + " · " + c.kind + (v ? " · view “" + (v.label ? v.label.text : v.id) + "”" : "") + " · characters " + c.start + "–" + c.end + (d.source ? " of " + d.source : "") }));
    metaEl.appendChild(el("div", { class: "who" }, c.attributions.map(function (a) { return personChip(a.participant, a.polarity === "exception" ? "exception" : ""); })));
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
    spans.forEach(function (x) { [x.s, x.e].forEach(function (p) { if (p > lo && p < hi) cuts.push(p); }); });
    cuts = cuts.filter(function (p, i, a) { return a.indexOf(p) === i; }).sort(function (a, b) { return a - b; });
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
    timer = setTimeout(function () { state.q = searchEl.value.trim(); state.shown = PAGE; if (state.tab !== "claims") showTab("claims"); else render(); }, 120);
  });

  // ---- network and stance matrix: SVG built here ------------------------------------------------------
  var active = M.participants.filter(function (p) { return claimCount[p.id] && DATA.layout[p.id]; });
  function edgeList() {
    var edges = [];
    M.stances.forEach(function (s) { if (DATA.layout[s.a] && DATA.layout[s.b]) edges.push({ a: s.a, b: s.b, type: s.relation, n: s.relations.length || 1 }); });
    DATA.cocited.forEach(function (e) { if (DATA.layout[e.a] && DATA.layout[e.b]) edges.push({ a: e.a, b: e.b, type: "cocited", n: e.claims.length }); });
    return edges;
  }
  function drawNetwork() {
    var box = document.getElementById("network"); clear(box);
    var W = 1000, H = 680, pad = 70;
    function X(p) { return pad + (DATA.layout[p][0] + 1) / 2 * (W - 2 * pad); }
    function Y(p) { return pad + (DATA.layout[p][1] + 1) / 2 * (H - 2 * pad); }
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "net", role: "img", "aria-label": "Participant network" });
    var g = svg("g", { class: "edges" });
    var order = { cocited: 0, agree: 1, qualify: 2, disagree: 3 };
    edgeList().sort(function (a, b) { return order[a.type] - order[b.type]; }).forEach(function (e) {
      var hot = state.participant && (e.a === state.participant || e.b === state.participant);
      g.appendChild(svg("line", { x1: X(e.a), y1: Y(e.a), x2: X(e.b), y2: Y(e.b), stroke: REL_COLOR[e.type],
        "stroke-width": (e.type === "cocited" ? 1.2 : 1.6) + Math.min(4, e.n * 0.6), "stroke-dasharray": e.type === "cocited" ? "4 4" : "none",
        opacity: state.participant ? (hot ? 0.95 : 0.12) : 0.6, class: "edge " + e.type },
        svg("title", { text: name(e.a) + " — " + name(e.b) + ": " + (e.type === "cocited" ? "named together" : e.type) + " (" + e.n + "×)" })));
    });
    root.appendChild(g);
    var ng = svg("g", { class: "nodes" });
    var most = Math.max.apply(null, [1].concat(active.map(function (p) { return claimCount[p.id]; })));
    active.forEach(function (p) {
      var r = 5 + 19 * Math.sqrt(claimCount[p.id] / most);  // area by share of claims, whatever the map's size
      var sel = p.id === state.participant;
      var node = svg("g", { class: "node" + (sel ? " selected" : ""), "data-id": p.id, tabindex: "0", transform: "translate(" + X(p.id).toFixed(1) + "," + Y(p.id).toFixed(1) + ")",
        on: { click: function () { setParticipant(p.id); showTab("claims"); } } },
        svg("circle", { r: r.toFixed(1) }),
        svg("text", { y: (-r - 5).toFixed(1), "text-anchor": "middle", text: p.name }),
        svg("title", { text: p.name + (p.affiliation ? " — " + p.affiliation : "") + ": " + plural(claimCount[p.id], "claim") }));
      ng.appendChild(node);
    });
    root.appendChild(ng);
    box.appendChild(root);
    var note = document.getElementById("network-note"); clear(note);
    note.appendChild(document.createTextNode("People as circles sized by their number of claims; click one to see their claims. Lines: "));
    (M.stances.length ? ["disagree", "qualify", "agree", "cocited"] : ["cocited"]).forEach(function (k) {
      note.appendChild(el("span", { class: "legend-swatch " + k, style: "background:" + REL_COLOR[k] }));
      note.appendChild(document.createTextNode(k === "cocited" ? "named together in one marker (not a stance) " : k + " "));
    });
  }
  function drawMatrix() {
    var box = document.getElementById("heatmap"); clear(box);
    var ps = active.slice().sort(function (a, b) { return claimCount[b.id] - claimCount[a.id] || a.name.localeCompare(b.name); }).slice(0, 60);
    var idx = {}; ps.forEach(function (p, i) { idx[p.id] = i; });
    var counts = {};
    function key(a, b) { return a < b ? a + "|" + b : b + "|" + a; }
    M.stances.forEach(function (s) {
      if (!(s.a in idx) || !(s.b in idx)) return;
      var k = key(s.a, s.b); counts[k] = counts[k] || { agree: 0, qualify: 0, disagree: 0, cocited: 0 };
      counts[k][s.relation] += s.relations.length || 1;
    });
    DATA.cocited.forEach(function (e) {
      if (!(e.a in idx) || !(e.b in idx)) return;
      var k = key(e.a, e.b); counts[k] = counts[k] || { agree: 0, qualify: 0, disagree: 0, cocited: 0 };
      counts[k].cocited += e.claims.length;
    });
    var cell = 16, left = 170, top = 170, n = ps.length;
    var root = svg("svg", { viewBox: "0 0 " + (left + n * cell + 80) + " " + (top + n * cell + 10), class: "mat", role: "img", "aria-label": "Stance matrix",
      style: "max-width:" + (left + n * cell + 80) + "px" });
    ps.forEach(function (p, i) {
      root.appendChild(svg("text", { x: left - 6, y: top + i * cell + cell * 0.72, "text-anchor": "end", class: "rowlabel", text: p.name }));
      root.appendChild(svg("text", { transform: "translate(" + (left + i * cell + cell * 0.7) + "," + (top - 6) + ") rotate(-60)", class: "collabel", text: p.name }));
    });
    for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) {
      var a = ps[i].id, b = ps[j].id, c = i === j ? null : counts[key(a, b)];
      var fill = "#f6f8fa", label = name(a) + " ↔ " + name(b) + ": no stance found";
      if (c) {
        var net = c.agree - c.disagree - 0.5 * c.qualify;
        fill = c.disagree || c.qualify || c.agree ? (net > 0 ? "#2da44e" : net < 0 ? (c.disagree ? "#cf222e" : "#d29922") : "#d29922") : "#b6c6da";
        label = name(a) + " ↔ " + name(b) + ": disagree " + c.disagree + " · qualify " + c.qualify + " · agree " + c.agree + " · named together " + c.cocited;
      }
      if (i === j) { fill = "#e1e4e8"; label = name(a); }
      var op = c ? Math.min(1, 0.45 + 0.18 * (c.agree + c.disagree + c.qualify + (c.disagree + c.agree + c.qualify ? 0 : c.cocited))) : 1;
      root.appendChild(svg("rect", { x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, fill: fill, opacity: op.toFixed(2), class: c ? "cell on" : "cell",
        "data-a": a, "data-b": b, on: { click: (function (pid) { return function () { setParticipant(pid); showTab("claims"); }; })(a) } }, svg("title", { text: label })));
    }
    box.appendChild(root);
    var note = document.getElementById("heatmap-note"); clear(note);
    note.appendChild(document.createTextNode("Each cell: the stance between the row's and the column's person, from the relations found. "));
    [["#cf222e", "disagree"], ["#d29922", "qualify"], ["#2da44e", "agree"], ["#b6c6da", "only named together (not a stance)"]].forEach(function (x) {
      note.appendChild(el("span", { class: "legend-box", style: "background:" + x[0] }));
      note.appendChild(document.createTextNode(x[1] + " "));
    });
    note.appendChild(document.createTextNode(" Hover a cell for the counts; click it for the row's claims."));
  }

  // ---- tabs ----------------------------------------------------------------------------------------
  var tabButtons = document.querySelectorAll(".tabs button");
  function showTab(tab) {
    state.tab = tab;
    Array.prototype.forEach.call(tabButtons, function (b) { b.classList.toggle("active", b.getAttribute("data-tab") === tab); b.setAttribute("aria-selected", String(b.getAttribute("data-tab") === tab)); });
    ["debate", "claims", "network", "stances"].forEach(function (t) { document.getElementById("tab-" + t).hidden = t !== tab; });
    if (tab === "claims") render();
    if (tab === "network") drawNetwork();
    if (tab === "stances") drawMatrix();
  }
  Array.prototype.forEach.call(tabButtons, function (b) { b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); }); });

  // open on the debate of the first theme that has views
  var firstTheme = S.themes.filter(function (t) { return t.views.length; })[0] || S.themes[0];
  state.theme = firstTheme ? (firstTheme.theme === null ? "" : firstTheme.theme) : null;
  drawDebate(); markRows();
  var start = decodeURIComponent((location.hash || "").slice(1));
  if (claims[start]) {
    var t0 = themeOf(claims[start]);
    if (synth[t0 === null ? "" : t0]) { state.theme = t0 === null ? "" : t0; drawDebate(); markRows(); }
    if (viewOfClaim[start]) { showView(viewOfClaim[start]); select(start, vcList); } else select(start, null);
  }
  document.body.setAttribute("data-ready", "1");
})();
