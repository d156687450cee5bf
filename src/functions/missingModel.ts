/**
 * What to do when a score formula names a model this runtime has not compiled: Excel does not
 * run custom functions when a workbook opens, so after a reopen the =LEADSCORE.MODEL cell
 * still shows its handle while no model is loaded. The formula that notices returns #VALUE!
 * with what to do (never a guess, never a wait), and asks once per handle for a full
 * recalculation, which runs =LEADSCORE.MODEL again and then every score that depends on it.
 */
export function onceEachModel(recalculate: () => Promise<void>, defer: (run: () => void) => void = (run) => void setTimeout(run, 0)): (handle: string) => void {
  const asked = new Set<string>();
  return (handle) => {
    if (asked.has(handle)) return;
    asked.add(handle);
    // After the current call has returned its error: a calculation never waits on itself.
    defer(() => {
      recalculate().catch(() => {
        // Without it, the cells keep their #VALUE! message, which says to press Ctrl+Alt+F9.
      });
    });
  };
}
