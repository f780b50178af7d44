// A small chat client of Rasa's REST channel. Bot text is set with textContent, never as HTML.
"use strict";
(() => {
  const root = document.querySelector(".chat");
  const rasaUrl = root.dataset.rasaUrl;
  const log = document.getElementById("log");
  const typing = document.getElementById("typing");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const language = document.getElementById("language");
  const strings = {
    fi: { send: "Lähetä", message: "Viesti", log: "Keskustelu", language: "Kieli" },
    sv: { send: "Skicka", message: "Meddelande", log: "Samtal", language: "Språk" },
    en: { send: "Send", message: "Message", log: "Conversation", language: "Language" },
  };
  const params = new URLSearchParams(window.location.search);
  let sender = localStorage.getItem("kohtaamo-sender");
  if (!sender) {
    sender = "web-" + crypto.randomUUID();
    localStorage.setItem("kohtaamo-sender", sender);
  }
  language.value = localStorage.getItem("kohtaamo-language") || "fi";

  function applyLanguage() {
    const s = strings[language.value];
    document.documentElement.lang = language.value;
    document.getElementById("send").textContent = s.send;
    document.getElementById("message-label").textContent = s.message;
    document.getElementById("language-label").textContent = s.language;
    log.setAttribute("aria-label", s.log);
    localStorage.setItem("kohtaamo-language", language.value);
  }

  function add(cls, text) {
    const item = document.createElement("li");
    item.className = cls;
    item.textContent = text;
    log.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addButtons(buttons) {
    const item = add("buttons", "");
    for (const b of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", () => send(b.payload, b.title));
      item.append(button);
    }
  }

  async function send(message, shown, extra = {}) {
    if (shown !== null) add("user", shown ?? message);
    typing.hidden = false;
    const metadata = { language: language.value, ...extra };
    try {
      const reply = await fetch(rasaUrl + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message, metadata }),
      });
      if (!reply.ok) throw new Error(String(reply.status));
      for (const m of await reply.json()) {
        if (m.text) add("bot", m.text);
        if (m.buttons && m.buttons.length) addButtons(m.buttons);
      }
    } catch (error) {
      add("bot", "⚠ " + { fi: "Avustaja ei vastaa juuri nyt.", sv: "Assistenten svarar inte just nu.",
        en: "The assistant is not answering right now." }[language.value]);
    } finally {
      typing.hidden = true;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) send(text);
    input.value = "";
    input.focus();
  });
  language.addEventListener("change", () => {
    applyLanguage();
    send('/change_language{"language": "' + language.value + '"}', language.selectedOptions[0].text);
  });
  applyLanguage();
  // An advisor's invitation link (?code=...): open the preparation once, then drop the code
  // from the address so that a reload does not open it again.
  const code = params.get("code");
  if (code) {
    history.replaceState(null, "", window.location.pathname);
    const hello = { fi: "hei", sv: "hej", en: "hello" }[language.value];
    send(hello, null, { invite_code: code });
  }
})();
