// The big JSON body of bench/body.mjs: an array of identity-like records with nested objects,
// arrays, strings (some beyond Latin-1, as real names are), numbers, booleans and nulls.
// Deterministic: the same bytes on every run, so runs compare.

const FIRST = [
  'Jane',
  'Sam',
  'Ana',
  'José',
  'Zoë',
  'Łukasz',
  'Oluwaseun',
  'Mikko',
  'Aiko',
  'Priya',
];
const LAST = [
  'Doe',
  'García',
  'Müller',
  'Nakamura',
  'Okafor',
  'Virtanen',
  'Singh',
  'Nguyễn',
  'Chen',
];
const DEPARTMENTS = ['Engineering', 'Finance', 'Sales', 'Legal', 'Operations', 'Support'];
const SOURCES = ['Active Directory', 'Workday', 'Okta', 'SAP'];

/** The id of the first record: what the first screen of the body shows. */
export const FIRST_RECORD_ID = recordId(0);

function recordId(index) {
  return `2c91${(Math.imul(index + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}${index.toString(16).padStart(20, '0')}`;
}

/** A small seeded generator (mulberry32): the same "random" fields on every run. */
function seeded(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function record(index, random) {
  const first = FIRST[index % FIRST.length];
  const last = LAST[(index * 7) % LAST.length];
  const alias = `${first.toLowerCase()}.${last.toLowerCase()}${index}`;
  return {
    id: recordId(index),
    name: `${first} ${last}`,
    alias,
    emailAddress: `${alias}@example.com`,
    created: new Date(1_600_000_000_000 + index * 37_000_000).toISOString(),
    isManager: random() < 0.1,
    score: Math.round(random() * 1e6) / 100,
    attributes: {
      department: DEPARTMENTS[index % DEPARTMENTS.length],
      location: { city: `City ${index % 97}`, country: 'FI', floor: index % 12 },
      manager:
        index % 5 === 0
          ? null
          : { type: 'IDENTITY', id: recordId(index - 1), name: `${FIRST[(index + 3) % 10]} Doe` },
    },
    accounts: Array.from({ length: 1 + (index % 4) }, (_, k) => ({
      source: { id: `src-${k}`, name: SOURCES[k] },
      nativeIdentity: `CN=${first} ${last},OU=${SOURCES[k]}`,
      disabled: random() < 0.2,
      lastLogin: random() < 0.3 ? null : 1_600_000_000 + index * (k + 1),
    })),
  };
}

/** A JSON array of at least `bytes` bytes (one record more at most), as a Buffer. */
export function generatedJsonBody(bytes) {
  const random = seeded(42);
  const parts = [];
  let size = 2;
  for (let index = 0; size < bytes; index += 1) {
    const part = JSON.stringify(record(index, random));
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  return Buffer.from(`[${parts.join(',')}]`);
}
