import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { warmFormats } from './lib/format';
import './styles.css';

// The first render as a transition: React renders it in slices, yielding to the browser between them, so it
// adds no long task of its own after the bundle's evaluation (a phone's first load, docs/performance.md).
const root = createRoot(document.getElementById('root') as HTMLElement);
startTransition(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
// The locale's number and date data, loaded between the first render's slices rather than inside one.
warmFormats();
