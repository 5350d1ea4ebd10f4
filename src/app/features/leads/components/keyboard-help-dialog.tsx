// "Keyboard shortcuts" (code-split): what `?` opens.
import { ModalDialog } from '../../../components/modal-dialog';

const SHORTCUTS: [keys: string[], what: string][] = [
  [['/'], 'Search leads'],
  [['j', '↓'], 'Next lead in the table (↓ when the table has focus)'],
  [['k', '↑'], 'Previous lead in the table (↑ when the table has focus)'],
  [['Enter'], 'Open the highlighted lead'],
  [['j', 'k'], 'In a lead’s details: next / previous lead'],
  [['Esc'], 'Close the details, a dialog or a menu'],
  [['['], 'Previous page'],
  [[']'], 'Next page'],
  [['?'], 'This list'],
];

export default function KeyboardHelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose}>
      <p className="mb-3 text-sm text-muted">Shortcuts do nothing while you type in a box.</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1 whitespace-nowrap">
              {keys.map((key, i) => (
                <span key={key} className="contents">
                  {i > 0 && <span className="text-muted">{keys.length === 2 && what.startsWith('In a') ? '/' : 'or'}</span>}
                  <kbd className="rounded border border-line-strong bg-surface-2 px-1.5 font-mono text-xs">{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
