// Facteur: on the welcome page, below the applications, the pages the person may follow, each with
// what it is for (the overview for managers, the upload page for those who work the invoices) and,
// with Keycloak, the single sign-out (see Tasklist's facteur-session.js). Laid out like the page's own
// boxes: a white panel, a section title, a row of links with their descriptions.
import { anchor, offeredLinks } from '/camunda/app/tasklist/scripts/facteur-session.js';

function cell(offered) {
  const wrapper = document.createElement('div');
  wrapper.className = 'col-xs-6 col-md-4 custom-link-wrapper';
  const a = anchor({ href: offered.href, label: '' });
  const label = document.createElement('span');
  label.className = 'h4';
  label.textContent = offered.label;
  a.appendChild(label);
  const description = document.createElement('span');
  description.className = 'custom-link-description';
  description.textContent = offered.description || '';
  wrapper.append(a, description);
  return wrapper;
}

export default {
  id: 'facteur-links',
  pluginPoint: 'welcome.dashboard',
  priority: 0,
  render: (node) => {
    offeredLinks(() => 'Se déconnecter').then(links => {
      if (links.length === 0) {
        return;
      }
      const section = document.createElement('section');
      section.className = 'col-xs-12 col-sm-8 facteur-links';
      const inner = document.createElement('div');
      inner.className = 'inner custom-links';
      const title = document.createElement('h3');
      title.className = 'section-title';
      title.textContent = 'Facteur';
      const row = document.createElement('div');
      row.className = 'row';
      row.append(...links.map(cell));
      inner.append(title, row);
      section.appendChild(inner);
      node.appendChild(section);
    });
  }
};
