import { createContext, useContext } from 'react';

/** What a cell can ask of the screen, without threading callbacks through column definitions. */
export const LeadActionsContext = createContext<{ openLead: (id: string) => void }>({ openLead: () => {} });

export const useLeadActions = () => useContext(LeadActionsContext);

/** The row's name button, found again to take focus back when the details panel closes. */
export function findLeadButton(id: string): HTMLElement | null {
  // Compared as attribute values, not spliced into a selector: ids are opaque strings.
  for (const button of document.querySelectorAll<HTMLElement>('[data-lead-button]')) {
    if (button.getAttribute('data-lead-button') === id) return button;
  }
  return null;
}
