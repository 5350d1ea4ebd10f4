// The Copy link button's fallback where the clipboard is unavailable: the view's URL, selected, to copy by hand
// (share-actions.tsx loads it when first needed).
import { useEffect, useRef } from 'react';

export default function CopyLinkFallback({ url, onDone }: { url: string; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.select(), []);
  return (
    <div className="absolute right-0 z-30 mt-1 w-72 rounded-lg border border-line bg-surface p-3 shadow-lg">
      <label className="mb-1 block text-xs font-medium" htmlFor="copy-link-fallback">
        Copy this link (Ctrl+C / ⌘C)
      </label>
      <input
        ref={inputRef}
        id="copy-link-fallback"
        readOnly
        value={url}
        className="field h-8 w-full text-xs"
        onFocus={(e) => e.target.select()}
      />
      <button type="button" className="link mt-2 text-xs" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
