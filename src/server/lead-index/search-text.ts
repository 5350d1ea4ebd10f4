// The search index's texts (each lead's folded fields, each lead's phone digits) held in pieces of
// PIECE_LEADS leads instead of one string. Why: at 100k leads the folded text is ~8M code units, and making
// one flat string that size holds the event loop longer than a build slice whatever the method (a join, a
// rope flattened on first read, a Buffer decoded), while one piece is joined in a few ms. Lead i's segment
// is in piece i >>> PIECE_SHIFT; the trigram postings stay global (lead positions), only substring tests
// read a piece.

export const PIECE_SHIFT = 11;
/** Leads per piece (a power of two, so a lead's piece is a shift). */
export const PIECE_LEADS = 1 << PIECE_SHIFT;
const LEAD_IN_PIECE = PIECE_LEADS - 1;

export interface TextPiece {
  /** The segments of this piece's leads, joined. */
  readonly text: string;
  /** The piece's k-th lead's segment is text[starts[k], starts[k + 1]). */
  readonly starts: Uint32Array;
}

export interface PiecedText {
  /** Piece p holds leads [p · PIECE_LEADS, (p + 1) · PIECE_LEADS). */
  readonly pieces: readonly TextPiece[];
  readonly leadCount: number;
}

/** Takes the leads' segments in lead order and joins each piece as soon as it is full. */
export class PiecedTextBuilder {
  private readonly pieces: TextPiece[] = [];
  private parts: string[] = [];
  private leadCount = 0;

  add(segment: string): void {
    this.parts.push(segment);
    this.leadCount++;
    if (this.parts.length === PIECE_LEADS) this.flush();
  }

  finish(): PiecedText {
    if (this.parts.length > 0) this.flush();
    return { pieces: this.pieces, leadCount: this.leadCount };
  }

  private flush(): void {
    const starts = new Uint32Array(this.parts.length + 1);
    let length = 0;
    for (let k = 0; k < this.parts.length; k++) {
      starts[k] = length;
      length += (this.parts[k] as string).length;
    }
    starts[this.parts.length] = length;
    this.pieces.push({ text: this.parts.join(''), starts });
    this.parts = [];
  }
}

export const pieceOfLead = (text: PiecedText, lead: number): TextPiece => text.pieces[lead >>> PIECE_SHIFT] as TextPiece;
export const indexInPiece = (lead: number): number => lead & LEAD_IN_PIECE;

/** Leads in a build step over the pieces (a few ms at 100k leads; a piece is two steps). */
const BUILD_CHUNK = 1024;
/** Leads in a pass's first step (see leadChunks). */
const FIRST_CHUNK = 32;

/**
 * Each chunk of leads of a build pass as [piece, from, to, base] (piece-local bounds, the piece's first lead),
 * a step each. The first chunks are small and double up to BUILD_CHUNK: a pass's function runs unoptimised
 * until V8 has compiled it, several times slower, and a full chunk then would be one long step.
 */
export function* leadChunks(text: PiecedText): Generator<[TextPiece, number, number, number], void, void> {
  let size = FIRST_CHUNK;
  for (let p = 0; p < text.pieces.length; p++) {
    const piece = text.pieces[p] as TextPiece;
    const n = piece.starts.length - 1;
    for (let from = 0; from < n;) {
      const to = Math.min(n, from + size);
      yield [piece, from, to, p << PIECE_SHIFT];
      from = to;
      size = Math.min(BUILD_CHUNK, size * 2);
    }
  }
}

/** Lead `lead`'s segment as a string of its own. */
export function segmentOf(text: PiecedText, lead: number): string {
  const { text: pieceText, starts } = pieceOfLead(text, lead);
  const k = indexInPiece(lead);
  return pieceText.slice(starts[k], starts[k + 1]);
}

/** Calls visit(lead) once for each lead whose segment holds `needle` (non-empty), in lead order. */
export function forEachLeadWith(text: PiecedText, needle: string, visit: (lead: number) => void): void {
  for (let p = 0; p < text.pieces.length; p++) {
    const { text: haystack, starts } = text.pieces[p] as TextPiece;
    const first = p << PIECE_SHIFT;
    let k = 0;
    let position = haystack.indexOf(needle);
    while (position !== -1) {
      while ((starts[k + 1] as number) <= position) k++;
      visit(first + k);
      const next = starts[k + 1] as number;
      if (next >= haystack.length) break;
      position = haystack.indexOf(needle, next);
    }
  }
}

/** Calls visit(lead) for every occurrence of `unit` (one code unit): a lead once per occurrence. */
export function forEachUnit(text: PiecedText, unit: string, visit: (lead: number) => void): void {
  for (let p = 0; p < text.pieces.length; p++) {
    const { text: haystack, starts } = text.pieces[p] as TextPiece;
    const first = p << PIECE_SHIFT;
    let k = 0;
    for (let position = haystack.indexOf(unit); position !== -1; position = haystack.indexOf(unit, position + 1)) {
      while ((starts[k + 1] as number) <= position) k++;
      visit(first + k);
    }
  }
}
