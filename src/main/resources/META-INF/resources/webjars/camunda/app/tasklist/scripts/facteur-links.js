// Facteur: in Tasklist's header, the pages the person may follow (the overview for managers and
// administrators, the upload page for those who work the invoices) and, with Keycloak, the single
// sign-out (see facteur-session.js).
import { anchor, offeredLinks } from './facteur-session.js';

export default {
  id: 'facteur-overview-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    offeredLinks(user => `Se déconnecter (${user})`).then(links => links
      .filter(offered => offered.href !== '/apercu/factures?liste=en-retard')
      .forEach(offered => {
        const a = anchor(offered);
        a.style = 'line-height: 40px; padding: 0 10px;';
        node.appendChild(a);
      }));
  }
};
