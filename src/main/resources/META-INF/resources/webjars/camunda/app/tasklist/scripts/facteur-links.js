// Facteur: a link to the overview in Tasklist's header.
export default {
  id: 'facteur-overview-link',
  pluginPoint: 'tasklist.navbar.action',
  priority: 100,
  render: (node) => {
    node.innerHTML = '<a href="/apercu/" style="line-height: 40px; padding: 0 10px;">Aperçu des factures</a>';
  }
};
