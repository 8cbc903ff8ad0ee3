// Facteur: Cockpit loads our link to the overview (scripts/facteur-links.js) as a plugin.
export default {
  customScripts: ['scripts/facteur-links']
};
