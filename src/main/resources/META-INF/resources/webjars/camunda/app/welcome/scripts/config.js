// Facteur: the welcome page in French by default (locales/fr.json; English when the browser asks for
// it). Its static "links" setting would show every link to everyone: it is empty, and our panel
// (scripts/facteur-links.js) shows only the pages the person may follow.
export default {
  customScripts: ['scripts/facteur-links'],
  links: [],
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  }
};
