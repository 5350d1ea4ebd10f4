import { createContext, useContext } from 'react';

/** What a cell can ask of the screen, without threading callbacks through column definitions. */
export const LeadActionsContext = createContext<{ openLead: (id: string) => void }>({ openLead: () => {} });

export const useLeadActions = () => useContext(LeadActionsContext);

/** The row's name button, found again to take focus back when the details panel closes. */
export function findLeadButton(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-lead-button="${CSS.escape(id)}"]`);
}
