// The pure rules behind the views menu and the column order: comparing a URL with a view, cleaning a stale
// stored query, moving columns.
import { describe, expect, it } from 'vitest';
import { BUILTIN_VIEWS } from '../../src/shared/views';
import { activeView, cleanViewQuery, comparableQuery } from '../../src/app/features/views/view-query';
import { DEFAULT_COLUMN_ORDER, moveColumn, moveColumnTo, normaliseColumnOrder } from '../../src/app/features/leads/column-order';

describe('view queries', () => {
  it('compares canonically: order, defaults, page, lead and me do not matter', () => {
    expect(comparableQuery('?sort=name&stage=Won,Lost&page=3&lead=abc&me=u_x&limit=50')).toBe(comparableQuery('stage=Won,Lost&sort=name'));
    expect(comparableQuery('stage=Won')).not.toBe(comparableQuery('stage=Lost'));
  });

  it('tells the built-ins apart (query-v2 params are compared too) and finds the open one', () => {
    const texts = BUILTIN_VIEWS.map((view) => comparableQuery(view.query));
    expect(new Set(texts).size).toBe(BUILTIN_VIEWS.length);
    expect(activeView(BUILTIN_VIEWS, comparableQuery('?created_at=today-6..'))?.name).toBe('New this week');
    expect(activeView(BUILTIN_VIEWS, comparableQuery(''))?.name).toBe('All leads');
    expect(activeView(BUILTIN_VIEWS, comparableQuery('stage=Won'))).toBeUndefined();
  });

  it('drops unknown params and params whose value no longer parses, naming them', () => {
    expect(cleanViewQuery('stage=Won&limit=abc&storm_id=7&sort=bogus')).toEqual({
      query: comparableQuery('stage=Won'),
      dropped: ['storm_id', 'sort', 'limit'],
    });
    expect(cleanViewQuery('stage=Won&sort=name')).toEqual({ query: comparableQuery('stage=Won&sort=name'), dropped: [] });
  });
});

describe('column order', () => {
  it('starts Name, Phone; a stored order is made whole and keeps Name first', () => {
    expect(DEFAULT_COLUMN_ORDER.slice(0, 3)).toEqual(['name', 'phone', 'stage']);
    const order = normaliseColumnOrder(['stage', 'bogus', 'name', 'stage', 7]);
    expect(order.slice(0, 3)).toEqual(['name', 'stage', 'phone']);
    expect(new Set(order).size).toBe(DEFAULT_COLUMN_ORDER.length);
  });

  it('moves among visible columns, never past Name', () => {
    const visible = ['name', 'phone', 'stage', 'priority'];
    expect(moveColumn(DEFAULT_COLUMN_ORDER, 'priority', -1, visible).slice(0, 4)).toEqual(['name', 'phone', 'priority', 'stage']);
    expect(moveColumn(DEFAULT_COLUMN_ORDER, 'phone', -1, visible)).toEqual(DEFAULT_COLUMN_ORDER);
    expect(moveColumnTo(DEFAULT_COLUMN_ORDER, 'stage', 'phone').slice(0, 3)).toEqual(['name', 'stage', 'phone']);
    expect(moveColumnTo(DEFAULT_COLUMN_ORDER, 'phone', 'stage').slice(0, 3)).toEqual(['name', 'stage', 'phone']);
  });
});
