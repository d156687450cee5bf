/**
 * Whether the task pane is shown. With a long-lived shared runtime, Excel loads the pane's page
 * whenever a custom function calculates, hidden; Office reports the pane being shown or hidden
 * with Office.addin.onVisibilityModeChanged (shared runtime only; Microsoft, "Show or hide the
 * task pane of your Office Add-in"). No API reports the visibility at load, so the page's own
 * visibility (a hidden runtime's page is not visible) is the starting point.
 */
export interface PaneVisibility {
  shown(): boolean;
  /** Called with true when the pane is shown, false when it is hidden. */
  onChange(listener: (shown: boolean) => void): () => void;
}

export function officePaneVisibility(office: typeof Office = Office): PaneVisibility {
  let visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
  const listeners = new Set<(shown: boolean) => void>();
  const set = (shown: boolean): void => {
    if (shown === visible) return;
    visible = shown;
    for (const l of listeners) l(shown);
  };
  void office.addin.onVisibilityModeChanged((args) => set(args.visibilityMode === office.VisibilityMode.taskpane));
  return {
    shown: () => visible,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
