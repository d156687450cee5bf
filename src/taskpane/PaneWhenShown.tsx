import { useEffect, useState, type ReactNode } from 'react';
import type { PaneVisibility } from '../workbook';

export type { PaneVisibility };

/**
 * Renders the pane only while Excel shows it: a pane loaded hidden (a function calculated)
 * reads nothing and subscribes to nothing; hiding it unmounts it, which ends its workbook
 * subscriptions; showing it again mounts it afresh, reading the lead table as it is now.
 */
export function PaneWhenShown({ visibility, children }: { visibility: PaneVisibility; children: ReactNode }) {
  const [shown, setShown] = useState(() => visibility.shown());
  useEffect(() => {
    setShown(visibility.shown());
    return visibility.onChange(setShown);
  }, [visibility]);
  return shown ? <>{children}</> : null;
}
