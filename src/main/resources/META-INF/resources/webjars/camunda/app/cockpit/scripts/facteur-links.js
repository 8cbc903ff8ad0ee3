// Facteur: on Cockpit's dashboard, the banners of managers and administrators first (the Chorus Pro
// technical password about to expire), then a panel with the pages the person may follow (the overview
// and the late invoices for managers, the upload page for those who work the invoices) and, with
// Keycloak, the single sign-out (see Tasklist's facteur-session.js).
import { alertBanners, anchor, offeredLinks, readSession } from '/camunda/app/tasklist/scripts/facteur-session.js';

export default {
  id: 'facteur-overview-link',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    const session = readSession();
    session.then(current => {
      const banners = alertBanners(current);
      if (banners.length > 0) {
        // above the dashboard's sections, where the eye lands first
        const host = node.closest('.dashboard') || node;
        host.prepend(...banners);
      }
    });
    offeredLinks(() => 'Se déconnecter de toutes les applications', session).then(links => {
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
