// Facteur: the Camunda Forms' own words in French. Tasklist's labels come from locales/fr.json, but the
// forms' library (form-js, with its date picker) writes its messages in English whatever the language:
// "Field is required.", the date placeholder "dd/mm/yyyy", "December", "Sun … Sat". This script puts
// them in French as they appear (the dates themselves are already jj/mm/aaaa: form-js takes the
// browser's locale for their format); each date picker (flatpickr, reached through its input) gets
// the French calendar: months, days, weeks from Monday (the calendar's words are also translated as
// they appear, for a picker this script could not reach). A read-only amount (a number field with a
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
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre'];
const DAYS = { Sun: 'dim.', Mon: 'lun.', Tue: 'mar.', Wed: 'mer.', Thu: 'jeu.', Fri: 'ven.', Sat: 'sam.' };
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
  root.querySelectorAll('.flatpickr-calendar .flatpickr-weekday').forEach(day => translateText(day, text => DAYS[text]));
  root.querySelectorAll('.flatpickr-calendar .cur-month, .flatpickr-calendar .flatpickr-monthDropdown-month')
    .forEach(month => translateText(month, text => MOIS[MONTHS.indexOf(text)]));
  root.querySelectorAll('.flatpickr-calendar .flatpickr-day[aria-label]').forEach(day => {
    const label = day.getAttribute('aria-label');
    const index = MONTHS.findIndex(name => label.startsWith(name + ' '));
    if (index >= 0) {
      // "December 3, 2026" → "3 décembre 2026"
      const [, dayOfMonth, year] = label.match(/ (\d+), (\d+)$/) || [];
      if (dayOfMonth) {
        day.setAttribute('aria-label', `${dayOfMonth} ${MOIS[index]} ${year}`);
      }
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
