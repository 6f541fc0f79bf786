/* engagemap: the interactive map. Every text from the dataset is put into the
   page with textContent or drawn by vis-network on the canvas: never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  data.nodes = data.visNodes;   // one copy of each node and edge: vis-network's, with the map's fields
  data.edges = data.visEdges;
  var info = {};
  data.nodes.forEach(function (n) { info[n.id] = n; });
  var edgeInfo = {};
  data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
  var style = data.style;

  /* ---------------------------------------------------------- styles (from the STYLE table) */
  var WIDTH = { feeds_into: 3, reps: 2, member_of: 1, reports_back: 1.5, consults: 1.5, serves: 1, part_of: 1,
                affiliated_with: 1, funds: 1.5 };
  function nodeColour(n) {
    if (n.type === "partnership") { return style.partnership[n.level]; }
    if (n.type === "network") { return style.network[n.led_by]; }
    if (n.type === "organisation") { return style.organisation[n.sector]; }
    return style[n.type];
  }
  function styleNode(n, gapsOn) {
    var flagged = gapsOn && n.type === "community" && n.unrepresented;
    var white = n.type === "partnership" || n.type === "network";
    return {
      id: n.id,
      color: { background: nodeColour(n), border: flagged ? style.unrepresented : "#424242" },
      borderWidth: flagged ? 4 : 1,
      font: { color: white ? "#ffffff" : "#212121", size: n.level === "board" ? 18 : (white ? 15 : 12) }
    };
  }
  function styleEdge(e, gapsOn) {
    var colour = style.edge[e.kind];
    if (e.kind === "reps" && gapsOn && e.no_report_back) { colour = style.edge.no_report_back; }
    if (e.kind === "reps" && gapsOn && e.vacant) { colour = style.edge.vacant; }
    return {
      id: e.id, width: WIDTH[e.kind], color: { color: colour, opacity: 1 },
      dashes: e.kind === "reports_back" ? [2, 4] : (e.kind === "consults" || (gapsOn && e.vacant > 0)),
      font: e.kind === "reps" || e.kind === "funds" ? { size: 11, align: "middle" } : undefined
    };
  }
  data.nodes.forEach(function (n) { Object.assign(n, styleNode(n, true)); });
  data.edges.forEach(function (e) { Object.assign(e, styleEdge(e, true)); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  /* "serves" links are many and hidden at first: they are made when first switched on */
  var servesAdded = false;
  function addServes() {
    if (servesAdded) { return; }
    var extra = [];
    data.nodes.forEach(function (n) {
      (n.serves || []).forEach(function (c) {
        if (info[c]) {
          var e = { id: "s-" + n.id + "-" + c, from: n.id, to: c, kind: "serves" };
          Object.assign(e, styleEdge(e, true));
          extra.push(e);
          edgeInfo[e.id] = e;
        }
      });
    });
    data.edges = data.edges.concat(extra);
    edges.add(extra);
    servesAdded = true;
  }
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var upward = {};   // node -> [edge] towards power (member_of, reps, feeds_into)
  data.edges.forEach(function (e) {
    if (e.kind === "member_of" || e.kind === "reps" || e.kind === "feeds_into") {
      (upward[e.from] = upward[e.from] || []).push(e);
    }
  });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }

  function fillSelect(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) {
      var option = el("option", Array.isArray(v) ? v[1] : v);
      option.value = Array.isArray(v) ? v[0] : v;
      select.appendChild(option);
    });
  }
  fillSelect("filter-community", data.filters.communities);
  fillSelect("filter-sector", data.filters.sectors);
  fillSelect("filter-theme", data.filters.themes);
  fillSelect("filter-level", data.filters.levels);

  /* ---------------------------------------------------------- details */
  function showDetails(title, rows) {
    var box = document.getElementById("details");
    box.replaceChildren();
    box.appendChild(el("h2", title));
    var dl = el("dl");
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === "") { return; }
      dl.appendChild(el("dt", r[0]));
      dl.appendChild(el("dd", r[1]));
    });
    box.appendChild(dl);
  }

  function nodeDetails(id) {
    var n = info[id];
    if (!n) { return; }
    var rows = [["kind", n.type === "aggregate" ? "organisations folded together" : n.type], ["id", n.id]];
    (n.details || []).forEach(function (d) { rows.push(d); });
    if (n.reaches) {
      var names = n.reaches.map(function (p) { return data.filters.partnership_names[p] || p; });
      rows.push(["reaches", names.length ? names.join(", ") : "no partnership"]);
    }
    if (n.members) { rows.push(["members", n.members.join(", ")]); }
    if (n.type === "community") {
      rows.push(["represented", n.unrepresented ? "no: no filled seat speaks for it on " + data.focus : "yes"]);
    }
    showDetails(n.label, rows);
  }

  function edgeDetails(id) {
    var e = edgeInfo[id];
    if (!e) { return; }
    var from = info[e.from] ? info[e.from].label : e.from;
    var to = info[e.to] ? info[e.to].label : e.to;
    var rows = [["link", e.kind.replace(/_/g, " ")], ["from", from], ["to", to]];
    (e.seats || []).forEach(function (s) {
      var text = s.sector + (s.method ? ", " + s.method : "") +
        (s.vacant ? ", VACANT" : ", held by " + (s.holder || s.person)) +
        (s.person && s.holder ? " (" + s.person + ")" : "") +
        (s.represents.length ? "; represents " + s.represents.join(", ") : "") +
        (s.term_end ? "; term ends " + s.term_end : "") +
        (s.reports_back_to.length ? "; reports back to " + s.reports_back_to.join(", ") : "; no reporting back");
      rows.push(["seat " + s.id, text]);
    });
    showDetails(e.label || e.kind.replace(/_/g, " "), rows);
  }

  /* ---------------------------------------------------------- highlighting */
  var dimmed = false;
  function routesFrom(id) {
    var seenNodes = {}, seenEdges = {};
    var stack = [id];
    seenNodes[id] = true;
    while (stack.length) {
      var n = stack.pop();
      (upward[n] || []).forEach(function (e) {
        seenEdges[e.id] = true;
        if (!seenNodes[e.to]) { seenNodes[e.to] = true; stack.push(e.to); }
      });
    }
    return { nodes: seenNodes, edges: seenEdges };
  }

  function highlight(id) {
    var r = routesFrom(id);
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: r.nodes[n.id] ? 1 : 0.15 };
    }));
    edges.update(data.edges.map(function (e) {
      var on = r.edges[e.id];
      return { id: e.id, width: on ? 4 : e.width, color: on ? { color: "#ff6f00", opacity: 1 } : { color: e.color.color, opacity: 0.15 } };
    }));
    dimmed = true;
  }

  function undim() {
    if (!dimmed) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
    applyGaps();
    dimmed = false;
  }

  /* ---------------------------------------------------------- gaps and layers */
  function applyGaps() {
    var on = document.getElementById("show-gaps").checked;
    nodes.update(data.nodes.filter(function (n) { return n.type === "community"; })
      .map(function (n) { return styleNode(n, on); }));
    edges.update(data.edges.map(function (e) { return styleEdge(e, on); }));
  }

  /* ---------------------------------------------------------- filters */
  function matches(n, f) {
    if (f.sector && (n.type === "organisation" || n.type === "aggregate") && n.sector !== f.sector) { return false; }
    if (f.sector && n.type === "network" && n.led_by !== f.sector && !(f.sector === "vcs" && n.led_by === "joint")) { return false; }
    if (f.level && n.type === "partnership" && n.level !== f.level) { return false; }
    if (f.theme && n.type === "partnership" && n.themes.indexOf(f.theme) < 0) { return false; }
    return true;
  }

  function applyFilters() {
    var f = {
      community: document.getElementById("filter-community").value,
      sector: document.getElementById("filter-sector").value,
      theme: document.getElementById("filter-theme").value,
      level: document.getElementById("filter-level").value
    };
    var keep = null;
    if (f.community) {
      keep = {};
      var narrower = {};
      narrower[f.community] = true;
      var changed = true;
      while (changed) {
        changed = false;
        data.edges.forEach(function (e) {
          if (e.kind === "part_of" && narrower[e.to] && !narrower[e.from]) { narrower[e.from] = true; changed = true; }
        });
      }
      Object.keys(narrower).forEach(function (c) { keep[c] = true; });
      data.nodes.forEach(function (n) {
        if ((n.serves || []).some(function (c) { return narrower[c]; })) {
          var r = routesFrom(n.id);
          Object.keys(r.nodes).forEach(function (k) { keep[k] = true; });
        }
      });
    }
    var visible = {};
    data.nodes.forEach(function (n) { visible[n.id] = (!keep || keep[n.id]) && matches(n, f); });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !visible[n.id] }; }));
    var serves = document.getElementById("show-serves").checked;
    if (serves) { addServes(); }
    var reporting = document.getElementById("show-reporting").checked;
    edges.update(data.edges.map(function (e) {
      var hidden = !visible[e.from] || !visible[e.to] ||
        (e.kind === "serves" && !serves) || (e.kind === "reports_back" && !reporting);
      return { id: e.id, hidden: hidden };
    }));
  }

  ["filter-community", "filter-sector", "filter-theme", "filter-level", "show-serves", "show-reporting"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () { undim(); applyFilters(); });
  });
  document.getElementById("show-gaps").addEventListener("change", function () { undim(); applyGaps(); });
  document.getElementById("reset").addEventListener("click", function () {
    ["filter-community", "filter-sector", "filter-theme", "filter-level"].forEach(function (id) {
      document.getElementById(id).value = "";
    });
    undim();
    applyFilters();
    network.fit();
  });

  /* ---------------------------------------------------------- search */
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  function choose(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    nodeDetails(id);
    if (["organisation", "aggregate", "network"].indexOf(info[id].type) >= 0) { highlight(id); }
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    results.replaceChildren();
    if (!q) { return; }
    data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || n.id.indexOf(q) >= 0 ||
        (n.members || []).some(function (m) { return m.toLowerCase().indexOf(q) >= 0; });
    }).slice(0, 30).forEach(function (n) {
      var item = el("li", n.label + " (" + (n.type === "aggregate" ? "organisations" : n.type) + ")");
      item.tabIndex = 0;
      item.dataset.id = n.id;
      item.addEventListener("click", function () { choose(n.id); });
      item.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { choose(n.id); } });
      results.appendChild(item);
    });
  });

  /* ---------------------------------------------------------- clicks */
  network.on("click", function (params) {
    undim();
    if (params.nodes.length) {
      var id = params.nodes[0];
      nodeDetails(id);
      if (["organisation", "aggregate", "network"].indexOf(info[id].type) >= 0) { highlight(id); }
    } else if (params.edges.length) {
      edgeDetails(params.edges[0]);
    }
  });

  /* ---------------------------------------------------------- legend */
  var legend = document.getElementById("legend");
  data.legend.forEach(function (item) {
    var span = el("span");
    var mark = el("i", null, item.line ? "line" : "swatch" + (item.round ? " round" : ""));
    if (item.line) {
      mark.style.borderTopColor = item.color;
      mark.style.borderTopStyle = item.dashes ? "dashed" : (item.dotted ? "dotted" : "solid");
    } else {
      mark.style.background = item.color;
      if (item.border) { mark.style.borderColor = item.border; mark.style.borderWidth = "3px"; }
    }
    span.appendChild(mark);
    span.appendChild(el("span", item.label));
    legend.appendChild(span);
  });

  network.once("afterDrawing", function () { document.body.dataset.ready = "1"; });
  window.engagemap = { network: network, nodes: nodes, edges: edges, info: info, data: data };
})();
