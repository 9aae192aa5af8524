// Progressive enhancements, the site's only script outside /search/. Without it
// everything still works: the theme follows the OS, code can be selected by hand.
// Loaded with `defer blocking="render"` so the saved theme applies before first paint.
(() => {
  const root = document.documentElement;
  const KEY = "theme";
  const dark = matchMedia("(prefers-color-scheme: dark)");
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch {}
  if (saved === "light" || saved === "dark") root.dataset.theme = saved;

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.append(status);
  const say = (text) => { status.textContent = ""; setTimeout(() => { status.textContent = text; }, 50); };

  // Light/dark toggle: starts from the OS preference, remembers the reader's choice.
  const current = () => root.dataset.theme || (dark.matches ? "dark" : "light");
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "theme-toggle";
  // A toggle button keeps one name; its state is aria-pressed.
  toggle.textContent = "Dark theme";
  const label = () => toggle.setAttribute("aria-pressed", String(current() === "dark"));
  toggle.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem(KEY, next); } catch {}
    label();
  });
  dark.addEventListener("change", label);
  label();
  document.querySelector(".site-header")?.append(toggle);

  // Copy buttons, in the bar above each code block beside its caption (styles.css), never over the code.
  if (!navigator.clipboard) return;
  document.querySelectorAll("pre > code").forEach((code, index) => {
    const pre = code.parentElement;
    // Captioned blocks are already a figure.code-block (src/highlight.ts); a bare <pre> gets a wrapper.
    if (!pre.parentElement.classList.contains("code-block")) {
      const block = document.createElement("div");
      block.className = "code-block";
      pre.before(block);
      block.append(pre);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", `Copy code block ${index + 1}`);
    // A shell session copies its commands only: Prism's .bash part of each command, without the prompt or the output.
    // One with no prompt at all has no commands to Prism (all output): it copies as written.
    const text = () => (pre.matches(".language-shell-session")
      && [...code.querySelectorAll(".command .bash")].map((command) => command.textContent).join("\n"))
      || code.textContent;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text());
        say("Code copied to clipboard");
        button.textContent = "Copied";
      } catch {
        say("Copy failed: select the code and copy it by hand");
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    pre.before(button);
  });
})();
