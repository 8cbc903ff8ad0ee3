// Facteur: what our Tasklist scripts share. Tasklist is an AngularJS application that redraws parts
// of the page at any time; our scripts add to what it draws.

/** Calls `update` once per animation frame while the page changes. */
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

/** Adds a style sheet of ours to the page. */
export function addStyle(css) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}
