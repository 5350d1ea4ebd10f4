import type { QueryClient } from '@tanstack/react-query';
import { AppProviders } from './providers';
import { LeadsView } from './features/leads/components/leads-view';
import { useFirstSyncProgress } from './features/status/api/get-status';
import { StatusBar } from './features/status/components/status-bar';
import { AuthGate } from './features/auth/components/auth-gate';
import { SessionMenu } from './features/auth/components/session-menu';
import { SkipToTable } from './features/leads/components/skip-to-table';
import { MeButton } from './features/me/components/me-button';
import { useOpenDefaultView } from './features/views/default-view';

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-7 shrink-0 text-accent">
      <circle cx="12" cy="12" r="10" fill="currentColor" opacity=".15" />
      <path
        fill="currentColor"
        d="M12 4a8 8 0 0 1 7.75 6h-2.1A6 6 0 0 0 12 6V4Zm0 16a8 8 0 0 1-7.75-6h2.1A6 6 0 0 0 12 18v2Zm0-11a3 3 0 1 1 0 6 3 3 0 0 1 0-6Z"
      />
    </svg>
  );
}

export function Dashboard() {
  // Features do not import each other: the status feature's progress reaches the leads screen as a prop.
  const firstSyncProgress = useFirstSyncProgress();
  useOpenDefaultView();
  return (
    <div className="flex h-full flex-col">
      <SkipToTable />
      {/* One wrapping row: on a phone the title and Refresh share the first line, freshness and quota the second. */}
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-line bg-surface px-4 py-2.5 sm:gap-y-2 sm:px-6">
        <div className="mr-auto flex items-center gap-2">
          <Logo />
          <h1 className="text-lg font-semibold tracking-tight">Rotor Leads</h1>
        </div>
        <StatusBar />
        <MeButton />
        <SessionMenu />
      </header>
      <LeadsView firstSyncProgress={firstSyncProgress} />
    </div>
  );
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  return (
    <AppProviders queryClient={queryClient}>
      <AuthGate>
        <Dashboard />
      </AuthGate>
    </AppProviders>
  );
}
