// Facteur: Cockpit in French by default (locales/fr.json; English when the browser asks for it), and
// our links on its dashboard (scripts/facteur-links.js).
export default {
  customScripts: ['scripts/facteur-links'],
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  }
};
