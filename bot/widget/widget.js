/*
 * 政务公开问答助手 — embeddable chat widget.
 *
 *   <script src="https://HOST/widget/widget.js" data-title="政务公开问答助手" defer></script>
 *
 * Plain JavaScript, no build step. Talks to Rasa's REST channel
 * (POST {server}/webhooks/rest/webhook). Options: see docs/widget.md.
 */
(function () {
  "use strict";

  if (window.__zwgkWidgetLoaded) return;
  window.__zwgkWidgetLoaded = true;

  var SOURCE_PREFIX = "来源：";
  var HISTORY_LIMIT = 200;

  var TEXT = {
    launcher: "在线咨询",
    launcherLabel: "打开政务公开问答助手",
    close: "关闭",
    closeLabel: "关闭对话窗口（Esc）",
    largeText: "大字",
    largeTextLabel: "大字模式",
    contrast: "高对比",
    contrastLabel: "高对比度模式",
    reset: "新对话",
    resetLabel: "清空对话记录，开始新对话",
    logLabel: "对话记录",
    scrollLabel: "对话区域",
    inputLabel: "输入您的问题",
    placeholder: "请输入您的问题",
    send: "发送",
    sendLabel: "发送问题",
    hint: "按回车发送，Shift+回车换行，Esc 关闭窗口",
    you: "您说：",
    bot: "助手说：",
    sourceLabel: "来源",
    typing: "助手正在回复",
    suggestions: "您可以这样问",
    replies: "可选回复",
    failed: "未发送",
    error: "暂时无法连接，请稍后重试",
    retry: "重试",
    empty: "抱歉，没有收到回复，请换个说法再试。",
    feedbackLabel: "这个回答有帮助吗？",
    helpful: "有帮助",
    unhelpful: "没帮助",
    feedbackThanks: "感谢您的反馈。",
    feedbackFailed: "反馈没有发送成功，请稍后再试。",
    chartLabel: "图表",
  };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var CHART_MAX_BARS = 12;

  var DEFAULTS = {
    server: null,
    title: "政务公开问答助手",
    welcome:
      "您好！我是政务公开问答助手，可以回答政府信息公开工作年度报告和依申请公开办理流程方面的问题。",
    // Among the domain's suggested questions (bot/domain/conversation.yml; tests/test_intents_agree.py checks).
    suggestions: ["收到多少政府信息公开申请？", "怎么申请政府信息公开？", "申请政府信息公开多久能答复？"],
    primaryColor: null,
    primaryTextColor: null,
    timeoutMs: 15000,
    storageKey: "zwgk-widget",
    open: false,
  };

  // ---- configuration -----------------------------------------------------

  function ownScript() {
    if (document.currentScript) return document.currentScript;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/widget\.js(\?|#|$)/.test(scripts[i].src)) return scripts[i];
    }
    return null;
  }

  function fromDataset(script) {
    var d = (script && script.dataset) || {};
    var out = {};
    ["server", "title", "welcome", "primaryColor", "primaryTextColor", "storageKey"].forEach(
      function (key) {
        if (d[key]) out[key] = d[key];
      }
    );
    if (d.suggestions) {
      out.suggestions = d.suggestions.split("|").map(function (s) { return s.trim(); })
        .filter(Boolean);
    }
    if (d.timeout && !isNaN(Number(d.timeout))) out.timeoutMs = Number(d.timeout);
    if (d.open) out.open = d.open === "true";
    return out;
  }

  function buildConfig(script) {
    var cfg = {};
    var sources = [DEFAULTS, window.ZwgkWidgetConfig || {}, fromDataset(script)];
    sources.forEach(function (src) {
      Object.keys(src).forEach(function (k) {
        if (src[k] !== undefined && src[k] !== null) cfg[k] = src[k];
      });
    });
    var base = script && script.src ? new URL(script.src, location.href) : new URL(location.href);
    cfg.server = String(cfg.server || base.origin).replace(/\/+$/, "");
    cfg.cssUrl = cfg.cssUrl || new URL("widget.css", base).href;
    if (typeof cfg.suggestions === "string") cfg.suggestions = cfg.suggestions.split("|");
    if (!Array.isArray(cfg.suggestions)) cfg.suggestions = [];
    cfg.suggestions = cfg.suggestions.map(function (q) { return String(q).trim(); }).filter(Boolean);
    cfg.timeoutMs = Number(cfg.timeoutMs) > 0 ? Number(cfg.timeoutMs) : DEFAULTS.timeoutMs;
    return cfg;
  }

  // ---- storage (falls back to memory when localStorage is unavailable) ----

  function makeStore(prefix) {
    var memory = {};
    function key(name) { return prefix + ":" + name; }
    return {
      get: function (name, fallback) {
        var raw;
        try { raw = window.localStorage.getItem(key(name)); } catch (e) { raw = memory[name]; }
        if (raw === null || raw === undefined) return fallback;
        try { return JSON.parse(raw); } catch (e) { return fallback; }
      },
      set: function (name, value) {
        var raw = JSON.stringify(value);
        try { window.localStorage.setItem(key(name), raw); } catch (e) { memory[name] = raw; }
      },
      remove: function (name) {
        try { window.localStorage.removeItem(key(name)); } catch (e) { delete memory[name]; }
      },
    };
  }

  function newSenderId() {
    if (window.crypto && window.crypto.randomUUID) return "web-" + window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // ---- DOM helpers (text only: never innerHTML) ---------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // An answer ends with one line per source, each beginning "来源：".
  function splitSources(text) {
    var lines = String(text).replace(/\s+$/, "").split("\n");
    var first = lines.length;
    while (first > 0 && lines[first - 1].trim().indexOf(SOURCE_PREFIX) === 0) first--;
    return {
      body: lines.slice(0, first).join("\n").replace(/\s+$/, ""),
      sources: lines.slice(first).map(function (line) {
        return line.trim().slice(SOURCE_PREFIX.length).trim();
      }),
    };
  }

  // ---- a breakdown's bar chart, drawn from the answer's own figures ---------

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cleanChart(chart) {
    if (!chart || !Array.isArray(chart.bars)) return null;
    var bars = chart.bars.filter(function (b) {
      return b && typeof b.label === "string" && typeof b.value === "number" && isFinite(b.value) && b.value >= 0;
    }).slice(0, CHART_MAX_BARS).map(function (b) {
      return { label: b.label, value: b.value, unit: typeof b.unit === "string" ? b.unit : "" };
    });
    if (bars.length < 2) return null;
    return { title: typeof chart.title === "string" ? chart.title : "", bars: bars };
  }

  function chartText(chart) {
    return (chart.title ? chart.title + "：" : "") + chart.bars.map(function (b) {
      return b.label + " " + b.value + b.unit;
    }).join("；");
  }

  function chartNode(chart) {
    var rowH = 28, labelW = 170, width = 320, barW = width - labelW - 48;
    var top = Math.max.apply(null, chart.bars.map(function (b) { return b.value; })) || 1;
    var height = rowH * chart.bars.length + 8;
    var figure = el("figure", { className: "chart" });
    var drawing = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": TEXT.chartLabel + "：" + chartText(chart), focusable: "false" });
    drawing.appendChild(svg("title", {}, chartText(chart)));
    chart.bars.forEach(function (b, i) {
      var y = 4 + i * rowH;
      var w = Math.max(1, barW * b.value / top);
      var label = b.label.length > 12 ? b.label.slice(0, 11) + "…" : b.label;
      drawing.appendChild(svg("text", { x: labelW - 6, y: y + 18, "text-anchor": "end", "class": "chart-label" }, label));
      drawing.appendChild(svg("rect", { x: labelW, y: y + 5, width: w.toFixed(1), height: 16, "class": "chart-bar" }));
      drawing.appendChild(svg("text", { x: (labelW + w + 4).toFixed(1), y: y + 18, "class": "chart-value" },
        String(b.value)));
    });
    figure.appendChild(drawing);
    return figure;
  }

  // ---- the widget ---------------------------------------------------------

  function Widget(cfg) {
    this.cfg = cfg;
    this.store = makeStore(cfg.storageKey);
    this.sender = this.store.get("sender", null);
    if (!this.sender) {
      this.sender = newSenderId();
      this.store.set("sender", this.sender);
    }
    this.history = this.store.get("history", []);
    this.busy = false;
    this.failed = null;
  }

  Widget.prototype.mount = function () {
    var host = el("div", { id: "zwgk-widget", lang: "zh-CN", "data-zwgk-widget": "" });
    host.style.display = "none";
    var shadow = host.attachShadow({ mode: "open" });
    this.shadow = shadow;
    var link = el("link", { rel: "stylesheet", href: this.cfg.cssUrl });
    var self = this;
    function reveal() {
      host.style.display = "";
      self.scrollToEnd();
    }
    link.addEventListener("load", reveal);
    link.addEventListener("error", reveal);
    shadow.appendChild(link);
    this.root = el("div", { className: "root", lang: "zh-CN" });
    if (this.cfg.primaryColor) this.root.style.setProperty("--zwgk-primary", this.cfg.primaryColor);
    if (this.cfg.primaryTextColor) {
      this.root.style.setProperty("--zwgk-on-primary", this.cfg.primaryTextColor);
    }
    this.buildLauncher();
    this.buildPanel();
    shadow.appendChild(this.root);
    document.body.appendChild(host);
    this.host = host;

    this.applyToggle("large", this.store.get("large", false));
    this.applyToggle("contrast", this.store.get("contrast", false));
    this.renderHistory();
    this.input.value = this.store.get("draft", "");
    if (this.store.get("open", false) || this.cfg.open) this.open(false);
  };

  Widget.prototype.buildLauncher = function () {
    var self = this;
    this.launcher = el("button", {
      type: "button",
      className: "launcher",
      "aria-label": TEXT.launcherLabel,
      "aria-expanded": "false",
      "aria-controls": "zwgk-panel",
    }, [
      el("span", { className: "launcher-icon", "aria-hidden": "true", text: "💬" }),
      el("span", { text: TEXT.launcher }),
    ]);
    this.launcher.addEventListener("click", function () { self.open(true); });
    this.root.appendChild(this.launcher);
  };

  Widget.prototype.buildPanel = function () {
    var self = this;
    this.largeBtn = this.toolButton("large", TEXT.largeText, TEXT.largeTextLabel);
    this.contrastBtn = this.toolButton("contrast", TEXT.contrast, TEXT.contrastLabel);
    var resetBtn = el("button", {
      type: "button", className: "tool reset", "aria-label": TEXT.resetLabel, text: TEXT.reset,
    });
    resetBtn.addEventListener("click", function () { self.reset(); });
    var closeBtn = el("button", {
      type: "button", className: "close", "aria-label": TEXT.closeLabel, title: TEXT.closeLabel,
    }, [el("span", { "aria-hidden": "true", text: "✕ " }), el("span", { text: TEXT.close })]);
    closeBtn.addEventListener("click", function () { self.close(); });

    var header = el("div", { className: "header" }, [
      el("h2", { className: "title", id: "zwgk-title", text: this.cfg.title }),
      el("div", { className: "tools" }, [this.largeBtn, this.contrastBtn, resetBtn, closeBtn]),
    ]);

    this.log = el("div", {
      className: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": TEXT.logLabel,
    });
    this.typing = el("div", { className: "typing", role: "status", hidden: true }, [
      el("span", { className: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { text: TEXT.typing + "…" }),
    ]);
    this.retryBtn = el("button", { type: "button", className: "retry", text: TEXT.retry });
    this.retryBtn.addEventListener("click", function () { self.retry(); });
    this.error = el("div", { className: "error", role: "alert", hidden: true }, [
      el("span", { className: "error-text", text: TEXT.error }),
      this.retryBtn,
    ]);
    this.scroll = el("div", { className: "scroll", role: "region", tabindex: "0", "aria-label": TEXT.scrollLabel }, [
      this.buildWelcome(), this.log, this.typing, this.error,
    ]);

    this.input = el("textarea", {
      id: "zwgk-input", className: "input", rows: "2", placeholder: TEXT.placeholder,
      "aria-describedby": "zwgk-hint", enterkeyhint: "send", maxlength: "2000",
    });
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        self.submit();
      }
    });
    this.input.addEventListener("input", function () { self.store.set("draft", self.input.value); });
    this.sendBtn = el("button", {
      type: "button", className: "send", "aria-label": TEXT.sendLabel, text: TEXT.send,
    });
    this.sendBtn.addEventListener("click", function () { self.submit(); });

    var composer = el("div", { className: "composer" }, [
      el("label", { className: "sr-only", for: "zwgk-input", text: TEXT.inputLabel }),
      this.input,
      this.sendBtn,
    ]);

    this.panel = el("div", {
      id: "zwgk-panel", className: "panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "zwgk-title", hidden: true,
    }, [header, this.scroll, composer, el("p", { className: "hint", id: "zwgk-hint", text: TEXT.hint })]);
    this.panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        e.preventDefault();
        self.close();
      }
    });
    this.root.appendChild(this.panel);
  };

  Widget.prototype.toolButton = function (name, label, ariaLabel) {
    var self = this;
    var btn = el("button", {
      type: "button", className: "tool " + name, "aria-pressed": "false", "aria-label": ariaLabel,
      text: label,
    });
    btn.addEventListener("click", function () {
      var on = btn.getAttribute("aria-pressed") !== "true";
      self.applyToggle(name, on);
      self.store.set(name, on);
      self.scrollToEnd();
    });
    return btn;
  };

  Widget.prototype.applyToggle = function (name, on) {
    this.root.classList.toggle(name, !!on);
    var btn = name === "large" ? this.largeBtn : this.contrastBtn;
    btn.setAttribute("aria-pressed", on ? "true" : "false");
  };

  Widget.prototype.buildWelcome = function () {
    var welcome = el("div", { className: "welcome" }, [
      el("div", { className: "msg bot welcome-text" }, [
        el("span", { className: "sr-only", text: TEXT.bot }),
        el("span", { className: "body", text: this.cfg.welcome }),
      ]),
    ]);
    if (this.cfg.suggestions.length) {
      welcome.appendChild(this.buttonGroup(TEXT.suggestions, this.cfg.suggestions.map(function (q) {
        return { title: q, payload: q };
      }), "suggestions"));
    }
    return welcome;
  };

  Widget.prototype.buttonGroup = function (label, buttons, extraClass) {
    var self = this;
    var group = el("div", { className: "replies " + (extraClass || ""), role: "group", "aria-label": label });
    buttons.forEach(function (b) {
      var title = String(b.title || b.payload || "");
      if (!title) return;
      var btn = el("button", { type: "button", className: "reply", text: title });
      btn.addEventListener("click", function () {
        self.send(String(b.payload || title), title);
      });
      group.appendChild(btn);
    });
    return group;
  };

  // ---- rendering ----------------------------------------------------------

  Widget.prototype.messageNode = function (entry) {
    var node = el("div", { className: "msg " + entry.from });
    node.appendChild(el("span", { className: "sr-only", text: entry.from === "user" ? TEXT.you : TEXT.bot }));
    if (entry.from === "bot") {
      var parts = splitSources(entry.text);
      node.appendChild(el("span", { className: "body", text: parts.body }));
      if (entry.chart) node.appendChild(chartNode(entry.chart));
      if (parts.sources.length) {
        var box = el("span", { className: "source" }, [
          el("span", { className: "source-label", text: TEXT.sourceLabel }),
          el("span", { className: "sr-only", text: "：" }),
        ]);
        parts.sources.forEach(function (source) {
          box.appendChild(el("span", { className: "source-text", text: source }));
        });
        node.appendChild(box);
      }
      if (entry.turn && entry.rateable) node.appendChild(this.feedbackNode(entry));
    } else {
      node.appendChild(el("span", { className: "body", text: entry.text }));
    }
    return node;
  };

  // ---- feedback: 有帮助 / 没帮助 under an answer, sent once ---------------------

  Widget.prototype.feedbackNode = function (entry) {
    var self = this;
    var box = el("div", { className: "feedback", role: "group", "aria-label": TEXT.feedbackLabel });
    if (entry.feedback) {
      box.appendChild(el("span", { className: "feedback-done", text: TEXT.feedbackThanks }));
      return box;
    }
    box.appendChild(el("span", { className: "feedback-question", "aria-hidden": "true", text: TEXT.feedbackLabel }));
    [[true, TEXT.helpful], [false, TEXT.unhelpful]].forEach(function (choice) {
      var btn = el("button", { type: "button", className: "rate " + (choice[0] ? "helpful" : "unhelpful"),
        text: choice[1] });
      btn.addEventListener("click", function () { self.rate(entry, choice[0], box); });
      box.appendChild(btn);
    });
    return box;
  };

  Widget.prototype.rate = function (entry, helpful, box) {
    var self = this;
    if (entry.feedback || box.getAttribute("aria-busy") === "true") return;
    box.setAttribute("aria-busy", "true");
    Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-disabled", "true");
    });
    fetch(this.cfg.server + "/webhooks/rest/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.sender, turn: entry.turn, helpful: helpful }),
    }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      entry.feedback = helpful ? "helpful" : "unhelpful";
      self.store.set("history", self.history);
      var done = el("span", { className: "feedback-done", role: "status", tabindex: "-1",
        text: TEXT.feedbackThanks });
      box.textContent = "";
      box.appendChild(done);
      done.focus();
    }).catch(function () {
      Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) {
        b.removeAttribute("aria-disabled");
      });
      var failed = box.querySelector(".feedback-failed");
      if (!failed) box.appendChild(el("span", { className: "feedback-failed", role: "alert", text: TEXT.feedbackFailed }));
    }).then(function () { box.removeAttribute("aria-busy"); });
  };

  Widget.prototype.renderEntry = function (entry) {
    this.log.appendChild(this.messageNode(entry));
    if (entry.from === "bot" && entry.buttons && entry.buttons.length) {
      this.log.appendChild(this.buttonGroup(TEXT.replies, entry.buttons));
    }
  };

  Widget.prototype.renderHistory = function () {
    var self = this;
    this.log.textContent = "";
    this.history.forEach(function (entry) { self.renderEntry(entry); });
  };

  Widget.prototype.record = function (entry) {
    this.history.push(entry);
    if (this.history.length > HISTORY_LIMIT) this.history = this.history.slice(-HISTORY_LIMIT);
    this.store.set("history", this.history);
  };

  Widget.prototype.append = function (entry) {
    this.record(entry);
    this.renderEntry(entry);
    this.scrollToEnd();
  };

  Widget.prototype.scrollToEnd = function () {
    this.scroll.scrollTop = this.scroll.scrollHeight;
  };

  // ---- open / close -------------------------------------------------------

  Widget.prototype.open = function (focusInput) {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.store.set("open", true);
    this.scrollToEnd();
    if (focusInput !== false) this.input.focus();
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.store.set("open", false);
    this.launcher.focus();
  };

  Widget.prototype.reset = function () {
    this.history = [];
    this.store.set("history", []);
    this.sender = newSenderId();
    this.store.set("sender", this.sender);
    this.hideError();
    this.renderHistory();
    this.input.focus();
  };

  // ---- sending ------------------------------------------------------------

  Widget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text || this.busy) return;
    this.send(text, text, true);
  };

  Widget.prototype.retry = function () {
    var failed = this.failed;
    if (this.busy) return;
    if (failed && !failed.fromInput) this.send(failed.text, failed.shown, false);
    else this.submit();
  };

  Widget.prototype.hideError = function () {
    this.error.hidden = true;
    var node = this.log.querySelector(".msg.failed");
    if (node) node.remove();
    this.failed = null;
  };

  Widget.prototype.showError = function (node, text, shown, fromInput) {
    node.classList.remove("pending");
    node.classList.add("failed");
    node.appendChild(el("span", { className: "msg-state", text: TEXT.failed }));
    this.failed = { text: text, shown: shown, fromInput: fromInput };
    if (fromInput) {
      this.input.value = text;
      this.store.set("draft", text);
    }
    this.error.hidden = false;
    this.scrollToEnd();
  };

  Widget.prototype.showReplies = function (replies) {
    var self = this;
    var shown = replies.filter(function (r) {
      return typeof r.text === "string" || (r.buttons && r.buttons.length);
    });
    shown.forEach(function (r, i) {
      var turn = typeof r.turn === "string" && r.turn.length <= 128 ? r.turn : null;
      self.append({
        from: "bot",
        text: typeof r.text === "string" ? r.text : "",
        buttons: (r.buttons || []).map(function (b) {
          return { title: String(b.title || ""), payload: String(b.payload || b.title || "") };
        }),
        chart: cleanChart(r.chart),
        turn: turn,
        rateable: !!turn && i === shown.length - 1 && typeof r.text === "string" && r.text.trim() !== "",
      });
    });
    if (!shown.length) this.append({ from: "bot", text: TEXT.empty });
  };

  // After a quick reply or 重试 the answer appears below: bring keyboard users back to the input.
  Widget.prototype.keepFocus = function () {
    if (this.panel.hidden || !this.focusWasInside) return;
    if (this.shadow.activeElement !== this.input) this.input.focus();
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.typing.hidden = !busy;
    this.sendBtn.setAttribute("aria-disabled", busy ? "true" : "false");
    if (busy) this.scrollToEnd();
  };

  Widget.prototype.send = function (text, shown, fromInput) {
    var self = this;
    if (this.busy) return;
    this.focusWasInside = !!this.shadow.activeElement;
    this.hideError();
    if (fromInput) this.input.value = "";
    this.setBusy(true);
    var node = this.messageNode({ from: "user", text: shown });
    node.classList.add("pending");
    this.log.appendChild(node);
    this.scrollToEnd();

    this.post(text).then(function (replies) {
      node.classList.remove("pending");
      self.record({ from: "user", text: shown });
      self.store.set("draft", self.input.value);
      self.showReplies(replies);
    }, function () {
      self.showError(node, text, shown, !!fromInput);
    }).then(done, done);

    function done() {
      self.setBusy(false);
      self.keepFocus();
    }
  };

  Widget.prototype.post = function (text) {
    var cfg = this.cfg;
    var sender = this.sender;
    return new Promise(function (resolve, reject) {
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (controller) controller.abort();
        reject(new Error("timeout"));
      }, cfg.timeoutMs);
      fetch(cfg.server + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: sender, message: text }),
        signal: controller ? controller.signal : undefined,
      }).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(function (data) {
        if (!Array.isArray(data)) throw new Error("unexpected reply");
        clearTimeout(timer);
        resolve(data);
      }).catch(function (err) {
        clearTimeout(timer);
        reject(err);
      });
    });
  };

  // ---- start --------------------------------------------------------------

  var script = ownScript();
  function start() {
    var widget = new Widget(buildConfig(script));
    widget.mount();
    window.ZwgkWidget = {
      open: function () { widget.open(true); },
      close: function () { widget.close(); },
      config: widget.cfg,
    };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
