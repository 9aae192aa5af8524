// Search on /search/ (loaded there only, after Pagefind's component UI script):
// https://pagefind.app/docs/components/. The page's own markup is a plain GET form
// (?q=) with an explanation and links to the archive and tags: what readers without
// JavaScript get, and what stays if Pagefind did not load (a build with
// SEARCH_INDEX=off has no /pagefind/). With it, Pagefind's elements take its place.
// The address carries the query both ways: /search/?q=… searches on arrival, and
// every search writes its words back to ?q= (replaceState), so results can be shared.
(() => {
  const root = document.getElementById("search");
  const components = window.PagefindComponents;
  const script = document.querySelector("script[src$='/pagefind-component-ui.js']");
  if (!root || !components || !script) return;

  // Words typed into the plain form while the scripts loaded win over the address.
  const field = root.querySelector("input[name=q]");
  const typed = field ? field.value.trim() : "";
  const query = typed || (new URLSearchParams(location.search).get("q") || "").trim();
  const hadFocus = root.contains(document.activeElement);

  // Pagefind guesses its folder from the script running when it starts, which would be this one:
  // name it after its own script instead (under a path prefix too).
  const instance = components.configureInstance("default", { bundlePath: new URL(".", script.src).pathname });
  // The field's label, shown (public/styles.css), matches the plain form's.
  instance.setTranslations({ search_label: "Search the posts" });
  instance.on("search", (term) => {
    const url = new URL(location.href);
    const words = term.trim();
    if (words) url.searchParams.set("q", words);
    else url.searchParams.delete("q");
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  });

  // Created here rather than written in the page: without this script they would be empty elements.
  const input = document.createElement("pagefind-input");
  const summary = document.createElement("pagefind-summary");
  const results = document.createElement("pagefind-results");
  root.replaceChildren(input, summary, results);
  // Fills the field and runs the search (Pagefind loads its index on the first one).
  if (query) instance.triggerSearch(query);
  if (hadFocus) input.focus();
})();
