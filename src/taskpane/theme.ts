/** Whether the pane should be dark: Office's theme when Office tells us, else the system's preference. */
export function prefersDark(): boolean {
  const officeTheme = officeThemeOrNull();
  if (officeTheme !== null) return isDarkColour(officeTheme.bodyBackgroundColor);
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

function officeThemeOrNull(): { bodyBackgroundColor: string } | null {
  if (typeof Office === 'undefined') return null;
  try {
    const theme = (Office.context as { officeTheme?: { bodyBackgroundColor?: string } } | undefined)?.officeTheme;
    return typeof theme?.bodyBackgroundColor === 'string' ? { bodyBackgroundColor: theme.bodyBackgroundColor } : null;
  } catch {
    return null; // outside a host, Office.context throws on some properties
  }
}

/** '#RRGGBB' with relative luminance below the midpoint. */
export function isDarkColour(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (m === null) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Black or white text, whichever contrasts more with a band's fill (WCAG AA on the swatch). */
export function textOn(hex: string): string {
  return isDarkColour(hex) ? '#FFFFFF' : '#000000';
}
