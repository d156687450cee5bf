import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the browser's own <dialog> (focus kept inside, Escape closes, the page
 * behind inert): the pane's confirmations and the JSON box, without Fluent's Dialog stack.
 */
export function PaneDialog({ open, title, onClose, children, actions }: { open: boolean; title: string; onClose: () => void; children: ReactNode; actions: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    // Environments without showModal (old webviews, jsdom) still get the dialog, open in place.
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog ref={ref} className="pane-dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="pane-dialog-body">{children}</div>
          <div className="pane-dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}
