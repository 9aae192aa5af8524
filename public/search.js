// Starts Pagefind's search UI on /search/ (loaded there only). Without JavaScript
// the page keeps its plain explanation and link to the archive.
window.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("search");
  if (!target || typeof PagefindUI === "undefined") return;
  target.replaceChildren();
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  // Pagefind's input has a placeholder but no accessible name of its own.
  target.querySelector("input")?.setAttribute("aria-label", "Search the posts");
});
