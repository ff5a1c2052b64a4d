// Site search in the header. The Pagefind index (pagefind/) is fetched only once the visitor
// searches, then only the chunks a query needs. Results are built as text nodes: a page's title,
// kind, date and department never become HTML; Pagefind's excerpt is read as text too, keeping
// only its <mark> highlights.
(function () {
  "use strict";
  var box = document.querySelector("[data-dz-search]");
  if (!box) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input[name=query]");
  var select = box.querySelector("select[name=department]");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var root = new URL(box.getAttribute("data-root"), location.href);
  var synonyms = JSON.parse(box.getAttribute("data-synonyms") || "{}");
  var hint = status.textContent;
  var SHOWN = 10;
  // Measured on the example district's query set (tests/test_search.py): a little less weight to
  // short pages and quicker saturation of repeated words put a guide above postings that quote its name.
  var RANKING = { pageLength: 0.2, termSaturation: 1.0 };
  var engine = null;
  var asked = 0;
  var timer = 0;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, ranking: RANKING }).then(function () {
          pagefind.filters().then(fillDepartments);
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

  function fillDepartments(filters) {
    var names = Object.keys((filters && filters.department) || {}).sort(function (a, b) {
      return a.localeCompare(b, "zh");
    });
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
  }

  // The words the pages use for what the visitor typed (site_config.yml: search.synonyms).
  function expand(query) {
    Object.keys(synonyms).forEach(function (word) {
      if (query.indexOf(word) >= 0 && query.indexOf(synonyms[word]) < 0) {
        query = query.split(word).join(synonyms[word]);
      }
    });
    return query;
  }

  // Pagefind's excerpt is escaped text with <mark> around the matched words: kept as text and <mark> elements.
  function excerptInto(node, html) {
    var parts = html.split(/<mark>([\s\S]*?)<\/mark>/);
    parts.forEach(function (part, i) {
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
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = result.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = result.meta.title || result.url;
    var facts = document.createElement("p");
    facts.className = "dz-search-facts";
    var department = (result.filters && result.filters.department) || [];
    facts.textContent = [result.meta.kind, result.meta.date, department[0]].filter(Boolean).join(" · ");
    var excerpt = document.createElement("p");
    excerptInto(excerpt, result.excerpt || "");
    article.appendChild(title);
    article.appendChild(facts);
    article.appendChild(excerpt);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function show(results, total, query) {
    list.replaceChildren.apply(list, results.map(item));
    status.textContent = total
      ? "找到 " + total + " 个页面" + (total > results.length ? "，显示前 " + results.length + " 个" : "")
      : "没有找到与“" + query + "”有关的页面";
  }

  function search() {
    var typed = input.value.trim();
    var ticket = ++asked;
    if (!typed) {
      list.replaceChildren();
      status.textContent = hint;
      return;
    }
    var query = expand(typed);
    var options = select.value ? { filters: { department: select.value } } : {};
    status.textContent = "正在搜索……";
    load()
      .then(function (pagefind) {
        return pagefind.search(query, options);
      })
      .then(function (found) {
        if (ticket !== asked || !found) return null;
        return Promise.all(
          found.results.slice(0, SHOWN).map(function (r) {
            return r.data();
          })
        ).then(function (data) {
          if (ticket === asked) show(data, found.results.length, typed);
        });
      });
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 80);
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  // An input method's commit may come with no key event at all: react to the text changing.
  input.addEventListener("input", function (event) {
    if (!event.isComposing) soon();
  });
  input.addEventListener("compositionend", soon);
  input.addEventListener("focus", function () {
    open();
    load();
  });
  select.addEventListener("change", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(search, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });
  box.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
