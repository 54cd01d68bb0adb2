// kg explorer: keyboard shortcuts only; every page works without this script.
// "/" focuses the search box; Ctrl+Enter (or Cmd+Enter) in the SPARQL box runs the query.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  if (event.key === "/" && !typing) {
    const box = document.getElementById("q") || document.getElementById("top-q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  }
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.id === "query") {
    event.preventDefault();
    target.form.requestSubmit();
  }
});
