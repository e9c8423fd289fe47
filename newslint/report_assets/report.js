"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const F = { file: 0, line: 1, col: 2, rule: 3, cat: 4, sev: 5, msg: 6, sug: 7, ctx: 8, hs: 9, he: 10 };
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : String(c));
    return node;
  };
  const count = (key) => {
    const m = new Map();
    for (const f of data.findings) m.set(f[key], (m.get(f[key]) || 0) + 1);
    return m;
  };
  const byCat = count(F.cat), byRule = count(F.rule), byFile = count(F.file);
  const cats = [...byCat.keys()].sort();
  const state = { cat: "", rule: "", file: "", text: "", page: 0, size: 100 };

  // ---- totals
  $("overview").textContent = `${data.findings.length} findings in ${data.files.length} files` +
    (data.errors.length ? `; ${data.errors.length} files could not be read` : "") + ".";
  const catTable = $("by-category");
  catTable.append(el("tr", {}, el("th", {}, "category"), el("th", { class: "n" }, "findings")));
  for (const c of cats) catTable.append(el("tr", { "data-category": c }, el("td", {}, c), el("td", { class: "n" }, byCat.get(c))));
  const ruleTable = $("by-rule");
  ruleTable.append(el("tr", {}, el("th", {}, "rule"), el("th", {}, "category"), el("th", { class: "n" }, "findings")));
  for (const [r, n] of [...byRule.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const info = data.rules[r] || {};
    const cell = el("td", { class: "rule", title: info.summary || "" }, r);
    cell.addEventListener("click", () => { setFilter("rule", r); });
    ruleTable.append(el("tr", { "data-rule": r }, cell, el("td", {}, info.category || ""), el("td", { class: "n" }, n)));
  }

  // ---- files table (sortable)
  const fileRows = data.files.map((path, i) => {
    const row = { i, path, total: byFile.get(i) || 0 };
    for (const c of cats) row[c] = 0;
    return row;
  });
  for (const f of data.findings) fileRows[f[F.file]][f[F.cat]] += 1;
  const columns = [["path", "file"], ["total", "findings"], ...cats.map((c) => [c, c])];
  const sort = { key: "total", dir: -1 };
  const head = el("tr");
  for (const [key, label] of columns) {
    const th = el("th", { "data-key": key, class: key === "path" ? "" : "n", scope: "col" }, label);
    th.addEventListener("click", () => {
      sort.dir = sort.key === key ? -sort.dir : (key === "path" ? 1 : -1);
      sort.key = key;
      drawFiles();
    });
    head.append(th);
  }
  $("files").tHead.append(head);
  function drawFiles() {
    const rows = fileRows.slice().sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      const cmp = typeof x === "string" ? x.localeCompare(y) : x - y;
      return sort.dir * cmp || a.path.localeCompare(b.path);
    });
    for (const th of head.children) {
      th.setAttribute("aria-sort", th.dataset.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    }
    const body = $("files").tBodies[0];
    body.replaceChildren(...rows.map((r) => {
      const cell = el("td", { class: "path", title: "show this file's findings" }, r.path);
      cell.addEventListener("click", () => setFilter("file", String(r.i)));
      return el("tr", { "data-file": r.path }, cell, ...columns.slice(1).map(([k]) => el("td", { class: "n" }, r[k])));
    }));
  }
  drawFiles();

  // ---- filters
  const fill = (select, values, label) => {
    for (const v of values) select.append(el("option", { value: v[0] }, label ? label(v) : v[0]));
  };
  fill($("f-category"), cats.map((c) => [c]));
  fill($("f-rule"), [...byRule.keys()].sort().map((r) => [r]));
  fill($("f-file"), fileRows.filter((r) => r.total).sort((a, b) => a.path.localeCompare(b.path)).map((r) => [String(r.i), r.path]),
       (v) => v[1]);
  const inputs = { cat: $("f-category"), rule: $("f-rule"), file: $("f-file") };
  function setFilter(key, value) {
    state[key] = value;
    inputs[key].value = value;
    state.page = 0;
    drawFindings();
    $("findings").scrollIntoView({ block: "start" });
  }
  for (const [key, input] of Object.entries(inputs)) {
    input.addEventListener("change", () => { state[key] = input.value; state.page = 0; drawFindings(); });
  }
  let timer = 0;
  $("f-text").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.text = $("f-text").value.trim().toLowerCase(); state.page = 0; drawFindings(); }, 120);
  });
  $("page-size").addEventListener("change", () => { state.size = Number($("page-size").value); state.page = 0; drawFindings(); });
  $("reset").addEventListener("click", () => {
    for (const key of ["cat", "rule", "file"]) { state[key] = ""; inputs[key].value = ""; }
    state.text = ""; $("f-text").value = ""; state.page = 0; drawFindings();
  });
  $("prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); drawFindings(); });
  $("next").addEventListener("click", () => { state.page += 1; drawFindings(); });

  function matches(f) {
    if (state.cat && f[F.cat] !== state.cat) return false;
    if (state.rule && f[F.rule] !== state.rule) return false;
    if (state.file !== "" && String(f[F.file]) !== state.file) return false;
    if (!state.text) return true;
    const hay = [f[F.msg], f[F.rule], data.files[f[F.file]], data.contexts[f[F.ctx]], f[F.sug].join(" ")].join("\n");
    return hay.toLowerCase().includes(state.text);
  }

  function findingItem(f, index) {
    const ctx = data.contexts[f[F.ctx]];
    const pre = el("p", { class: "ctx" }, ctx.slice(0, f[F.hs]), el("mark", {}, ctx.slice(f[F.hs], f[F.he])), ctx.slice(f[F.he]));
    const side = el("div", { class: "side" }, el("p", { class: "msg" }, f[F.msg]));
    if (f[F.sug].length) side.append(el("p", { class: "sug" }, "→ ", el("b", {}, f[F.sug].join(" / "))));
    const where = el("div", { class: "where" }, el("b", {}, `${data.files[f[F.file]]}:${f[F.line]}:${f[F.col]}`),
      el("span", { class: `badge sev-${f[F.sev]}` }, f[F.sev]), el("span", { class: "badge" }, f[F.cat]),
      el("span", { class: "badge" }, f[F.rule]));
    return el("li", { class: "finding", "data-index": index, "data-rule": f[F.rule], "data-category": f[F.cat] }, where, pre, side);
  }

  function drawFindings() {
    const shown = [];
    data.findings.forEach((f, i) => { if (matches(f)) shown.push(i); });
    const size = state.size || shown.length || 1;
    const pages = Math.max(1, Math.ceil(shown.length / size));
    state.page = Math.min(state.page, pages - 1);
    const first = state.page * size;
    const slice = shown.slice(first, first + size);
    const list = $("findings");
    list.replaceChildren(...slice.map((i) => findingItem(data.findings[i], i)));
    if (!slice.length) list.append(el("li", { class: "empty" }, "No finding matches these filters."));
    $("status").textContent = shown.length
      ? `Showing ${first + 1}–${first + slice.length} of ${shown.length} findings (page ${state.page + 1} of ${pages})`
      : "Showing 0 of 0 findings";
    $("status").dataset.matching = String(shown.length);
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
  }
  drawFindings();
})();
