import type { KeyboardEvent } from 'react';

export interface PaneTab<T extends string> {
  value: T;
  label: string;
  /** A short count or mark after the label ("3"), read out as badgeLabel. */
  badge?: string | undefined;
  badgeLabel?: string;
}

/** The pane's tabs (WAI-ARIA tabs: one tab stop, arrow keys move and select). */
export function PaneTabs<T extends string>({ tabs, selected, onSelect }: { tabs: readonly PaneTab<T>[]; selected: T; onSelect: (value: T) => void }) {
  const onKey = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.value === selected);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = tabs[(at + step + tabs.length) % tabs.length];
    if (next !== undefined) {
      onSelect(next.value);
      requestAnimationFrame(() => document.getElementById(`tab-${next.value}`)?.focus());
    }
  };
  return (
    <div role="tablist" className="pane-tabs" aria-label="Pane sections" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.value}
          id={`tab-${t.value}`}
          type="button"
          role="tab"
          aria-selected={t.value === selected}
          aria-controls={`panel-${t.value}`}
          tabIndex={t.value === selected ? 0 : -1}
          className="pane-tab"
          onClick={() => onSelect(t.value)}
        >
          {t.label}
          {t.badge !== undefined && <span className="tab-badge" aria-label={t.badgeLabel}>{t.badge}</span>}
        </button>
      ))}
    </div>
  );
}
