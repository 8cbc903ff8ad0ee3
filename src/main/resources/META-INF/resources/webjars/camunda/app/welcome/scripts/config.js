// Facteur: the links of Camunda's welcome page (its "links" setting).
export default {
  links: [
    {
      label: 'Aperçu des factures',
      href: '/apercu/',
      description: 'Où en sont les factures reçues : statuts, retards, litiges, listes et exports CSV'
    },
    {
      label: 'Déposer une facture',
      href: '/televersement/',
      description: 'Téléverser une facture reçue (PDF, image, Factur-X, UBL, CII)'
    }
  ]
};
