// The demo data's vocabulary: sources, services, names in several scripts, places, streets and notes.
// Data tables only; generate-leads.ts draws from them (kept apart so the generator reads as logic).
export const LEAD_SOURCES = [
  'Door knock',
  'Referral',
  'Website',
  'Google Ads',
  'Facebook',
  'Home show',
  'Yard sign',
  'Storm canvass',
  'Angi',
  'Nextdoor',
];

export const SERVICE_TYPES = [
  'Roof replacement',
  'Roof repair',
  'Solar installation',
  'Battery storage',
  'HVAC installation',
  'HVAC repair',
  'Window replacement',
  'Gutters',
  'Siding',
  'Insulation',
];

/** [first names, last names, 'western' = "First Last" | 'eastern' = family name first, no space]. */
export type NameGroup = { first: [string, string][]; last: [string, string][]; order: 'western' | 'eastern' | 'vietnamese' };
// Each entry: [as written, ASCII form for the email address].
export const NAME_GROUPS: { weight: number; group: NameGroup }[] = [
  {
    weight: 40,
    group: {
      order: 'western',
      first: [
        ['James', 'james'],
        ['Mary', 'mary'],
        ['Robert', 'robert'],
        ['Patricia', 'patricia'],
        ['Michael', 'michael'],
        ['Jennifer', 'jennifer'],
        ['David', 'david'],
        ['Linda', 'linda'],
        ['William', 'william'],
        ['Elizabeth', 'elizabeth'],
        ['Chris', 'chris'],
        ['Sarah', 'sarah'],
        ['Daniel', 'daniel'],
        ['Ashley', 'ashley'],
        ['Matthew', 'matthew'],
        ["D'Andre", 'dandre'],
        ['Mary-Kate', 'marykate'],
        ['Zoë', 'zoe'],
        ['Renée', 'renee'],
        ['Chloé', 'chloe'],
      ],
      last: [
        ['Smith', 'smith'],
        ['Johnson', 'johnson'],
        ['Williams', 'williams'],
        ['Brown', 'brown'],
        ['Jones', 'jones'],
        ['Miller', 'miller'],
        ['Davis', 'davis'],
        ['Wilson', 'wilson'],
        ['Anderson', 'anderson'],
        ['Taylor', 'taylor'],
        ["O'Brien", 'obrien'],
        ['McAllister', 'mcallister'],
        ['Smith-Jones', 'smithjones'],
        ['Ångström', 'angstrom'],
        ['Brontë', 'bronte'],
        ['van der Berg', 'vanderberg'],
        ['Müller', 'mueller'],
        ['Schröder', 'schroeder'],
      ],
    },
  },
  {
    weight: 20,
    group: {
      order: 'western',
      first: [
        ['José', 'jose'],
        ['María', 'maria'],
        ['Andrés', 'andres'],
        ['Lucía', 'lucia'],
        ['Jesús', 'jesus'],
        ['Sofía', 'sofia'],
        ['Ramón', 'ramon'],
        ['Inés', 'ines'],
        ['João', 'joao'],
        ['Begoña', 'begona'],
      ],
      last: [
        ['Núñez', 'nunez'],
        ['García', 'garcia'],
        ['Rodríguez', 'rodriguez'],
        ['Martínez', 'martinez'],
        ['Hernández', 'hernandez'],
        ['López', 'lopez'],
        ['Peña', 'pena'],
        ['Gonçalves', 'goncalves'],
        ['Ibáñez', 'ibanez'],
        ['de la Cruz', 'delacruz'],
      ],
    },
  },
  {
    weight: 8,
    group: {
      order: 'western',
      first: [
        ['Łukasz', 'lukasz'],
        ['Małgorzata', 'malgorzata'],
        ['Zoë', 'zoe'],
        ['Søren', 'soren'],
        ['Björn', 'bjorn'],
        ['Jiří', 'jiri'],
      ],
      last: [
        ['Wójcik', 'wojcik'],
        ['Żak', 'zak'],
        ['Ångström', 'angstrom'],
        ['Kowalczyk', 'kowalczyk'],
        ['Østergaard', 'ostergaard'],
        ['Dvořák', 'dvorak'],
      ],
    },
  },
  {
    weight: 7,
    group: {
      order: 'eastern',
      first: [
        ['伟', 'wei'],
        ['芳', 'fang'],
        ['娜', 'na'],
        ['强', 'qiang'],
        ['静', 'jing'],
        ['明', 'ming'],
      ],
      last: [
        ['李', 'li'],
        ['王', 'wang'],
        ['张', 'zhang'],
        ['刘', 'liu'],
        ['陈', 'chen'],
      ],
    },
  },
  {
    weight: 5,
    group: {
      order: 'eastern',
      first: [
        ['翔太', 'shota'],
        ['陽菜', 'hina'],
        ['健', 'ken'],
        ['さくら', 'sakura'],
      ],
      last: [
        ['佐藤', 'sato'],
        ['鈴木', 'suzuki'],
        ['高橋', 'takahashi'],
        ['田中', 'tanaka'],
      ],
    },
  },
  {
    weight: 3,
    group: {
      order: 'western',
      first: [
        ['Ольга', 'olga'],
        ['Анна', 'anna'],
        ['Наталья', 'natalya'],
      ],
      last: [
        ['Петрова', 'petrova'],
        ['Смирнова', 'smirnova'],
        ['Кузнецова', 'kuznetsova'],
      ],
    },
  },
  {
    weight: 3,
    group: {
      order: 'western',
      first: [
        ['Дмитрий', 'dmitry'],
        ['Сергей', 'sergey'],
        ['Алексей', 'aleksey'],
      ],
      last: [
        ['Иванов', 'ivanov'],
        ['Петров', 'petrov'],
        ['Кузнецов', 'kuznetsov'],
      ],
    },
  },
  {
    weight: 5,
    group: {
      order: 'western',
      first: [
        ['محمد', 'mohammed'],
        ['فاطمة', 'fatima'],
        ['أحمد', 'ahmed'],
        ['ليلى', 'layla'],
      ],
      last: [
        ['العلي', 'alali'],
        ['حسن', 'hassan'],
        ['منصور', 'mansour'],
      ],
    },
  },
  {
    weight: 5,
    group: {
      order: 'vietnamese',
      first: [
        ['Văn An', 'an'],
        ['Thị Hương', 'huong'],
        ['Minh Đức', 'duc'],
        ['Thị Lan', 'lan'],
      ],
      last: [
        ['Nguyễn', 'nguyen'],
        ['Trần', 'tran'],
        ['Lê', 'le'],
        ['Phạm', 'pham'],
      ],
    },
  },
  {
    weight: 4,
    group: {
      order: 'western',
      first: [
        ['Aarav', 'aarav'],
        ['Priya', 'priya'],
        ['Siddharth', 'siddharth'],
        ['Ananya', 'ananya'],
      ],
      last: [
        ['Patel', 'patel'],
        ['Sharma', 'sharma'],
        ['Iyer', 'iyer'],
        ['Reddy', 'reddy'],
      ],
    },
  },
];
export const NAME_WEIGHT_TOTAL = NAME_GROUPS.reduce((sum, g) => sum + g.weight, 0);

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'EXAMPLE.COM'];

/** US cities with their state, a ZIP prefix and a centre for `location`. */
export const US_CITIES: { city: string; state: string; zip: string; lat: number; lng: number }[] = [
  { city: 'Austin', state: 'TX', zip: '787', lat: 30.2672, lng: -97.7431 },
  { city: 'Dallas', state: 'TX', zip: '752', lat: 32.7767, lng: -96.797 },
  { city: 'Phoenix', state: 'AZ', zip: '850', lat: 33.4484, lng: -112.074 },
  { city: 'Denver', state: 'CO', zip: '802', lat: 39.7392, lng: -104.9903 },
  { city: 'Tampa', state: 'FL', zip: '336', lat: 27.9506, lng: -82.4572 },
  { city: 'Orlando', state: 'FL', zip: '328', lat: 28.5383, lng: -81.3792 },
  { city: 'Atlanta', state: 'GA', zip: '303', lat: 33.749, lng: -84.388 },
  { city: 'Charlotte', state: 'NC', zip: '282', lat: 35.2271, lng: -80.8431 },
  { city: 'Nashville', state: 'TN', zip: '372', lat: 36.1627, lng: -86.7816 },
  { city: 'San José', state: 'CA', zip: '951', lat: 37.3382, lng: -121.8863 },
  { city: 'Sacramento', state: 'CA', zip: '958', lat: 38.5816, lng: -121.4944 },
  { city: 'Las Vegas', state: 'NV', zip: '891', lat: 36.1699, lng: -115.1398 },
  { city: 'Salt Lake City', state: 'UT', zip: '841', lat: 40.7608, lng: -111.891 },
  { city: 'Kansas City', state: 'MO', zip: '641', lat: 39.0997, lng: -94.5786 },
  { city: 'Coeur d’Alene', state: 'ID', zip: '838', lat: 47.6777, lng: -116.7805 },
];
export const UK_CITIES: { city: string; state: string; zip: string; lat: number; lng: number }[] = [
  { city: 'London', state: 'Greater London', zip: 'SW1A 1AA', lat: 51.5072, lng: -0.1276 },
  { city: 'Manchester', state: 'Greater Manchester', zip: 'M1 1AE', lat: 53.4808, lng: -2.2426 },
];
export const STREET_NAMES = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Lakeview', 'Sunset', 'Hillcrest', 'Mesa Verde', 'Peachtree', 'Cañon'];
export const STREET_SUFFIXES = ['St', 'Ave', 'Dr', 'Ln', 'Ct', 'Blvd', 'Way'];

export const NOTE_TEMPLATES: string[] = [
  'Homeowner wants a quote before the storm season.',
  'Asked for financing options, call after 5pm',
  'Roof is 22 years old, some shingles missing, interested in solar later',
  'Said "call me next week" — spouse decides, wants both present',
  'Gate code 4411, dog in the yard\nPrefers text messages',
  'Left voicemail.\nFollow up with brochure.\r\nSecond line after CRLF',
  '=HYPERLINK("http://example.com","click")',
  '+1 referral from neighbour, commission 5%',
  '-20% discount promised by previous rep',
  '@channel follow up ASAP',
  'Insurance adjuster visit scheduled; needs photos, measurements, and the "before" report',
  'Commercial flat roof, 12,000 sq ft, TPO membrane',
  'Prefers Español; hija translates',
  'Tab\tseparated\tnote and trailing spaces   ',
  '',
  'Very long note: ' + 'Discussed options for roof, gutters, and windows. '.repeat(8).trim(),
];
