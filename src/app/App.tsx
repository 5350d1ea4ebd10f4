import type { QueryClient } from '@tanstack/react-query';
import { AppProviders } from './providers';
import { LeadsView } from './features/leads/components/leads-view';
import { StatusBar } from './features/status/components/status-bar';
import { AuthGate } from './features/auth/components/auth-gate';
import { SessionMenu } from './features/auth/components/session-menu';

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-7 shrink-0 text-accent">
      <circle cx="12" cy="12" r="10" fill="currentColor" opacity=".15" />
      <path fill="currentColor" d="M12 4a8 8 0 0 1 7.75 6h-2.1A6 6 0 0 0 12 6V4Zm0 16a8 8 0 0 1-7.75-6h2.1A6 6 0 0 0 12 18v2Zm0-11a3 3 0 1 1 0 6 3 3 0 0 1 0-6Z" />
    </svg>
  );
}

export function Dashboard() {
  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-line bg-surface px-4 py-2.5 sm:px-6">
        <div className="flex items-center gap-2">
          <Logo />
          <h1 className="text-lg font-semibold tracking-tight">Rotor Leads</h1>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
          <StatusBar />
          <SessionMenu />
        </div>
      </header>
      <LeadsView />
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
