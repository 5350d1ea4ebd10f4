/** The last page of `total` leads at `limit` a page: 1 when there are none (or the total is not known yet). */
export const lastPageOf = (total: number | undefined, limit: number): number => Math.max(1, Math.ceil((total ?? 0) / limit));
