// Facteur: Admin in French by default (locales/fr.json; English when the browser asks for it).
export default {
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  }
};
