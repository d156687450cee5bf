// The manifest's FunctionFile must point at a page that initialises Office.js. No ribbon
// functions exist yet (the one button only opens the task pane); register them here with
// Office.actions.associate when they do.
if (typeof Office !== 'undefined') {
  void Office.onReady();
}

// An empty export makes this file a module, as isolatedModules requires.
export {};
