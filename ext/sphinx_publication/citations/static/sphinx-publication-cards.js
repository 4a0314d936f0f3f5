/* Citation cards (sphinx_publication.citations.cards): a non-modal disclosure.
   The cards are built with the page, in <template class="publication-cards">;
   this script shows one next to its link on hover, keyboard focus or first tap.
   The card follows its link in the DOM, so Tab moves into the card's links. */
(() => {
  const templates = document.querySelector("template.publication-cards");
  if (!templates) return;
  const cards = {};
  for (const content of templates.content.querySelectorAll("[data-card]")) {
    cards[content.dataset.card] = content;
  }
  const box = document.createElement("div");
  box.className = "publication-card";
  box.id = "publication-card";
  box.setAttribute("role", "group");
  let trigger = null, timer = 0, touched = false, refocusing = false, escaped = null;

  // the last fragment: single-page builds may write "#document-page#id"
  const targetOf = (link) => decodeURIComponent(link.hash.split("#").pop());
  const triggerOf = (element) => {
    const link = element.closest && element.closest("a.publication-card-trigger");
    return link && cards[targetOf(link)] ? link : null;
  };
  for (const link of document.querySelectorAll("a.publication-card-trigger")) {
    if (cards[targetOf(link)]) {
      link.removeAttribute("title"); // the card replaces the browser's tooltip
      link.setAttribute("aria-expanded", "false");
    }
  }

  function open(link) {
    clearTimeout(timer);
    if (trigger === link) return;
    close();
    trigger = link;
    const content = cards[targetOf(link)];
    box.replaceChildren(...content.cloneNode(true).childNodes);
    box.setAttribute("aria-label", content.dataset.label);
    link.after(box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    place();
  }

  function close() {
    clearTimeout(timer);
    if (!trigger) return;
    const link = trigger;
    trigger = null;
    const hadFocus = box.contains(document.activeElement);
    box.remove();
    link.setAttribute("aria-expanded", "false");
    link.removeAttribute("aria-controls");
    if (hadFocus) { refocusing = true; link.focus(); refocusing = false; }
  }

  function place() {
    // Below the link (above it when there is no room below), inside the viewport's width.
    box.style.left = box.style.top = "0px";
    const link = trigger.getBoundingClientRect();
    const origin = box.getBoundingClientRect(); // where (0, 0) is: the containing block
    const room = document.documentElement.clientWidth - box.offsetWidth - 8;
    const above = link.top - box.offsetHeight - 4;
    const top = link.bottom + 4 + box.offsetHeight > innerHeight && above > 0 ? above : link.bottom + 4;
    box.style.left = Math.max(8, Math.min(link.left, room)) - origin.left + "px";
    box.style.top = top - origin.top + "px";
  }

  const inside = (node) => node && (box.contains(node) || (trigger && trigger.contains(node)));

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    const link = triggerOf(event.target);
    if (link && link !== escaped && !link.contains(event.relatedTarget)) {
      clearTimeout(timer);
      timer = setTimeout(() => open(link), 150);
    } else if (inside(event.target)) {
      clearTimeout(timer);
    }
  });
  document.addEventListener("pointerout", (event) => {
    if (escaped && !escaped.contains(event.relatedTarget)) escaped = null; // hover again to reopen
    if (event.pointerType !== "mouse" || inside(event.relatedTarget)) return;
    clearTimeout(timer);
    if (trigger && !box.contains(document.activeElement)) timer = setTimeout(close, 400);
  });
  document.addEventListener("focusin", (event) => {
    if (refocusing) return;
    const link = triggerOf(event.target);
    if (link && link.matches(":focus-visible")) open(link);
    else if (!inside(event.target)) close();
  });
  document.addEventListener("pointerdown", (event) => {
    touched = event.pointerType !== "mouse";
  });
  document.addEventListener("click", (event) => {
    const link = triggerOf(event.target);
    if (link && touched && trigger !== link) {
      event.preventDefault(); // first tap opens; a link in the card leads on
      open(link);
    } else if (box.contains(event.target) && event.target.closest("a")) {
      setTimeout(close);
    } else if (!inside(event.target)) {
      close();
    }
  });
  document.addEventListener("keydown", (event) => {
    touched = false;
    if (event.key === "Escape" && trigger) { escaped = trigger; close(); }
  });
  window.addEventListener("resize", () => trigger && place());
})();
