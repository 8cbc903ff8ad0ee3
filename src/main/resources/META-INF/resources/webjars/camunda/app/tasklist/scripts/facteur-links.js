// Facteur: in Tasklist's header, the links the person may follow (the overview for managers and
// administrators, the upload page for those who work the invoices), and, with Keycloak, the single
// sign-out (Camunda's own "Log out" ends only Tasklist's session: the SSO would log the user in again).
// The groups come from the webapp's own session, so this works with HTTP Basic and with Keycloak.
const STYLE = 'line-height: 40px; padding: 0 10px;';

function link(node, href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.style = STYLE;
  a.textContent = text;
  node.appendChild(a);
}

function json(url) {
  return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(response => response.ok ? response.json() : null);
}

export default {
  id: 'facteur-overview-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    json('/camunda/api/admin/auth/user/default')
      .then(user => user && user.userId
        ? json('/camunda/api/engine/engine/default/identity/groups?userId=' + encodeURIComponent(user.userId))
        : null)
      .then(info => {
        const groups = info && info.groups ? info.groups.map(group => group.id) : [];
        if (groups.includes('managers') || groups.includes('camunda-admin')) {
          link(node, '/apercu/', 'Aperçu des factures');
        }
        if (['valideurs', 'comptables', 'camunda-admin'].some(group => groups.includes(group))) {
          link(node, '/televersement/', 'Déposer une facture');
        }
      })
      .catch(() => {});
    fetch('/api/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'facteur' } })
      .then(response => response.ok ? response.json() : null)
      .then(session => {
        if (session && session.logoutUrl) {
          link(node, session.logoutUrl, 'Se déconnecter (' + session.user + ')');
        }
      })
      .catch(() => {});
  }
};
