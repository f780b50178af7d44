// Kohtaamo's web chat: a small client of Rasa's REST channel, without a framework.
// Whatever the bot or the client writes is shown as text (textContent; web addresses become
// links built element by element), never parsed as HTML. The page's CSP allows no inline
// script or style, and this file sets neither.
"use strict";
(() => {
  const root = document.querySelector(".chat");
  const rasaUrl = root.dataset.rasaUrl;
  const strings = JSON.parse(root.dataset.strings);
  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const language = document.getElementById("language");
  const privacyLink = document.getElementById("privacy-link");
  const intro = document.getElementById("intro");
  const MAX_HISTORY = 200;
  const SENDER_KEY = "kohtaamo-sender";
  const LANGUAGE_KEY = "kohtaamo-language";
  const historyKey = (id) => "kohtaamo-history-" + id;

  // localStorage may be blocked (privacy settings, some embedded frames): then the page works
  // and simply forgets on reload.
  const memory = new Map();
  const store = {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return memory.has(key) ? memory.get(key) : null;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      try {
        window.localStorage.removeItem(key);
      } catch {
        memory.delete(key);
      }
    },
  };

  function newSender() {
    // crypto.randomUUID needs a secure context; getRandomValues works everywhere.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  let sender = store.get(SENDER_KEY);
  if (!sender) {
    sender = newSender();
    store.set(SENDER_KEY, sender);
  }
  let entries = [];
  try {
    entries = JSON.parse(store.get(historyKey(sender)) || "[]");
    if (!Array.isArray(entries)) entries = [];
  } catch {
    entries = [];
  }

  function saveHistory() {
    if (entries.length > MAX_HISTORY) entries = entries.slice(-MAX_HISTORY);
    store.set(historyKey(sender), JSON.stringify(entries));
  }

  const current = () => strings[language.value] || strings.fi;

  // --- The UI strings -----------------------------------------------------------------------
  function applyLanguage(code) {
    language.value = code;
    const s = current();
    document.documentElement.lang = code;
    document.title = s.title;
    for (const element of document.querySelectorAll("[data-i18n]")) {
      element.textContent = s[element.dataset.i18n];
    }
    for (const element of document.querySelectorAll("[data-i18n-label]")) {
      element.setAttribute("aria-label", s[element.dataset.i18nLabel]);
    }
    for (const element of document.querySelectorAll("[data-i18n-placeholder]")) {
      element.setAttribute("placeholder", s[element.dataset.i18nPlaceholder]);
    }
    privacyLink.href = "/privacy?lang=" + code;
    store.set(LANGUAGE_KEY, code);
  }

  // --- Rendering (text only) ----------------------------------------------------------------
  const ADDRESS = /https?:\/\/[^\s<>"']+/g;

  // Text with its web addresses as links; every piece is a text node.
  function appendText(parent, text) {
    let last = 0;
    for (const match of text.matchAll(ADDRESS)) {
      const address = match[0].replace(/[.,;:!?)]+$/, "");
      parent.append(document.createTextNode(text.slice(last, match.index)));
      const link = document.createElement("a");
      link.href = address;
      link.textContent = address;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.append(link);
      last = match.index + address.length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }

  function speaker(key) {
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.dataset.i18n = key;
    label.textContent = current()[key];
    return label;
  }

  function renderMessage(entry) {
    const item = document.createElement("div");
    item.className = "message " + entry.from;
    if (entry.lang) item.lang = entry.lang;
    item.append(speaker(entry.from === "user" ? "you" : "assistant"), " ");
    const body = document.createElement("span");
    body.className = "text";
    appendText(body, entry.text);
    item.append(body);
    log.append(item);
    return item;
  }

  function renderButtons(entry) {
    const group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.dataset.i18nLabel = "choices";
    group.setAttribute("aria-label", current().choices);
    if (entry.lang) group.lang = entry.lang;
    entry.buttons.forEach((choice, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.title;
      if (entry.chosen !== null && entry.chosen !== undefined) {
        button.disabled = true;
        if (entry.chosen === index) markChosen(button);
      }
      button.addEventListener("click", (event) => {
        if (entry.chosen !== null && entry.chosen !== undefined) return;
        entry.chosen = index;
        saveHistory();
        for (const other of group.querySelectorAll("button")) other.disabled = true;
        markChosen(button);
        // A keyboard press (detail 0) would leave the focus on a disabled button: go on typing.
        if (event.detail === 0) input.focus();
        send(choice.payload, choice.title);
      });
      group.append(button);
    });
    log.append(group);
    return group;
  }

  function markChosen(button) {
    button.classList.add("chosen");
    const note = document.createElement("span");
    note.className = "visually-hidden";
    note.dataset.i18n = "chosen";
    note.textContent = current().chosen;
    button.append(" ", note);
  }

  function render(entry) {
    return entry.from === "buttons" ? renderButtons(entry) : renderMessage(entry);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function add(entry) {
    entries.push(entry);
    saveHistory();
    render(entry);
    scrollToEnd();
  }

  function say(text) {
    status.classList.remove("typing");
    status.textContent = text;
  }

  // --- Talking to Rasa ----------------------------------------------------------------------
  let queue = Promise.resolve();

  // Messages go one at a time, in order; `shown` is what the log shows (null: nothing).
  function send(message, shown, extra = {}) {
    const lang = language.value;
    const id = sender;
    if (shown !== null) add({ from: "user", text: shown ?? message, lang });
    queue = queue.then(() => post(id, message, { language: lang, ...extra }));
    return queue;
  }

  async function post(id, message, metadata) {
    status.classList.add("typing");
    status.textContent = current().typing;
    try {
      const reply = await fetch(rasaUrl + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: id, message, metadata }),
      });
      if (!reply.ok) throw new Error("Rasa answered " + reply.status);
      const messages = await reply.json();
      if (id !== sender) return; // cleared meanwhile: the reply belongs to the old conversation
      say("");
      for (const m of messages) {
        if (typeof m.text === "string" && m.text) {
          add({ from: "bot", text: m.text, lang: metadata.language });
        }
        if (Array.isArray(m.buttons) && m.buttons.length) {
          const buttons = m.buttons
            .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
            .map((b) => ({ title: b.title, payload: b.payload }));
          if (buttons.length) {
            add({ from: "buttons", buttons, chosen: null, lang: metadata.language });
          }
        }
      }
    } catch {
      if (id !== sender) return;
      say("");
      // Not kept in the history: it says nothing about the conversation.
      renderMessage({ from: "error", text: "⚠ " + current().error });
      scrollToEnd();
    }
  }

  // --- Controls -----------------------------------------------------------------------------
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    input.value = "";
    input.focus();
    if (text) send(text);
  });

  // The strings change at once; the assistant is told once the choice settles, so that
  // moving through the options with the arrow keys does not send a message for each.
  let toldLanguage = null;
  let languageTimer = null;
  language.addEventListener("change", () => {
    applyLanguage(language.value);
    clearTimeout(languageTimer);
    languageTimer = setTimeout(() => {
      if (language.value === toldLanguage) return;
      toldLanguage = language.value;
      send('/change_language{"language": "' + language.value + '"}',
        language.selectedOptions[0].text);
    }, 600);
  });

  // Forgets this browser's side of the conversation: the sender id and the history. What the
  // assistant stored is deleted in the chat ("poista vastaukseni"), see the privacy notice.
  document.getElementById("clear").addEventListener("click", () => {
    store.remove(historyKey(sender));
    sender = newSender();
    store.set(SENDER_KEY, sender);
    entries = [];
    log.replaceChildren(intro);
    say(current().cleared);
    input.focus();
  });

  // --- Start --------------------------------------------------------------------------------
  const params = new URLSearchParams(window.location.search);
  const asked = params.get("lang");
  const stored = store.get(LANGUAGE_KEY);
  // ?lang= (a link, the embed snippet) wins over the language chosen here before.
  const known = (code) => typeof code === "string" && Object.hasOwn(strings, code);
  const initial = [asked, stored, root.dataset.lang].find(known);
  applyLanguage(initial || "fi");
  toldLanguage = language.value;

  // The history is drawn before anything can be announced, so it is not read out again.
  for (const entry of entries) render(entry);
  scrollToEnd();

  // An advisor's invitation link (?code=...): open the preparation once, then drop the code
  // from the address so that a reload does not open it again.
  const code = params.get("code");
  if (code) {
    params.delete("code");
    const rest = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (rest ? "?" + rest : ""));
    send(current().hello, null, { invite_code: code });
  }
})();
