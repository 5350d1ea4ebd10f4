// Mounts the "Since your last visit" banner (docs/ui.md v2) only when there is a last visit to compare
// with: the banner and its count queries load on demand, outside the first-load bundle.
import { lazy, Suspense } from 'react';
import { useLastVisit } from './last-visit';

const SinceBanner = lazy(() => import('./since-banner'));

export function SinceLastVisit() {
  const { since, dismiss } = useLastVisit();
  if (!since) return null;
  return (
    <Suspense fallback={null}>
      <SinceBanner since={since} onDismiss={dismiss} />
    </Suspense>
  );
}
