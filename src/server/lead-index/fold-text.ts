// The one text folding used for search (docs/api.md §2): Unicode NFKD, combining marks removed,
// lower-cased, so "José", "JOSÉ" and "jose" all fold to "jose" and "Ｚｏë" to "zoe".

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARKS = /\p{M}/gu;

export function foldText(text: string): string {
  // Fast path: printable ASCII is unchanged by NFKD and has no marks.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}
