/**
 * Asks Excel for a full recalculation. The custom functions use it once per unknown model
 * handle (a reopened workbook whose =LEADSCORE.MODEL cell has not run in this session), so
 * that the model cell runs again and then every score that depends on it.
 */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}
