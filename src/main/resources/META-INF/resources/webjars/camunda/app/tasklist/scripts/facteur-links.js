// Facteur: a link to the overview in Tasklist's header, and, with Keycloak, the single sign-out
// (Camunda's own "Log out" ends only Tasklist's session: the SSO would log the user in again).
export default {
  id: 'facteur-overview-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    node.innerHTML = '<a href="/apercu/" style="line-height: 40px; padding: 0 10px;">Aperçu des factures</a>';
    fetch('/api/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'facteur' } })
      .then(response => response.ok ? response.json() : null)
      .then(session => {
        if (session && session.logoutUrl) {
          const logout = document.createElement('a');
          logout.href = session.logoutUrl;
          logout.style = 'line-height: 40px; padding: 0 10px;';
          logout.textContent = 'Se déconnecter (' + session.user + ')';
          node.appendChild(logout);
        }
      })
      .catch(() => {});
  }
};
