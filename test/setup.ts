// Component tests wait for the pane to re-render after an edit. On a busy shared machine that
// can take longer than testing-library's default second, so wait up to ten before failing.
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 10_000 });
