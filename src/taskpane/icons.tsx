/**
 * The few icons the pane draws, as inline SVG: a glyph such as ✕ or ⠿ depends on the fonts of
 * the machine, and some webviews have none that carry it.
 */
const base = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export function DismissIcon() {
  return (
    <svg {...base}><path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" fill="none" /></svg>
  );
}

export function ChevronDownIcon() {
  return (
    <svg {...base} width={12} height={12}><path d="M3.5 6l4.5 4.5L12.5 6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" fill="none" /></svg>
  );
}

export function DragDotsIcon() {
  return (
    <svg {...base} width={10} height={16} viewBox="0 0 10 16">
      {[3, 8, 13].flatMap((y) => [2.5, 7.5].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.3} fill="currentColor" />))}
    </svg>
  );
}
