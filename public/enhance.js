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

  // Theme: three buttons, System (the OS setting: no data-theme, nothing saved), Light and Dark (saved in localStorage).
  // aria-pressed marks the choice, for assistive tech and (styles.css) for the eye; the group is named by its label.
  const group = document.createElement("div");
  group.className = "theme-switch";
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", "theme_label");
  const label = document.createElement("span");
  label.id = "theme_label";
  label.className = "theme-label";
  label.textContent = "Theme";
  group.append(label);
  const choice = () => root.dataset.theme || "system";
  const buttons = ["system", "light", "dark"].map((name) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "theme-button";
    button.value = name;
    button.textContent = name[0].toUpperCase() + name.slice(1);
    button.addEventListener("click", () => {
      if (name === "system") delete root.dataset.theme;
      else root.dataset.theme = name;
      try { name === "system" ? localStorage.removeItem(KEY) : localStorage.setItem(KEY, name); } catch {}
      show();
      say(name === "system" ? `Theme follows your system setting: ${dark.matches ? "dark" : "light"}` : `${button.textContent} theme`);
    });
    group.append(button);
    return button;
  });
  const show = () => buttons.forEach((button) => button.setAttribute("aria-pressed", String(button.value === choice())));
  show();
  document.querySelector(".site-header")?.append(group);

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
