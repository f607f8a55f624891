// Input generators shared by the fuzz tests: text, numbers, keys and JSON values chosen to break naive code.
import fc from 'fast-check';

/** The seed of every property (fixed, so a run is repeatable; FUZZ_SEED explores others). */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261203);
export const fuzzSettings = (numRuns: number) => ({ numRuns, seed: fuzzSeed });

/** Single characters that break naive code: control characters, surrogate halves, direction overrides, syntax. */
export const nastyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u202e', '\u2066', '\u200b', '\ufeff', '\u00a0', '\u0085', '\u2028', '"', '\\', '%', '../', '\r\n', 'ё', '🚀', '*', 'NEAR(', '" OR 1=1 --', "'); DROP TABLE projects; --"),
);
export const nastyString = fc.string({ unit: nastyChar, maxLength: 40 });

/** Far longer than any field allows; some over the 64 KiB body limits once sent. */
export const hugeString = fc
  .tuple(fc.integer({ min: 201, max: 70_000 }), fc.constantFrom('x', 'я', '🚀', '\u0000', '\ud800'))
  .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length)));

export const anyString = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);

export const edgeNumbers = fc.constantFrom(-1, 0, -0, 0.5, 1, 19, 20, 24, 50, 51, 100, 101, 200, 201, 2000, 2001, 1_000_000, 1_000_001, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_VALUE, Number.MIN_VALUE);
export const anyNumber = fc.oneof(fc.integer(), fc.double(), edgeNumbers);

/** Printable ASCII: what may stand in a request target or a header value without breaking HTTP's own syntax. */
export const printableChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
export const printable = (maxLength: number) => fc.string({ unit: fc.oneof(printableChar, fc.constant(' ')), maxLength });
/** Header values may carry latin1 bytes 0x80–0xff as well (obs-text), which servers must cope with. */
export const headerValue = fc.string({ unit: fc.oneof({ weight: 5, arbitrary: printableChar }, { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) }), maxLength: 60 });
export const headerName = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-0123456789'.split('')), minLength: 1, maxLength: 16 });

/** Object keys: the ones `known` to the code under test, keys aimed at prototypes, and junk. */
export const keyOf = (known: readonly string[]) =>
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', ...known), nastyString);

/** Any JSON-like value (and some that JSON cannot carry: NaN, -0, lone surrogates), objects keyed by `keyOf(known)`. */
export function jsonValue(known: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = keyOf(known);
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), anyNumber, anyString);
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      // Object.fromEntries defines "__proto__" as an own key, exactly as JSON.parse does.
      fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
    ),
  })).value;
}

/** Nesting far deeper than any input needs, as arrays or objects. */
export const deepValue = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = asArray ? [] : {};
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { q: value };
  return value;
});

/** Bytes that are valid JSON text cut short, or with one byte changed. */
export const brokenJson = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
    const bytes = Buffer.from(text, 'utf8');
    if (at % 2 === 0 || bytes.length === 0) return bytes.subarray(0, at % (bytes.length + 1));
    const i = at % bytes.length;
    return Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i + 1)]);
  });

/** Text an exhibitor may well type: any script, emoji, markup, line breaks and spaces at the ends. */
export const cleanUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\n', '\r\n', '\r', '\t', '\u00a0', 'ё', 'Й', 'e\u0301', '🚀', '👩‍🔧', '<b>', '&amp;', '"', "'", '\\', '%s', '${x}', '=1+1', '=HYPERLINK("http://evil.example","x")') },
);
/** Clean text up to about `max` characters, with the limit itself and one past it now and then. */
export const cleanText = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: cleanUnit, maxLength: Math.min(max, 60) }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(-1, 0, 1), fc.boolean()).map(([d, padded]) => (padded ? '  ' : '') + 'я'.repeat(max + d) + (padded ? '\r\n' : '')) },
  );

/** How kiosk and portal tidy an edited text before saving (db/edit-check.ts): line breaks as \n, no spaces at the ends. */
export const tidyEdit = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value);
