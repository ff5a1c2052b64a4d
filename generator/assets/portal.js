// The city portal's search: the first district's Pagefind engine, with every other district's
// published index merged into it, each tagged with its district's name as the filter "site".
// Results are built as text nodes; Pagefind's excerpt keeps only its <mark> highlights.
(function () {
  "use strict";
  var form = document.querySelector("[data-dz-portal]");
  var input = form.querySelector("input[name=query]");
  var select = form.querySelector("select[name=site]");
  var status = document.querySelector(".dz-portal-status");
  var list = document.querySelector(".dz-portal-results");
  var data = JSON.parse(document.getElementById("dz-portal-data").textContent);
  var SHOWN = 20;
  var engine = null;
  var asked = 0;
  var timer = 0;

  function at(url) {
    return new URL(url, location.href).href;
  }

  function load() {
    if (!engine) {
      var first = data.sites[0];
      engine = import(at(first.url + data.bundle + "pagefind.js")).then(function (pagefind) {
        return pagefind
          .options({ baseUrl: at(first.url), mergeFilter: { site: first.name } })
          .then(function () {
            return Promise.all(
              data.sites.slice(1).map(function (site) {
                return pagefind.mergeIndex(at(site.url + data.bundle), {
                  baseUrl: at(site.url),
                  mergeFilter: { site: site.name },
                });
              })
            );
          })
          .then(function () {
            return pagefind;
          });
      });
      engine.catch(function () {
        engine = null;
        status.textContent = "搜索暂时不可用，请稍后再试。";
      });
    }
    return engine;
  }

  // The district a result belongs to: the site whose address its URL starts with (the longest such).
  function siteOf(url) {
    var found = "";
    var length = 0;
    data.sites.forEach(function (site) {
      var base = at(site.url);
      if (at(url).indexOf(base) === 0 && base.length > length) {
        found = site.name;
        length = base.length;
      }
    });
    return found;
  }

  function excerptInto(node, html) {
    html.split(/<mark>([\s\S]*?)<\/mark>/).forEach(function (part, i) {
      var text = new DOMParser().parseFromString(part, "text/html").body.textContent || "";
      if (i % 2) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        node.appendChild(mark);
      } else {
        node.appendChild(document.createTextNode(text));
      }
    });
  }

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    li.appendChild(link);
    var facts = document.createElement("div");
    facts.className = "dz-portal-facts";
    [siteOf(result.url), result.meta.kind, result.meta.date]
      .filter(Boolean)
      .forEach(function (fact) {
        var span = document.createElement("span");
        span.textContent = fact;
        facts.appendChild(span);
      });
    li.appendChild(facts);
    var excerpt = document.createElement("p");
    excerptInto(excerpt, result.excerpt || "");
    li.appendChild(excerpt);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++asked;
    if (!query) {
      list.textContent = "";
      return;
    }
    status.textContent = "正在搜索……";
    load()
      .then(function (pagefind) {
        var options = select.value ? { filters: { site: select.value } } : {};
        return pagefind.search(query, options);
      })
      .then(function (found) {
        return Promise.all(
          found.results.slice(0, SHOWN).map(function (r) {
            return r.data();
          })
        ).then(function (shown) {
          if (mine !== asked) return;
          list.textContent = "";
          shown.forEach(function (result) {
            list.appendChild(item(result));
          });
          status.textContent = found.results.length
            ? "“" + query + "”：找到 " + found.results.length + " 条" +
              (found.results.length > SHOWN ? "，显示前 " + SHOWN + " 条" : "") + "。"
            : "没有找到“" + query + "”，换个说法试试。";
        });
      })
      .catch(function () {});
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", soon);
  select.addEventListener("change", run);
})();
