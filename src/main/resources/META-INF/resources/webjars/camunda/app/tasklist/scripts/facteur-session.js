// Facteur: the links a person may follow, for the webapps' scripts (Tasklist's header, Cockpit's
// dashboard, the welcome page; the other two import this file by its absolute path). They come from
// /api/session, which reads the webapp's own session: the pages the person may open, by the same rule
// as our pages' header (Navigation.java), and with Keycloak the single sign-out (Camunda's own
// "Log out" ends only the webapps' session: the SSO would log the person in again).

/** The offered links ({ label, href, description }), the sign-out last with `logoutLabel(user)`; none when logged out. */
export function offeredLinks(logoutLabel) {
  return fetch('/api/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'facteur' } })
    .then(response => (response.ok ? response.json() : null))
    .then(session => {
      if (!session) {
        return [];
      }
      const links = (session.links || []).slice();
      if (session.logoutUrl) {
        links.push({ label: logoutLabel(session.user), href: session.logoutUrl,
          description: 'Ferme la session de toutes les applications' });
      }
      return links;
    })
    .catch(() => []);
}

/** A link element for an offered link, its description as its tooltip. */
export function anchor(offered) {
  const a = document.createElement('a');
  a.href = offered.href;
  a.textContent = offered.label;
  if (offered.description) {
    a.title = offered.description;
  }
  return a;
}
