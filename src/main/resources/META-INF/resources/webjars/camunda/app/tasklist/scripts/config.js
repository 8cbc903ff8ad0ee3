// Facteur: Tasklist in French by default (locales/fr.json; English when the browser asks for it),
// its default shortcuts, our links (scripts/facteur-links.js) and the invoice's document beside the
// task's fields with their reading marks (scripts/facteur-document.js), the forms' own messages and
// date picker in French (scripts/facteur-forms-fr.js).
export default {
  customScripts: ['scripts/facteur-links', 'scripts/facteur-document', 'scripts/facteur-forms-fr'],
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
