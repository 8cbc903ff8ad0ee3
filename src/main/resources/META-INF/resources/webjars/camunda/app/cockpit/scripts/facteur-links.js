// Facteur: a panel on Cockpit's dashboard leading to the managers' overview, and, with Keycloak,
// the single sign-out (Cockpit's own "Log out" ends only Cockpit's session).
export default {
  id: 'facteur-overview-link',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    node.innerHTML = '<section class="facteur-links"><h3>Facteur</h3><p>'
      + '<a href="/apercu/">Aperçu des factures</a> — statuts, retards, litiges, listes et exports CSV · '
      + '<a href="/apercu/factures?liste=en-retard">Factures en retard</a> · '
      + '<a href="/televersement/">Déposer une facture</a></p></section>';
    fetch('/api/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'facteur' } })
      .then(response => response.ok ? response.json() : null)
      .then(session => {
        if (session && session.logoutUrl) {
          const paragraph = node.querySelector('p');
          paragraph.insertAdjacentHTML('beforeend', ' · ');
          const logout = document.createElement('a');
          logout.href = session.logoutUrl;
          logout.textContent = 'Se déconnecter de toutes les applications';
          paragraph.appendChild(logout);
        }
      })
      .catch(() => {});
  }
};
