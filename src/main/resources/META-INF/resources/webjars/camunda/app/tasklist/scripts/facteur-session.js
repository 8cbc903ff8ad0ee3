// Facteur: the links a person may follow, for the webapps' scripts (Tasklist's header, Cockpit's
// dashboard, the welcome page; the other two import this file by its absolute path). They come from
// /api/session, which reads the webapp's own session: the pages the person may open, by the same rule
// as our pages' header (Navigation.java), and with Keycloak the single sign-out (Camunda's own
// "Log out" ends only the webapps' session: the SSO would log the person in again).

/** The session as /api/session gives it ({ user, groups, logoutUrl, links, alerts }); null when logged out. */
export function readSession() {
  return fetch('/api/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'facteur' } })
    .then(response => (response.ok ? response.json() : null))
    .catch(() => null);
}

/** The offered links ({ label, href, description }), the sign-out last with `logoutLabel(user)`; none when logged out. */
export function offeredLinks(logoutLabel, session = readSession()) {
  return Promise.resolve(session).then(current => {
    if (!current) {
      return [];
    }
    const links = (current.links || []).slice();
    if (current.logoutUrl) {
      links.push({ label: logoutLabel(current.user), href: current.logoutUrl,
        description: 'Ferme la session de toutes les applications' });
    }
    return links;
  });
}

/**
 * The banners of managers and administrators (e.g. the Chorus Pro technical password about to expire),
 * as elements: `<div class="facteur-alert alert alert-warning|alert-danger" role="alert">`.
 */
export function alertBanners(session) {
  return ((session && session.alerts) || []).map(alert => {
    const banner = document.createElement('div');
    banner.className = `facteur-alert alert ${alert.level === 'danger' ? 'alert-danger' : 'alert-warning'}`;
    banner.setAttribute('role', 'alert');
    banner.textContent = alert.message;
    return banner;
  });
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
