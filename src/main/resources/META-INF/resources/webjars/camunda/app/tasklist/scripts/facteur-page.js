// Facteur: calls `update` once per animation frame while the page changes (Tasklist is an AngularJS
// application that redraws parts of the page at any time; our scripts add to what it draws).
export function watchPage(update) {
  let scheduled = false;
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(() => {
        scheduled = false;
        update();
      });
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}
