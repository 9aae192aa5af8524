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

  // Copy buttons on code blocks.
  if (!navigator.clipboard) return;
  document.querySelectorAll("pre > code").forEach((code, index) => {
    const pre = code.parentElement;
    const wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.before(wrapper);
    wrapper.append(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", `Copy code block ${index + 1}`);
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        say("Code copied to clipboard");
        button.textContent = "Copied";
      } catch {
        say("Copy failed: select the code and copy it by hand");
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    wrapper.append(button);
  });
})();
