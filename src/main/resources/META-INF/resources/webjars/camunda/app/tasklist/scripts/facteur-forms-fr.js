// Facteur: the Camunda Forms' own words in French. Tasklist's labels come from locales/fr.json, but the
// forms' library (form-js, with its date picker) writes its messages in English whatever the language:
// "Field is required.", the date placeholder "dd/mm/yyyy", "December", "Sun … Sat". This script puts
// the messages and placeholders in French as they appear (the dates themselves are already
// jj/mm/aaaa: form-js takes the browser's locale for their format), and gives each date picker
// (flatpickr, reached through its input) the French calendar: months, days, weeks from Monday. A read-only amount (a number field with a
// "€" suffix) is shown as "1 070,46": the digits are drawn over the field, whose own value (what the
// form submits) is left alone.
import { addStyle, watchPage } from './facteur-page.js';

const MESSAGES = [
  [/^Field is required\.$/, () => 'Champ obligatoire.'],
  [/^Field must have minimum length of (\d+)\.$/, n => `Au moins ${n} caractères.`],
  [/^Field must have maximum length of (\d+)\.$/, n => `Au plus ${n} caractères.`],
  [/^Field must have minimum value of (.+)\.$/, n => `Valeur minimale : ${n}.`],
  [/^Field must have maximum value of (.+)\.$/, n => `Valeur maximale : ${n}.`],
  [/^Field must match pattern (.+)\.$/, p => `Format attendu : ${p}.`],
  [/^Field must be a valid email\.$/, () => 'Adresse e-mail invalide.'],
  [/^Field must be a valid\s+international phone number\..*$/, () => 'Numéro de téléphone international invalide (ex. +33612345678).']
];
const PLACEHOLDERS = { 'dd/mm/yyyy': 'jj/mm/aaaa', 'mm/dd/yyyy': 'jj/mm/aaaa', 'hh:mm': 'hh:mm', 'Search': 'Rechercher', 'Select': 'Choisir' };
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre'];
const FRENCH_CALENDAR = {
  weekdays: {
    shorthand: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    longhand: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
  },
  months: {
    shorthand: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    longhand: MOIS
  },
  firstDayOfWeek: 1,
  ordinal: day => (day > 1 ? '' : 'er'),
  rangeSeparator: ' au ',
  weekAbbreviation: 'Sem.',
  scrollTitle: 'Faire défiler pour changer la valeur',
  toggleTitle: 'Cliquer pour basculer',
  time_24hr: true
};

/** The French calendar on every date picker of the forms, once each (flatpickr keeps itself on its input). */
function frenchCalendars(root) {
  root.querySelectorAll('.fjs-container input').forEach(input => {
    const picker = input._flatpickr;
    if (picker && !picker.facteurFrench) {
      picker.facteurFrench = true;
      picker.set({ locale: FRENCH_CALENDAR, ariaDateFormat: 'j F Y' });
    }
  });
}

function translateText(node, translate) {
  const text = node.textContent.trim();
  const french = translate(text);
  if (french && french !== text) {
    node.textContent = french;
  }
}

function message(text) {
  for (const [pattern, french] of MESSAGES) {
    const match = text.match(pattern);
    if (match) {
      return french(match[1]);
    }
  }
  return null;
}

const STYLE = `
.fjs-input-group.facteur-amount-group { position: relative; }
.fjs-input-group.facteur-amount-group input { color: transparent !important; }
.facteur-amount { position: absolute; top: 50%; transform: translateY(-50%); pointer-events: none; white-space: nowrap; }
`;
const EUROS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function frenchAmounts(root) {
  root.querySelectorAll('.fjs-form-field-number.fjs-readonly').forEach(field => {
    const input = field.querySelector('input');
    const suffix = field.querySelector('.fjs-input-adornment-text');
    const group = input && input.closest('.fjs-input-group');
    if (!group || !suffix || suffix.textContent.trim() !== '€') {
      return;
    }
    const number = input.value === '' ? NaN : Number(input.value);
    const text = Number.isNaN(number) ? '' : EUROS.format(number).replace(/[\u202f\u00a0]/g, ' ');
    let shown = group.querySelector('.facteur-amount');
    if (!shown) {
      shown = document.createElement('span');
      shown.className = 'facteur-amount';
      shown.setAttribute('aria-hidden', 'true');
      group.classList.add('facteur-amount-group');
      group.appendChild(shown);
    }
    const left = `${input.offsetLeft + parseFloat(getComputedStyle(input).paddingLeft || '0')}px`;
    if (shown.textContent !== text || shown.style.left !== left) {
      shown.textContent = text;
      shown.style.left = left;
    }
  });
}

function translate(root) {
  frenchCalendars(root);
  frenchAmounts(root);
  root.querySelectorAll('.fjs-form-field-error li, .fjs-form-field-error span, .fjs-form-field-error')
    .forEach(node => {
      if (node.children.length === 0) {
        translateText(node, message);
      }
    });
  root.querySelectorAll('.fjs-container input[placeholder], .fjs-container textarea[placeholder]').forEach(input => {
    const french = PLACEHOLDERS[input.getAttribute('placeholder')];
    if (french) {
      input.setAttribute('placeholder', french);
    }
  });
}

export default {
  id: 'facteur-forms-in-french',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: () => {
    addStyle(STYLE);
    watchPage(() => translate(document));
  }
};
