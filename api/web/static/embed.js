// Kohtaamo's chat on the employment area's own site, in one line:
//   <script src="https://kohtaamo.example.fi/embed.js" defer></script>
// It puts an <iframe> of the chat page right after the tag (or into the element named by
// data-target="some-id"). data-lang="sv" opens it in Swedish, data-height="40rem" sets its
// height. The chat page allows framing only by the sites in the server's EMBED_ORIGINS.
"use strict";
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const titles = {
    fi: "Kohtaamo – työllisyyspalvelujen chat-avustaja",
    sv: "Kohtaamo – chattassistent för sysselsättningstjänsterna",
    en: "Kohtaamo – chat assistant of the employment services",
  };
  const lang = Object.hasOwn(titles, script.dataset.lang) ? script.dataset.lang : null;
  const page = new URL("/", script.src);
  if (lang) page.searchParams.set("lang", lang);

  const frame = document.createElement("iframe");
  frame.src = page.href;
  frame.title = titles[lang || document.documentElement.lang] || titles.fi;
  frame.className = "kohtaamo-chat";
  frame.referrerPolicy = "no-referrer";
  // Style properties set from a script pass the host page's style-src policy.
  frame.style.display = "block";
  frame.style.width = "100%";
  frame.style.maxWidth = "44rem";
  frame.style.height = script.dataset.height || "40rem";
  frame.style.border = "1px solid #767676";

  const target = script.dataset.target && document.getElementById(script.dataset.target);
  if (target) target.append(frame);
  else script.after(frame);
})();
