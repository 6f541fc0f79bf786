/* engagemap: the interactive map. The drawing is made in Python (viz/drawing.py); this script
   moves, hides and highlights it. Every text from the dataset goes into the page with
   textContent: never as HTML. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("map-data").textContent);
  var N = D.nodes, E = D.edges, W = D.words;
  var svg = document.getElementById("map"), view = document.getElementById("view"), drawing = document.getElementById("drawing");
  var VB = drawing.viewBox.baseVal;
  var overView = document.getElementById("over-view");
  var badges = document.getElementById("badges");
  var card = document.getElementById("card"), tip = document.getElementById("tip");
  var idx = {};
  N.forEach(function (n, i) { n.i = i; idx[n.id] = i; n.el = document.getElementById("n" + i); });
  E.forEach(function (e, i) {
    e.i = i; e.a = idx[e.from]; e.b = idx[e.to];
    e.el = document.getElementById("e" + i); e.hit = document.getElementById("h" + i);
  });
  var UPWARD = { member_of: true, reps: true, feeds_into: true };
  var up = N.map(function () { return []; }), down = N.map(function () { return []; });
  E.forEach(function (e) {
    if (UPWARD[e.kind] && e.a !== undefined && e.b !== undefined) { up[e.a].push(e); down[e.b].push(e); }
  });
  var servedBy = {};   // community index -> indexes of nodes serving it
  N.forEach(function (n) {
    (n.serves || []).forEach(function (c) {
      if (idx[c] !== undefined) { (servedBy[idx[c]] = servedBy[idx[c]] || []).push(n.i); }
    });
  });
  function word(table, code) { return (W[table] && W[table][code]) || String(code).replace(/_/g, " "); }
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function kindOf(n) {
    if (n.type === "partnership") { return n.top ? "board (" + word("level", n.level) + ")" : word("level", n.level); }
    if (n.type === "network") { return "network led by the " + word("sector", n.led_by); }
    if (n.type === "organisation") { return word("sector", n.sector) + " organisation"; }
    return word("type", n.type);
  }

  /* ------------------------------------------------------------ view: pan and zoom */
  var T = { s: 1, x: 0, y: 0 };
  /* Geometry is read once and kept (again on resize): reading it after the drawing changed would make
     the browser lay out thousands of shapes there and then (a forced layout of 100 ms or more). */
  var geo = null;
  function stage() {
    if (!geo) { var r = svg.getBoundingClientRect(); geo = { width: r.width, height: r.height, left: r.left, top: r.top, story: 0 }; }
    return geo;
  }
  function measureStory() { var panel = document.getElementById("story"); stage().story = panel.hidden ? 0 : panel.offsetHeight + 12; }
  var CARD_WIDTH = 380;   // #card's width in map.css
  /* Organisation names too small to read at this zoom (under 4 screen pixels) are not drawn: the dots stay,
     and painting a thousand unreadable labels is most of what a zoom or pan costs on a large map. */
  var SMALL = N.reduce(function (m, n) { return n.type === "organisation" || n.type === "person" ? Math.min(m, n.font) : m; }, Infinity);
  var far = null, hitWidth = null;
  function apply() {
    var nowFar = T.s * SMALL < 4;
    if (nowFar !== far) { far = nowFar; svg.classList.toggle("far", far); }
    // a link's click target stays about 9 screen pixels wide (set again only when the zoom changes by a quarter)
    var hit = Math.pow(1.25, Math.round(Math.log(9 / T.s) / Math.log(1.25)));
    if (hit !== hitWidth) { hitWidth = hit; drawing.style.setProperty("--hit", hit.toFixed(3) + "px"); }
    drawing.style.transform = "translate(" + (T.x + VB.x * T.s).toFixed(2) + "px," + (T.y + VB.y * T.s).toFixed(2) + "px) scale(" +
      T.s.toFixed(5) + ")";
    overView.setAttribute("transform", "translate(" + T.x.toFixed(2) + "," + T.y.toFixed(2) + ") scale(" + T.s.toFixed(5) + ")");
  }
  function box(list) {
    var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    list.forEach(function (n) {
      l = Math.min(l, n.x - n.w / 2); r = Math.max(r, n.x + n.w / 2);
      t = Math.min(t, n.y - n.h / 2); b = Math.max(b, n.y + n.h / 2);
    });
    return l === Infinity ? null : { l: l, t: t, r: r, b: b };
  }
  function fitTo(list) {
    var bb = box(list), rect = stage();
    if (!bb) { return; }
    var room = rect.width - 60;   // the zoom buttons keep the right-hand edge
    var high = rect.height - rect.story;   // and the story its strip
    var bw = Math.max(bb.r - bb.l + 16, 200), bh = Math.max(bb.b - bb.t + 16, 120);
    var s = Math.min(room / bw, high / bh, 3);
    T.s = s; T.x = (room - (bb.r - bb.l) * s) / 2 - bb.l * s; T.y = (high - (bb.b - bb.t) * s) / 2 - bb.t * s;
    apply();
  }
  function fit() { fitTo(N.filter(function (n) { return visible[n.i]; })); }
  function zoom(f, cx, cy) {
    var rect = stage();
    if (cx === undefined) { cx = rect.width / 2; cy = rect.height / 2; }
    var s = Math.max(0.05, Math.min(20, T.s * f));
    T.x = cx - (cx - T.x) * s / T.s; T.y = cy - (cy - T.y) * s / T.s; T.s = s;
    apply();
  }
  function pan(dx, dy) { T.x += dx; T.y += dy; apply(); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = stage();
    zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - rect.left, ev.clientY - rect.top);
  }, { passive: false });
  var drag = null, dragged = false;
  svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY }; dragged = false; });
  window.addEventListener("pointermove", function (ev) {
    if (drag) {
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (dragged || Math.abs(dx) + Math.abs(dy) > 4) {
        dragged = true; svg.classList.add("dragging"); pan(dx, dy); drag = { x: ev.clientX, y: ev.clientY };
      }
    }
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });

  /* ------------------------------------------------------------ filters */
  function fillSelect(id, values, table) {
    var select = document.getElementById(id);
    values.forEach(function (v) {
      var option = el("option", Array.isArray(v) ? v[1] : (table ? word(table, v) : v));
      option.value = Array.isArray(v) ? v[0] : v;
      select.appendChild(option);
    });
  }
  fillSelect("filter-community", D.filters.communities);
  fillSelect("filter-sector", D.filters.sectors, "sector");
  fillSelect("filter-theme", D.filters.themes);
  fillSelect("filter-level", D.filters.levels, "level");
  var CONTROLS = ["search", "filter-community", "filter-sector", "filter-theme", "filter-level"];
  var CHECKS = { "show-gaps": true, "show-serves": false, "show-reporting": true };
  function $(id) { return document.getElementById(id); }

  function walk(starts, edgesOf, nextOf) {          // breadth-first: index -> distance
    var dist = {}, queue = [];
    starts.forEach(function (s) { if (dist[s] === undefined) { dist[s] = 0; queue.push(s); } });
    for (var q = 0; q < queue.length; q++) {
      var k = queue[q];
      edgesOf[k].forEach(function (e) {
        var m = nextOf(e);
        if (dist[m] === undefined) { dist[m] = dist[k] + 1; queue.push(m); }
      });
    }
    return dist;
  }
  function upFrom(list) { return walk(list, up, function (e) { return e.b; }); }
  function downFrom(list) { return walk(list, down, function (e) { return e.a; }); }
  function narrowerOf(c) {
    var set = {}; set[c] = true;
    var changed = true;
    while (changed) {
      changed = false;
      N.forEach(function (n) {
        if (n.type === "community" && !set[n.i] && (n.part_of || []).some(function (p) { return set[idx[p]]; })) {
          set[n.i] = true; changed = true;
        }
      });
    }
    return set;
  }
  function widerOf(c) {
    var set = {}, stack = [c];
    while (stack.length) {
      var k = stack.pop();
      if (set[k]) { continue; }
      set[k] = true;
      (N[k].part_of || []).forEach(function (p) { if (idx[p] !== undefined) { stack.push(idx[p]); } });
    }
    return set;
  }
  function keepAround(partnerships) {     // a set of partnerships, the path to their boards, and all that feeds them
    var keep = {};
    Object.keys(upFrom(partnerships)).forEach(function (k) { if (N[k].type === "partnership") { keep[k] = true; } });
    var chosen = {};
    partnerships.forEach(function (k) { chosen[k] = true; });
    // what feeds them directly: their networks and groups, not the other partnerships' own feeders
    var feeders = walk(partnerships, down.map(function (list) {
      return list.filter(function (e) { return N[e.a].type !== "partnership" || chosen[e.a]; });
    }), function (e) { return e.a; });
    Object.keys(feeders).forEach(function (k) { keep[k] = true; });
    servedCommunities(keep);
    return keep;
  }
  function servedCommunities(keep) {
    Object.keys(servedBy).forEach(function (c) {
      if (servedBy[c].some(function (k) { return keep[k]; })) { keep[c] = true; }
    });
  }
  var visible = N.map(function () { return true; });
  function currentFilters() {
    return { community: $("filter-community").value, sector: $("filter-sector").value,
             theme: $("filter-theme").value, level: $("filter-level").value };
  }
  function computeVisible(f) {
    var keep = N.map(function () { return true; });
    function meet(set) { for (var k = 0; k < N.length; k++) { keep[k] = keep[k] && !!set[k]; } }
    if (f.community && idx[f.community] !== undefined) {
      var group = narrowerOf(idx[f.community]), set = {};
      var servers = [];
      Object.keys(group).forEach(function (c) { set[c] = true; (servedBy[c] || []).forEach(function (k) { servers.push(k); }); });
      Object.keys(upFrom(servers)).forEach(function (k) { set[k] = true; });
      meet(set);
    }
    if (f.theme) {
      meet(keepAround(N.filter(function (n) { return n.type === "partnership" && (n.themes || []).indexOf(f.theme) >= 0; })
        .map(function (n) { return n.i; })));
    }
    if (f.level) {
      meet(keepAround(N.filter(function (n) { return n.type === "partnership" && n.level === f.level; })
        .map(function (n) { return n.i; })));
    }
    if (f.sector) {
      var s2 = {};
      N.forEach(function (n) {
        var ok = true;
        if (n.type === "organisation" || n.type === "aggregate") { ok = n.sector === f.sector || n.sector === "mixed"; }
        if (n.type === "network") { ok = n.led_by === f.sector || n.led_by === "joint"; }
        if (ok) { s2[n.i] = true; }
      });
      meet(s2);
    }
    return keep;
  }
  var SVG_NS = "http://www.w3.org/2000/svg";
  var bundles = { member_of: document.getElementById("members"), serves: null };
  var servesMade = false;
  function makeServes() {
    if (servesMade) { return; }
    servesMade = true;
    var p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("class", "bundle k-serves");
    p.setAttribute("fill", "none"); p.setAttribute("stroke", D.style.edge.serves); p.setAttribute("stroke-width", "1.2");
    bundles.serves = p;   // the links themselves (routed like every other) are in E, drawn as one path
    var g = view.querySelector(".edges");
    g.insertBefore(p, g.firstChild);
  }
  function rebundle(kind) {
    if (!bundles[kind]) { return; }
    bundles[kind].setAttribute("d", E.filter(function (e) { return e.kind === kind && shownEdge[e.i]; })
      .map(function (e) { return e.path; }).join(" "));
  }
  var shownEdge = [];
  function applyFilters() {
    var f = currentFilters();
    var keep = computeVisible(f);
    N.forEach(function (n, k) {
      if (visible[k] !== keep[k]) { visible[k] = keep[k]; n.el.classList.toggle("off", !keep[k]); }
    });
    var serves = $("show-serves").checked, reporting = $("show-reporting").checked;
    if (serves) { makeServes(); }
    var changed = {};
    E.forEach(function (e) {
      var on = visible[e.a] && visible[e.b] && (e.kind !== "serves" || serves) && (e.kind !== "reports_back" || reporting);
      if (shownEdge[e.i] !== on) {
        shownEdge[e.i] = on;
        changed[e.kind] = true;
        if (e.el) { e.el.classList.toggle("off", !on); }
        if (e.hit) { e.hit.classList.toggle("off", !on); }
      }
    });
    Object.keys(bundles).forEach(function (kind) { if (changed[kind]) { rebundle(kind); } });
    svg.classList.toggle("nogaps", !$("show-gaps").checked);
  }

  /* ------------------------------------------------------------ highlight */
  /* A highlight is drawn in a layer of its own over the drawing, which is never restyled: a veil with a
     hole over each lit node (one path), an outline round each (one path), the lit links, and a copy of
     what was picked. A handful of elements whatever lights up, and no label to lay out again: copies of
     labels cost a text layout each (150-400 ms for a story step lighting a few hundred nodes). */
  var lit = [];
  var litLayer = document.getElementById("lit");
  var litSet = {};
  var cutEls = [];
  var MANY_LINKS = 150;   // past this many lit links, one path without arrowheads
  function clearLight() {
    cutEls.forEach(function (x) { x.classList.remove("cut", "gone"); });
    cutEls = [];
    lit = [];
    litSet = {};
    litLayer.replaceChildren();
    badges.replaceChildren();
  }
  function copy(x, k, cls) {     // a copy above the veil: of a lit link, or of the node picked
    var c = x.cloneNode(true);
    c.removeAttribute("id");
    c.setAttribute("data-i", k);
    c.classList.add("lit");
    if (cls) { c.classList.add(cls); }
    return c;
  }
  function pathCopy(e) {          // a lit copy of a link, with its arrowhead
    var p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("d", e.path); p.setAttribute("fill", "none"); p.setAttribute("class", "edge lit k-" + e.kind);
    return p;
  }
  function rectPath(n, pad) {
    var x = n.x - n.w / 2 - pad, y = n.y - n.h / 2 - pad;
    return "M" + x.toFixed(1) + "," + y.toFixed(1) + "h" + (n.w + 2 * pad).toFixed(1) + "v" + (n.h + 2 * pad).toFixed(1) +
      "h" + (-(n.w + 2 * pad)).toFixed(1) + "z";
  }
  function layerPath(cls, d) {
    var p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("class", cls); p.setAttribute("d", d);
    return p;
  }
  function light(nodeDist, edgeSet, picked) {
    clearLight();
    var holes = ["M-100000,-100000H100000V100000H-100000z"], rings = [];
    var shownEdges = edgeSet.filter(function (e) { return shownEdge[e.i] && (e.el || e.path); });
    var many = Object.keys(nodeDist).length > MANY_LIT;
    Object.keys(nodeDist).forEach(function (k) {
      var n = N[k];
      if (!visible[k]) { return; }
      holes.push(rectPath(n, 2)); rings.push(rectPath(n, 1));
      lit.push(+k); litSet[k] = true;
      if (nodeDist[k] > 0 && !(many && n.type === "organisation")) { badge(n, nodeDist[k]); }
    });
    var frag = document.createDocumentFragment();
    frag.appendChild(layerPath("veil", holes.join("")));
    if (shownEdges.length > MANY_LINKS) {
      frag.appendChild(layerPath("edge lit bundle", shownEdges.map(function (e) { return e.path || e.el.getAttribute("d"); }).join(" ")));
    } else {
      shownEdges.forEach(function (e) { frag.appendChild(e.el ? copy(e.el, e.i) : pathCopy(e)); });
    }
    shownEdges.forEach(function (e) { lit.push(e.i); });
    frag.appendChild(layerPath("ring", rings.join("")));
    (picked || []).forEach(function (k) { if (visible[k]) { frag.appendChild(copy(N[k].el, k, "picked")); } });
    litLayer.appendChild(frag);
  }
  var MANY_LIT = 200;   // past this many lit nodes, organisations carry no distance badge
  function badge(n, d) {
    var t = document.createElementNS(SVG_NS, "text");
    t.setAttribute("x", n.x + n.w / 2 + 3); t.setAttribute("y", n.y - n.h / 2 + 2);
    t.setAttribute("font-size", Math.max(12, n.font));
    t.textContent = String(d);
    badges.appendChild(t);
  }
  function edgesWithin(dist, kinds) {
    return E.filter(function (e) { return dist[e.a] !== undefined && dist[e.b] !== undefined && (!kinds || kinds[e.kind]); });
  }
  function feedsOf(k) {             // everything that feeds node k, with distances
    var dist = downFrom([k]);
    return { dist: dist, edges: edgesWithin(dist, UPWARD).filter(function (e) { return dist[e.a] === dist[e.b] + 1; }) };
  }
  function routesOf(k) {            // where node k's voice goes, with distances
    var dist = upFrom([k]);
    return { dist: dist, edges: edgesWithin(dist, UPWARD).filter(function (e) { return dist[e.b] === dist[e.a] + 1; }) };
  }
  function voicesFor(c) {           // seats (reps links) that speak for community c or a wider one
    var wider = widerOf(c), found = [];
    E.forEach(function (e) {
      (e.seats || []).forEach(function (s) {
        if (!s.vacant && (s.represents || []).some(function (r) { return wider[idx[r]]; })) { found.push({ edge: e, seat: s }); }
      });
    });
    return found;
  }

  /* ------------------------------------------------------------ the details card */
  function openCard(title, kind) {
    card.replaceChildren();
    var close = el("button", "\u00d7", "close");
    close.type = "button"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { clearSelection(); });
    card.appendChild(close);
    card.appendChild(el("h2", title));
    if (kind) { card.appendChild(el("p", kind, "kind")); }
    card.hidden = false;
  }
  function list(heading, items) {
    if (!items.length) { return; }
    card.appendChild(el("h3", heading));
    var ul = el("ul");
    items.forEach(function (t) { ul.appendChild(el("li", t)); });
    card.appendChild(ul);
  }
  function detailRows(rows) {
    if (!rows || !rows.length) { return; }
    var dl = el("dl");
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    card.appendChild(dl);
  }
  function name(k) { return N[k] ? N[k].label : k; }
  function seatText(s, e) {
    var who = s.vacant ? "vacant" : "held by " + (s.holder || s.person || "someone not named");
    var t = s.role + " seat for the " + s.sector + ", " + who;
    if (s.method) { t += " (" + s.method + ")"; }
    if (s.deputy) { t += "; a deputy place"; }
    if (s.reserved_for && s.reserved_for.length) { t += "; reserved for " + s.reserved_for.join(", "); }
    if (s.represents_names.length) { t += "; speaks for " + s.represents_names.join(", "); }
    t += s.reports_back_to.length ? "; reports back to " + s.reports_back_to.join(", ") : "; reports back to nobody";
    if (s.term_end) { t += "; term ends " + s.term_end; }
    return e ? name(e.a) + ": " + t : t;
  }
  function count(dist, type) {
    var c = 0;
    Object.keys(dist).forEach(function (k) {
      if (dist[k] > 0 && N[k].type === type) { c += 1; }
      if (dist[k] > 0 && type === "organisation" && N[k].type === "aggregate") { c += N[k].count - 1; }
    });
    return c;
  }
  function showPartnership(k) {
    var n = N[k], r = feedsOf(k);
    light(r.dist, r.edges, [k]);
    openCard(n.label, kindOf(n));
    whatIfButton(n.id, n.label, k);
    card.appendChild(el("p", "Fed by " + count(r.dist, "partnership") + " partnerships, " + count(r.dist, "network") +
      " networks and " + count(r.dist, "organisation") + " organisations (numbers on the map: steps away)."));
    var into = up[k].filter(function (e) { return e.kind === "feeds_into"; }).map(function (e) { return name(e.b); });
    list("Feeds into", into);
    var seats = [];
    down[k].forEach(function (e) { if (e.kind === "reps") { e.seats.forEach(function (s) { seats.push(seatText(s, e)); }); } });
    list("Seats (" + seats.length + ")", seats);
    list("Reported back to", E.filter(function (e) { return e.kind === "reports_back" && e.a === k; })
      .map(function (e) { return name(e.b); }).filter(function (v, i, a) { return a.indexOf(v) === i; }));
    if (n.nobody_for && n.nobody_for.length) {
      card.appendChild(el("p", "Nobody on it speaks for: " + n.nobody_for.join(", "), "alarm"));
    }
    detailRows(n.details);
  }
  function showCommunity(k) {
    var n = N[k], group = narrowerOf(k), servers = [], dist = {};
    Object.keys(group).forEach(function (c) { dist[c] = 0; (servedBy[c] || []).forEach(function (s) { servers.push(s); dist[s] = 1; }); });
    var voices = voicesFor(k), edgesOn = [];
    voices.forEach(function (v) { dist[v.edge.a] = dist[v.edge.a] || 1; dist[v.edge.b] = dist[v.edge.b] || 2; edgesOn.push(v.edge); });
    light(dist, edgesOn, [k]);
    openCard(n.label, word("community_kind", n.community_kind));
    if (!voices.length) { card.appendChild(el("p", "Nobody speaks for this community here: no filled seat on any partnership represents it.", "alarm")); }
    list("Spoken for by", voices.map(function (v) { return name(v.edge.a) + " \u2192 " + name(v.edge.b) + ": " + seatText(v.seat); }));
    list("Groups that serve it", servers.map(name).filter(function (v, i, a) { return a.indexOf(v) === i; }));
    if (voices.length && n.unrepresented && D.focusName) { card.appendChild(el("p", "Nobody on " + D.focusName + " speaks for it.", "alarm")); }
    detailRows(n.details);
  }
  function showRoutes(k) {
    var n = N[k], r = routesOf(k);
    light(r.dist, r.edges, [k]);
    openCard(n.label, kindOf(n));
    if (n.type !== "aggregate") { whatIfButton(n.id, n.label, k); }
    var parent = {};
    r.edges.forEach(function (e) { if (parent[e.b] === undefined) { parent[e.b] = e.a; } });
    var routes = [];
    Object.keys(r.dist).forEach(function (t) {
      if (N[t].type === "partnership" && N[t].top) {
        var path = [name(t)], x = +t;
        while (x !== k && parent[x] !== undefined) { x = parent[x]; path.unshift(name(x)); }
        routes.push(path.join(" \u2192 ") + " (" + r.dist[t] + (r.dist[t] === 1 ? " step)" : " steps)"));
      }
    });
    if (routes.length) { list("Routes to every board", routes); }
    else { card.appendChild(el("p", "No route to any board.", "alarm")); }
    var reached = Object.keys(r.dist).filter(function (t) { return N[t].type === "partnership"; }).map(name);
    list("Reaches " + reached.length + " partnerships", reached);
    if (n.members) { list(n.members.length + " organisations", n.members.slice(0, 200)); }
    detailRows(n.details);
  }
  function showEdge(e) {
    var a = name(e.a), b = name(e.b);
    clearLight();
    var d = {}; d[e.a] = 0; d[e.b] = 0;
    light(d, [e], [e.a, e.b]);
    if (e.kind === "reps") {
      openCard(a + " \u2192 " + b, e.seats.length + (e.seats.length > 1 ? " seats" : " seat") + (e.vacant ? " (" + e.vacant + " vacant)" : ""));
      list("Seats", e.seats.map(function (s) { return seatText(s); }));
      e.seats.forEach(function (s, i) {
        var who = s.vacant ? "this vacant seat" : "the seat held by " + (s.holder || s.person || "someone not named");
        whatIfButton(s.id, e.seats.length > 1 ? who + " (seat " + (i + 1) + ")" : who, e.b,
                     e.seats.length > 1 ? "What if seat " + (i + 1) + " went?" : null);
      });
    } else {
      openCard(a + " " + word("link", e.kind) + " " + b, e.label || null);
    }
  }
  var selected = null;
  function select(k) {
    selected = k;
    var n = N[k];
    if (n.type === "partnership") { showPartnership(k); }
    else if (n.type === "community") { showCommunity(k); }
    else { showRoutes(k); }
    // keep what lit up in sight, left of the card (or at least what was clicked)
    var rect = stage();
    var limit = rect.width - (card.hidden ? 0 : CARD_WIDTH + 24);
    var shown = lit.length ? N.filter(function (m) { return litSet[m.i]; }) : [n];
    var bb = box(shown.length ? shown : [n]);
    var right = bb.r * T.s + T.x, left = bb.l * T.s + T.x;
    var own = (n.x + n.w / 2) * T.s + T.x;
    if (right > limit) { pan(-Math.min(right - limit, Math.max(left - 8, own - limit)), 0); }
  }
  function clearSelection() { selected = null; clearLight(); card.hidden = true; card.replaceChildren(); }

  /* ------------------------------------------------------------ "what if this went?" (issue 16) */
  var WHATIF = D.whatif || {}, focusK = D.focus ? idx[D.focus] : undefined;
  function feedsFocus(k) { return focusK !== undefined && (k === focusK || upFrom([k])[focusK] !== undefined); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function whatIf(key, label, from, button) {   // grey out what losing `key` (a node or seat id) cuts off from the board in focus
    clearLight();
    var old = $("whatif-result");
    if (old) { old.remove(); }
    var w = WHATIF[key], text, cls = "alarm";
    if (idx[key] !== undefined) { N[idx[key]].el.classList.add("gone"); cutEls.push(N[idx[key]].el); }
    if (!feedsFocus(from)) {
      text = label + " is on no route to " + D.focusName + ": losing it cuts nothing off from it."; cls = "calm";
    } else if (!w) {
      text = "If " + label + " went, nothing would be cut off from " + D.focusName + ": everything here has another route.";
      cls = "calm";
    } else {
      w[2].forEach(function (k) { N[k].el.classList.add("cut"); cutEls.push(N[k].el); });
      w[3].forEach(function (j) { [E[j].el, E[j].hit].forEach(function (x) { if (x) { x.classList.add("cut"); cutEls.push(x); } }); });
      var bodies = w[2].filter(function (k) { return N[k].type !== "organisation" && N[k].type !== "aggregate"; }).map(name);
      text = "If " + label + " went, " + plural(w[0], "organisation", "organisations") + " would lose their only route to " +
        D.focusName + (w[1].length ? ", and nobody would be left to speak there for: " + w[1].join(", ") + "."
          : "; every community they serve would still be heard through someone else.");
      if (bodies.length) { text += " Also cut off: " + bodies.slice(0, 12).join(", ") + (bodies.length > 12 ? " and " + (bodies.length - 12) + " more." : "."); }
      text += " Greyed out on the map.";
    }
    var p = el("p", text, cls);
    p.id = "whatif-result";
    if (button && button.parentNode === card) { button.after(p); } else { card.appendChild(p); }   // under its button
    p.scrollIntoView({ block: "nearest" });
  }
  function whatIfButton(key, label, from, text) {
    if (focusK === undefined || key === D.focus) { return; }
    var b = el("button", text || "What if this went?", "whatif");
    b.type = "button";
    b.title = "Grey out what " + D.focusName + " would lose if " + label + " went";
    b.addEventListener("click", function () { whatIf(key, label, from, b); });
    card.appendChild(b);
  }

  function nodeOf(target) {
    var g = target.closest && target.closest(".node");
    return g ? +(g.getAttribute("data-i") || g.id.slice(1)) : null;
  }
  function edgeOf(target) { var h = target.closest && target.closest(".hit"); return h ? E[+h.id.slice(1)] : null; }
  svg.addEventListener("click", function (ev) {
    if (dragged) { dragged = false; return; }
    var k = nodeOf(ev.target);
    if (k !== null) { select(k); return; }
    var e = edgeOf(ev.target);
    if (e) { showEdge(e); return; }
    clearSelection();
  });
  svg.addEventListener("mouseover", function (ev) {
    var k = nodeOf(ev.target), e = k === null ? edgeOf(ev.target) : null;
    if (k === null && !e) { tip.hidden = true; return; }
    tip.textContent = k !== null ? N[k].label + " \u2014 " + kindOf(N[k]) + ". Click for details."
      : name(e.a) + " " + word("link", e.kind) + " " + name(e.b) + (e.label ? " (" + e.label + ")" : "");
    tip.hidden = false;
  });
  svg.addEventListener("mousemove", function (ev) { tip.style.left = (ev.clientX + 14) + "px"; tip.style.top = (ev.clientY + 14) + "px"; });
  svg.addEventListener("mouseleave", function () { tip.hidden = true; });

  /* ------------------------------------------------------------ search */
  var search = $("search"), results = $("results");
  function choose(k) {
    results.replaceChildren();
    select(k);
    var n = N[k], rect = stage();
    if (T.s * n.font < 14) { T.s = 16 / n.font; }
    T.x = rect.width * 0.4 - n.x * T.s; T.y = rect.height / 2 - n.y * T.s;
    apply();
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    results.replaceChildren();
    if (!q) { return; }
    var found = N.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || (n.members || []).some(function (m) { return m.toLowerCase().indexOf(q) >= 0; });
    });
    found.sort(function (a, b) { return (visible[b.i] ? 1 : 0) - (visible[a.i] ? 1 : 0) || a.label.localeCompare(b.label); });
    found.slice(0, 40).forEach(function (n) {
      var li;
      if (visible[n.i]) {
        li = el("li", n.label + " (" + kindOf(n) + ")");
        li.tabIndex = 0;
        li.addEventListener("click", function () { choose(n.i); });
        li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { choose(n.i); } });
      } else {
        li = el("li", n.label + ": hidden by a filter", "filtered");
      }
      li.dataset.id = n.id;
      results.appendChild(li);
    });
    if (!found.length) { results.appendChild(el("li", "Nothing called that on this map", "filtered")); }
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var first = results.querySelector("li:not(.filtered)"); if (first) { choose(N[idx[first.dataset.id]].i); } }
    if (ev.key === "ArrowDown") { var f = results.querySelector("li"); if (f) { ev.preventDefault(); f.focus(); } }
  });

  /* ------------------------------------------------------------ controls */
  function refilter() { clearSelection(); applyFilters(); fit(); }
  ["filter-community", "filter-sector", "filter-theme", "filter-level", "show-serves", "show-reporting"].forEach(function (id) {
    $(id).addEventListener("change", refilter);
  });
  $("show-gaps").addEventListener("change", applyFilters);
  function reset() {
    CONTROLS.forEach(function (id) { $(id).value = ""; });
    Object.keys(CHECKS).forEach(function (id) { $(id).checked = CHECKS[id]; });
    results.replaceChildren();
    clearSelection();
    tip.hidden = true;
    applyFilters();
    fit();
  }
  $("reset").addEventListener("click", function () { if (story) { showStep(0); } else { reset(); } });
  $("zoom-in").addEventListener("click", function () { zoom(1.3); });
  $("zoom-out").addEventListener("click", function () { zoom(1 / 1.3); });
  $("fit").addEventListener("click", fit);
  $("fullscreen").addEventListener("click", function () {
    if (document.fullscreenElement) { document.exitFullscreen(); } else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  });
  document.addEventListener("fullscreenchange", function () { setTimeout(function () { geo = null; measureStory(); fit(); }, 50); });
  window.addEventListener("resize", function () { geo = null; measureStory(); fit(); });

  /* ------------------------------------------------------------ legend: items drawn in Python */

  /* ------------------------------------------------------------ story */
  var story = D.story && D.story.length ? D.story : null, step = 0;
  function showStep(k) {
    step = Math.max(0, Math.min(story.length - 1, k));
    var s = story[step];
    $("story-count").textContent = "Step " + (step + 1) + " of " + story.length;
    $("story-title").textContent = s.title;
    $("story-caption").textContent = s.caption || "";
    $("story-prev").disabled = step === 0;
    $("story-next").disabled = step === story.length - 1;
    measureStory();   // before the drawing changes: a read after it would force a layout of every shape
    CONTROLS.forEach(function (id) { $(id).value = ""; });
    Object.keys(CHECKS).forEach(function (id) { $(id).checked = CHECKS[id]; });
    var f = s.filters || {};
    ["community", "sector", "theme", "level"].forEach(function (key) { if (f[key]) { $("filter-" + key).value = f[key]; } });
    results.replaceChildren();
    clearSelection();
    applyFilters();
    var focus = (s.focus || []).filter(function (id) { return idx[id] !== undefined && visible[idx[id]]; }).map(function (id) { return idx[id]; });
    if (s.lights === "family" && focus.length) {
      var fam = walk(focus, down.map(function (list) { return list.filter(function (e) { return e.kind === "feeds_into"; }); }),
                     function (e) { return e.a; });
      light(fam, E.filter(function (e) { return e.kind === "feeds_into" && fam[e.a] !== undefined && fam[e.b] !== undefined; }), focus);
    } else if (focus.length === 1) {
      select(focus[0]);
      card.hidden = true;   // the story's caption says it; a click opens the card
    } else if (focus.length > 1) {
      var dist = {}, on = [];
      focus.forEach(function (k) {
        var r = N[k].type === "partnership" ? feedsOf(k) : routesOf(k);
        Object.keys(r.dist).forEach(function (x) { if (dist[x] === undefined || r.dist[x] < dist[x]) { dist[x] = r.dist[x]; } });
        on = on.concat(r.edges);
      });
      light(dist, on, focus);
    }
    if (focus.length && s.zoom !== false) {
      var shown = N.filter(function (n) { return visible[n.i] && litSet[n.i]; });
      fitTo(shown.length ? shown : N.filter(function (n) { return visible[n.i]; }));
    } else { fit(); }
  }
  if (story) {
    $("story").hidden = false;
    $("story-prev").addEventListener("click", function () { showStep(step - 1); });
    $("story-next").addEventListener("click", function () { showStep(step + 1); });
  }

  /* ------------------------------------------------------------ keyboard */
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target.tagName || "").toLowerCase();
    var typing = tag === "input" && ev.target.type === "search" || tag === "select";
    if (ev.key === "Escape") { ev.preventDefault(); if (story) { showStep(0); } else { reset(); } search.blur(); return; }
    if (typing) { return; }
    if (story && (ev.key === "ArrowRight" || ev.key === "PageDown")) { ev.preventDefault(); showStep(step + 1); return; }
    if (story && (ev.key === "ArrowLeft" || ev.key === "PageUp")) { ev.preventDefault(); showStep(step - 1); return; }
    var moves = { ArrowLeft: [80, 0], ArrowRight: [-80, 0], ArrowUp: [0, 80], ArrowDown: [0, -80] };
    if (moves[ev.key] && tag !== "li") { ev.preventDefault(); pan(moves[ev.key][0], moves[ev.key][1]); return; }
    if (tag === "li" && (ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
      ev.preventDefault();
      var sib = ev.key === "ArrowDown" ? ev.target.nextElementSibling : ev.target.previousElementSibling;
      if (sib) { sib.focus(); } else if (ev.key === "ArrowUp") { search.focus(); }
      return;
    }
    if (ev.key === "+" || ev.key === "=") { zoom(1.3); } else if (ev.key === "-" || ev.key === "_") { zoom(1 / 1.3); } else if (ev.key === "0") { fit(); }
  });

  /* ------------------------------------------------------------ start */
  applyFilters();
  if (story) { showStep(0); } else { fit(); }
  window.engagemap = {
    nodes: N, edges: E, index: idx, visible: visible, transform: T, select: select, reset: reset,
    fit: fit, story: story, whatIf: whatIf, showStep: showStep, step: function () { return step; },
    lit: function () { return Object.keys(litSet).map(function (k) { return N[k].id; }); },
    state: function () {
      return JSON.stringify({ t: drawing.style.transform, visible: visible, lit: lit.length, card: card.hidden,
        controls: CONTROLS.map(function (id) { return $(id).value; }),
        checks: Object.keys(CHECKS).map(function (id) { return $(id).checked; }), results: results.children.length,
        off: document.querySelectorAll("#view .off").length, step: step });
    }
  };
  requestAnimationFrame(function () { document.body.dataset.ready = "1"; });
})();
