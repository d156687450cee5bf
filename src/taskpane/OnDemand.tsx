import { Button } from '@fluentui/react-components';
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

/** The chunk of a part of the pane did not arrive (offline, the add-in's server down or redeployed). */
class PartNotLoaded extends Error {
  constructor(what: string, readonly reason: unknown) {
    super(`The ${what} could not be loaded`);
  }
}

/**
 * A part of the pane that loads when it is first shown, from a chunk of its own, so the page
 * Excel opens with stays small. Meanwhile a small loading line is announced; if the chunk does
 * not arrive, the part says so and offers to try again (webpack requests a failed chunk anew),
 * and the rest of the pane carries on. An error of the part itself once loaded is not a load
 * failure: it goes on to the ErrorBoundary around it.
 *
 * `what` names the part in those messages ("call list", "insights").
 */
export function onDemand<P extends object>(what: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const lazyPart = () =>
    lazy(() =>
      load().then(
        (part) => ({ default: part }),
        (reason: unknown) => {
          throw new PartNotLoaded(what, reason);
        },
      ),
    );
  // One loader for every place the part is shown; replaced on retry (lazy() keeps its failure).
  let Part = lazyPart();
  function OnDemandPart(props: P) {
    const [, setAttempt] = useState(0);
    const retry = () => {
      Part = lazyPart();
      setAttempt((n) => n + 1);
    };
    return (
      <LoadFailure what={what} onRetry={retry}>
        <Suspense fallback={<LoadingPart what={what} />}>
          <Part {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  OnDemandPart.displayName = `OnDemand(${what})`;
  return OnDemandPart;
}

function LoadingPart({ what }: { what: string }) {
  return (
    <p className="loading-part muted small" role="status">
      <span className="loading-spinner" aria-hidden="true" />
      Loading the {what}…
    </p>
  );
}

interface LoadFailureProps {
  what: string;
  onRetry: () => void;
  children: ReactNode;
}

class LoadFailure extends Component<LoadFailureProps, { failed: unknown }> {
  override state: { failed: unknown } = { failed: null };

  static getDerivedStateFromError(error: unknown): { failed: unknown } {
    return { failed: error };
  }

  override componentDidCatch(error: unknown): void {
    if (error instanceof PartNotLoaded) console.error(`Lead Scoring: ${error.message}`, error.reason);
  }

  override render(): ReactNode {
    const { failed } = this.state;
    if (failed === null) return this.props.children;
    // Thrown from here, the part's own error reaches the boundary around this one.
    if (!(failed instanceof PartNotLoaded)) throw failed;
    const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    return (
      <div role="alert" className="problems load-failure">
        <p>
          {failed.message}: the add-in&apos;s files did not arrive. Check the connection, then try again; if it still fails, close and reopen the pane. Your model is unchanged.
        </p>
        <p className="muted small">{reason}</p>
        <Button
          onClick={() => {
            this.setState({ failed: null });
            this.props.onRetry();
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
}
