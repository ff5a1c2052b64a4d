// Site search in the header. The Pagefind index (pagefind/) is fetched only once the visitor
// searches, then only the chunks a query needs. Results are built as text nodes: a page's title,
// kind, date and department never become HTML. Each excerpt is cut from the page's own words only:
// the hidden pieces that make a title findable (#dz-search-terms, at the end of every page) are
// indexed but never shown.
// Site search: the box in the header, and the home page's own box (data-dz-search-home). The Pagefind
// index (pagefind/) is fetched only once the visitor searches, then only the chunks a query needs.
// Results are built as text nodes: a page's title, kind, date and department never become HTML. Each
// excerpt is cut from the page's own words only: the hidden pieces that make a title findable
// (#dz-search-terms, at the end of every page) are indexed but never shown.
(function () {
  "use strict";
  var box = document.querySelector("[data-dz-search]");
  if (!box) return;
  var toggle = document.getElementById("__search");
  var root = new URL(box.getAttribute("data-root"), location.href);
  var synonyms = JSON.parse(box.getAttribute("data-synonyms") || "{}");
  var SHOWN = 10;
  var WEIGHED = 30; // results read (each a small fragment) to put the pages holding the whole query first
  // Measured on the example district's query set (tests/test_search.py): a little less weight to
  // short pages and quicker saturation of repeated words put a guide above postings that quote its name.
  var RANKING = { pageLength: 0.2, termSaturation: 1.0 };
  var engine = null;
  var departments = [];

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, ranking: RANKING }).then(function () {
          pagefind.filters().then(function (filters) {
            departments.forEach(function (fill) {
              fill(filters);
            });
          });
          return pagefind;
        });
      });
      engine.catch(function () {
        engine = null;
      });
    }
    return engine;
  }

  function fillDepartments(select, filters) {
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

  var EXCERPT = 30; // words, as many as Pagefind's own excerpts
  var HELPER = "dz-search-terms";
  var CLOSED = /[\u3000-\u303f\uff01-\uff1f\u2014\u2026\u201c-\u201d]$/;
  var HAN = /[\u3400-\u9fff]$/;

  // Where the words of a match cluster most densely among the first `end` words, starting a few words
  // before the first match of that run.
  function densest(scores, end) {
    var best = -1;
    var at = 0;
    var sum = 0;
    for (var i = 0; i < end; i++) {
      sum += (scores[i] || 0) - (i >= EXCERPT ? scores[i - EXCERPT] || 0 : 0);
      if (sum > best) {
        best = sum;
        at = Math.max(0, i - EXCERPT + 1);
      }
    }
    while (at < end && !scores[at]) at++;
    return Math.max(0, at - 8);
  }

  // A page's own words: what Pagefind indexed, up to the hidden pieces that make its title findable.
  function own(data) {
    var raw = (data.raw_content || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    var zws = raw.indexOf("\u200B") >= 0;
    var words = zws ? raw.split("\u200B") : raw.split(/[\r\n\s]+/);
    var helper = (data.anchors || []).filter(function (a) {
      return a.id === HELPER;
    })[0];
    return { words: words, end: helper ? Math.min(helper.location, words.length) : words.length, sep: zws ? "" : " " };
  }

  // The matched words among a page's own, the title's left out when the text has some too.
  function matches(data, text) {
    var scores = {};
    (data.weighted_locations || []).forEach(function (l) {
      if (l.location < text.end) scores[l.location] = (scores[l.location] || 0) + l.balanced_score;
    });
    var title = afterTitle(text);
    var hits = Object.keys(scores).map(Number);
    if (hits.some(function (at) { return at >= title; })) {
      hits.filter(function (at) { return at < title; }).forEach(function (at) { delete scores[at]; });
    }
    return scores;
  }

  // The page's own words with the matched ones marked, as text and <mark> nodes. Pagefind ends each block
  // of text with "."; beside Chinese it reads as "。", after a closing mark as nothing.
  function excerptInto(node, data) {
    var text = own(data);
    var scores = matches(data, text);
    var title = afterTitle(text);
    var start = Object.keys(scores).length ? Math.max(title, densest(scores, text.end)) : title;
    var run = "";
    function flush() {
      if (run) node.appendChild(document.createTextNode(run));
      run = "";
    }
    for (var i = start; i < Math.min(text.end, start + EXCERPT); i++) {
      var word = text.words[i];
      if (word.trim() === ".") {
        var before = run.replace(/\s+$/, "") || (node.lastChild && node.lastChild.textContent) || "";
        word = CLOSED.test(before) || !before ? "" : HAN.test(before) ? "。" : ". ";
      }
      if (scores[i]) {
        flush();
        var mark = document.createElement("mark");
        mark.textContent = word;
        node.appendChild(mark);
        run = text.sep;
      } else {
        run += word + text.sep;
      }
    }
    flush();
  }

  // Where a page's text starts after its title (the first block Pagefind ends with ".").
  function afterTitle(text) {
    for (var i = 0; i < Math.min(text.end, EXCERPT); i++) {
      if (text.words[i].trim() === ".") return i + 1;
    }
    return 0;
  }

  // Pagefind ranks by the query's words one by one; a page that holds the whole query as typed comes first,
  // in its title before in its text: a query for 施工许可 puts a page saying 施工许可 above one saying 施工 and 许可 apart.
  function tier(data, query) {
    var parts = query.split(/\s+/).filter(Boolean);
    function holds(s) {
      s = s.replace(/\s+/g, "");
      return parts.every(function (p) {
        return s.indexOf(p) >= 0;
      });
    }
    if (holds((data.meta && data.meta.title) || "")) return 0;
    var text = own(data);
    return holds(text.words.slice(0, text.end).join("")) ? 1 : 2;
  }

  function ranked(data, query) {
    return data
      .map(function (d, i) {
        return { d: d, t: tier(d, query), i: i };
      })
      .sort(function (a, b) {
        return a.t - b.t || a.i - b.i;
      })
      .map(function (x) {
        return x.d;
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
    excerptInto(excerpt, result);
    article.appendChild(title);
    article.appendChild(facts);
    article.appendChild(excerpt);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  // One search box: its input, an optional department filter, the status line and the result list.
  function searcher(input, select, status, list) {
    var hint = status.textContent;
    var asked = 0;
    var timer = 0;
    if (select) departments.push(fillDepartments.bind(null, select));

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
      var options = select && select.value ? { filters: { department: select.value } } : {};
      status.textContent = "正在搜索……";
      load()
        .then(function (pagefind) {
          return pagefind.search(query, options);
        })
        .then(function (found) {
          if (ticket !== asked || !found) return null;
          return Promise.all(
            found.results.slice(0, WEIGHED).map(function (r) {
              return r.data();
            })
          ).then(function (data) {
            if (ticket === asked) show(ranked(data, query).slice(0, SHOWN), found.results.length, typed);
          });
        })
        .catch(function () {
          if (ticket === asked) status.textContent = "搜索暂时不可用，请稍后再试。";
        });
    }

    function soon() {
      clearTimeout(timer);
      timer = setTimeout(search, 80);
    }

    // An input method's commit may come with no key event at all: react to the text changing.
    input.addEventListener("input", function (event) {
      if (!event.isComposing) soon();
    });
    input.addEventListener("compositionend", soon);
    input.addEventListener("focus", load);
    if (select) select.addEventListener("change", search);
    return search;
  }

  // The header's box: a dialog opened by its button, the search key (/ or s) or a tap into it.
  var form = box.querySelector("form");
  var input = box.querySelector("input[name=query]");
  var list = box.querySelector(".md-search-result__list");
  var search = searcher(
    input,
    box.querySelector("select[name=department]"),
    box.querySelector(".md-search-result__meta"),
    list
  );

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

  input.addEventListener("focus", open);
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

  // The home page's box: results in the page itself. Without this script its form asks for ?q=…,
  // which the script answers once it runs.
  var home = document.querySelector("[data-dz-search-home]");
  if (home) {
    var homeInput = home.querySelector("input[name=q]");
    var homeSearch = searcher(
      homeInput,
      null,
      home.querySelector(".dz-home-search-status"),
      home.querySelector(".dz-home-search-results")
    );
    home.addEventListener("submit", function (event) {
      event.preventDefault();
      homeSearch();
    });
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      homeInput.value = asked;
      homeSearch();
    }
  }
})();
