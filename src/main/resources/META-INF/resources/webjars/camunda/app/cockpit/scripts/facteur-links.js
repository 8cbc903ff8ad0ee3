// Facteur: a panel on Cockpit's dashboard with the pages the person may follow (the overview and the
// late invoices for managers, the upload page for those who work the invoices) and, with Keycloak,
// the single sign-out (see Tasklist's facteur-session.js).
import { anchor, offeredLinks } from '/camunda/app/tasklist/scripts/facteur-session.js';

export default {
  id: 'facteur-overview-link',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    offeredLinks(() => 'Se déconnecter de toutes les applications').then(links => {
      if (links.length === 0) {
        return;
      }
      const section = document.createElement('section');
      section.className = 'facteur-links';
      const title = document.createElement('h3');
      title.textContent = 'Facteur';
      const paragraph = document.createElement('p');
      links.forEach((offered, index) => paragraph.append(...(index > 0 ? [' · '] : []), anchor(offered)));
      section.append(title, paragraph);
      node.appendChild(section);
    });
  }
};
