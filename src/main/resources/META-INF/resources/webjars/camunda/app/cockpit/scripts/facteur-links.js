// Facteur: a panel on Cockpit's dashboard leading to the managers' overview.
export default {
  id: 'facteur-overview-link',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node) => {
    node.innerHTML = '<section class="facteur-links"><h3>Facteur</h3><p>'
      + '<a href="/apercu/">Aperçu des factures</a> — statuts, retards, litiges, listes et exports CSV · '
      + '<a href="/apercu/factures?liste=en-retard">Factures en retard</a> · '
      + '<a href="/televersement/">Déposer une facture</a></p></section>';
  }
};
