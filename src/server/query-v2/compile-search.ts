// Search v2 (docs/api.md §4) compiled once per request: the words folded with the index's one foldText, and the
// phone rule's digits. leadMatchesSearch is the plain per-lead test; an index may answer the same question
// with postings, and should agree with it.
import type { Lead } from '../../shared/lead';
import { matchesPhoneRule, phoneQueryDigits, SEARCH_FIELDS, splitSearchWords } from '../../shared/query-v2/search-words';
import { foldText } from '../lead-index/fold-text';

export interface CompiledSearch {
  /** Folded, distinct; each must be a substring of at least one folded search field. May hold ''. */
  words: string[];
  /** The query's digits when the phone rule applies, else null. */
  phoneDigits: string | null;
}

/** null: no search (the trimmed text is empty). `search` is the value the strict/lenient codec gave. */
export function compileSearch(search: string): CompiledSearch | null {
  const text = search.trim();
  if (text === '') return null;
  // A word of only combining marks folds to '': kept, it still needs the lead to have some searchable text.
  const words = [...new Set(splitSearchWords(text).map(foldText))];
  return { words, phoneDigits: phoneQueryDigits(text) };
}

/** The folded values of a lead's search fields that are strings (what every word is looked for in). */
export function foldedSearchFields(lead: Lead): string[] {
  const folded: string[] = [];
  for (const field of SEARCH_FIELDS) {
    const value = lead[field];
    if (typeof value === 'string') folded.push(foldText(value));
  }
  return folded;
}

export function leadMatchesSearch(search: CompiledSearch, lead: Lead): boolean {
  const fields = foldedSearchFields(lead);
  if (search.words.every((word) => fields.some((field) => field.includes(word)))) return true;
  return search.phoneDigits !== null && matchesPhoneRule(lead.phone, search.phoneDigits);
}
