import { describeLocation, modelPathOf, type Problem } from '../engine';

/** Located problems, each with where it is and what to do; errors first. */
export function ProblemList({ problems, title }: { problems: readonly Problem[]; title?: string }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="problems" role="alert">
      {title !== undefined && <p className="problems-title">{title}</p>}
      <ul>
        {sorted.map((p, i) => (
          <li key={i} className={p.severity}>
            <strong>{p.severity === 'error' ? 'Error' : 'Warning'}</strong> in {describeLocation(p.at)}: {p.message}
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
