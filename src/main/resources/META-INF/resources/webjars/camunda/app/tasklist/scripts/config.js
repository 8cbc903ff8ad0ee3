// Facteur: Tasklist in French by default (locales/fr.json; English when the browser asks for it),
// its default shortcuts, and our links (scripts/facteur-links.js).
export default {
  customScripts: ['scripts/facteur-links'],
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'fr'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
