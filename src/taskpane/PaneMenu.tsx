import { Button } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export type PaneMenuEntry = { kind: 'header'; label: string } | { kind: 'divider' } | { kind: 'item'; label: string; onSelect: () => void; id?: string };

/**
 * A small drop-down menu (WAI-ARIA menu button): arrow keys move, Enter picks, Escape and a
 * click outside close it and give focus back to the button. Written here rather than Fluent's
 * Menu, whose positioning engine would cost the page more than the pane's whole rule editor.
 */
export function PaneMenu({ label, buttonText, entries }: { label: string; buttonText: ReactNode; entries: readonly PaneMenuEntry[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const items = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => { e.preventDefault(); all[(i + all.length) % all.length]?.focus(); };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (e.key === 'Tab') setOpen(false);
  };

  return (
    <div className="pane-menu">
      <Button ref={button} size="small" aria-label={label} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined} onClick={() => setOpen(!open)}>
        {buttonText}
      </Button>
      {open && (
        <div ref={list} id={menuId} role="menu" aria-label={label} className="pane-menu-list" onKeyDown={onKey}>
          {entries.map((entry, i) => {
            if (entry.kind === 'divider') return <div key={i} role="separator" className="menu-divider" />;
            if (entry.kind === 'header') return <div key={i} role="presentation" className="menu-header">{entry.label}</div>;
            return (
              <button key={i} type="button" role="menuitem" tabIndex={-1} className="menu-item" data-menu-id={entry.id} onClick={() => { close(); entry.onSelect(); }}>
                {entry.label}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
