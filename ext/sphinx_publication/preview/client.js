// Live preview client, injected into every page the preview serves.
// Reloads the page when a build finishes, keeps the scroll position, and
// shows the last build's warnings and errors in a banner.
(() => {
  "use strict";
  const scrollKey = "publication-preview-scroll:" + location.pathname;
  const french = (document.documentElement.lang || "").toLowerCase().startsWith("fr");
  const words = french
    ? { failed: "La construction a échoué : pages d’avant la modification.",
        problems: (n) => n + (n > 1 ? " problèmes" : " problème") + " à la dernière construction",
        close: "Fermer" }
    : { failed: "The build failed: these pages predate the change.",
        problems: (n) => n + (n > 1 ? " problems" : " problem") + " in the last build",
        close: "Close" };

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const restore = () => window.scrollTo(0, Number(saved));
    restore();
    window.addEventListener("load", restore);
  }

  function connect() {
    const protocol = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(protocol + location.host + "/websocket-reload");
    socket.onmessage = () => {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      location.reload();
    };
    socket.onclose = () => setTimeout(connect, 1000); // the server restarts or is gone
  }
  connect();

  function showStatus(status) {
    const lines = status.problems || [];
    if (status.ok && lines.length === 0) return;
    const banner = document.createElement("div");
    banner.setAttribute("role", "status");
    banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:40vh;" +
      "overflow:auto;margin:0;padding:.6em 1em;font:13px/1.4 monospace;color:#111;" +
      "border-top:3px solid " + (status.ok ? "#b58900" : "#c0392b") + ";" +
      "background:" + (status.ok ? "#fff8e1" : "#fdecea") + ";";
    const heading = document.createElement("strong");
    heading.textContent = status.ok ? words.problems(lines.length) : words.failed;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = words.close;
    close.style.cssText = "float:right";
    close.onclick = () => banner.remove();
    const details = document.createElement("pre");
    details.style.cssText = "margin:.4em 0 0;white-space:pre-wrap";
    details.textContent = [status.error, ...lines].filter(Boolean).join("\n");
    banner.append(close, heading, details);
    document.body.append(banner);
  }
  fetch("/__preview__/status", { cache: "no-store" })
    .then((response) => response.json())
    .then(showStatus)
    .catch(() => {});
})();
