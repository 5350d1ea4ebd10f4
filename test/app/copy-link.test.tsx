// The toolbar's Copy link against the real server: the view's URL goes to the clipboard, or, where there is no
// clipboard, shows selected in a field to copy by hand (a panel loaded when first needed, share-actions.tsx).
// fireEvent, not user-event: user-event's setup puts a clipboard of its own on navigator.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { dataRows, renderApp, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close(), 30_000);
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('Copy link', { timeout: 30_000 }, () => {
  it('without a clipboard shows the URL selected to copy by hand, until Done', async () => {
    await server.leads();
    expect(navigator.clipboard).toBeUndefined();
    renderApp('/?stage=Won');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));

    const field = await screen.findByRole<HTMLInputElement>('textbox', { name: /Copy this link/ }, WAIT);
    expect(field.value).toBe(window.location.href);
    expect(field.value).toContain('stage=Won');
    await waitFor(() => expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]), WAIT);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: /Copy this link/ })).toBeNull();
  });

  it('with a clipboard writes the URL to it and says so', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void written.push(text)) },
    });
    renderApp('/?stage=Lost');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied to the clipboard', {}, WAIT);
    expect(written).toEqual([window.location.href]);
    expect(screen.queryByRole('textbox', { name: /Copy this link/ })).toBeNull();
  });
});
