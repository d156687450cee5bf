import { describeLocation, modelPathOf, type Problem } from '../engine';

/** Located problems, each with where it is and what to do; errors first. With onGoTo, a problem at a sheet cell links to it. */
export function ProblemList({ problems, title, onGoTo }: { problems: readonly Problem[]; title?: string; onGoTo?: (sheet: string, cell: string) => void }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="problems" role="alert">
      {title !== undefined && <p className="problems-title">{title}</p>}
      <ul>
        {sorted.map((p, i) => (
          <li key={i} className={p.severity}>
            <strong>{p.severity === 'error' ? 'Error' : 'Warning'}</strong> in{' '}
            {onGoTo !== undefined && 'sheet' in p.at && p.at.cell !== undefined ? (
              // A link, not a button: it flows inline with the sentence it is part of.
              <a
                href="#"
                className="cell-link"
                title="Select this cell in Excel"
                onClick={(e) => {
                  e.preventDefault();
                  if ('sheet' in p.at && p.at.cell !== undefined) onGoTo(p.at.sheet, p.at.cell);
                }}
              >
                {describeLocation(p.at)}
              </a>
            ) : describeLocation(p.at)}
            : {p.message}
            {p.hint !== undefined && <span className="hint"> ({p.hint})</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The problems whose path points into criterion `index`. */
export function problemsOfCriterion(problems: readonly Problem[], index: number): Problem[] {
  return problems.filter((p) => {
    const path = modelPathOf(p.at);
    return path !== null && path[0] === 'criteria' && path[1] === index;
  });
}
