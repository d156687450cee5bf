// Builds the task pane and the ribbon-command page into dist/.
//   npm run build       production bundle (no certificates needed)
//   npm run build:dev   development bundle
//   npm run dev-server  serves the development bundle on https://localhost:3000; only then are
//                       the Office dev certificates created/loaded (office-addin-dev-certs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { productionManifest } from './scripts/production-manifest.mjs';
import { FunctionsMetadataFlagsPlugin } from './scripts/functions-metadata.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// manifest.xml points every URL at this origin.
const DEV_SERVER_PORT = 3000;

async function devServerHttpsOptions() {
  // Imported lazily: it installs a CA certificate in the user's trust store on first use,
  // which a plain build (or CI) must never trigger.
  const { getHttpsServerOptions } = await import('office-addin-dev-certs');
  const { ca, key, cert } = await getHttpsServerOptions();
  return { ca, key, cert };
}

/**
 * @param {Record<string, unknown>} env
 * @param {{ mode?: 'production' | 'development' | 'none' }} argv
 * @returns {Promise<import('webpack').Configuration>}
 */
export default async (env, argv) => {
  const dev = argv.mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  // Where dist/ will be hosted, for the manifest a team installs (see scripts/production-manifest.mjs).
  const hosting = typeof env.hosting === 'string' ? env.hosting : process.env.ADDIN_HOSTING_URL;

  /** @type {import('webpack').Configuration} */
  const config = {
    mode: dev ? 'development' : 'production',
    context: root,
    // The WebViews the add-in runs in: WebView2 (evergreen Chromium) on Windows, WKWebView on Mac,
    // whose Safari lags. ES2020 runs on Safari 14 and later, below the Safari of the oldest macOS
    // Microsoft 365 for Mac supports; webpack's own runtime and the minifier keep to it too.
    target: ['web', 'es2020'],
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      functions: './src/functions/functions.ts',
    },
    output: {
      path: path.join(root, 'dist'),
      filename: '[name].js',
      // Parts of the pane loaded on demand (import()): named for reading the build, hashed so a
      // pane page Office kept in its cache never runs a newer chunk built for other module ids.
      chunkFilename: '[name].[contenthash:8].js',
      // The pages and their scripts sit side by side wherever dist/ is hosted (the dev server's
      // root, the hosting address of a production manifest, a subfolder of it), so a chunk's URL
      // is relative to the page. 'auto' would find it from document.currentScript at run time,
      // which a host runtime without a DOM does not have.
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
    },
    module: {
      rules: [
        {
          // The pure layers have no side effects when loaded (docs/architecture.md), so an export
          // nobody uses is left out with its module: zod (the JSON model reader) stays out of the
          // page and loads with the JSON import, not with the engine's index.
          test: /[\\/]src[\\/](engine|insights)[\\/]/,
          sideEffects: false,
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type errors are `npm run typecheck`'s job; the bundle only transpiles.
              transpileOnly: true,
              configFile: path.join(root, 'tsconfig.json'),
              // ES2020 as above: class fields, static blocks and ??= are rewritten for older Safari.
              // Class fields keep ES2022's define semantics (as in the tests), emitted as defineProperty.
              compilerOptions: { noEmit: false, target: 'ES2020', useDefineForClassFields: true },
            },
          },
        },
      ],
    },
    plugins: [
      // The shared runtime: the pane, the ribbon commands and the custom functions run in this
      // one page (manifest.xml's Runtime, FunctionFile and CustomFunctions Page all point here).
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'commands', 'taskpane'],
      }),
      // commands.html and functions.html are the same blank Office page with other scripts: one template.
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        title: 'Lead Scoring commands',
        chunks: ['commands'],
      }),
      // The same functions alone, for a non-shared custom-functions runtime (and a quick look).
      new HtmlWebpackPlugin({
        filename: 'functions.html',
        template: './src/commands/commands.html',
        title: 'Lead Scoring functions',
        chunks: ['functions'],
      }),
      // functions.json from the JSDoc of src/functions/functions.ts; it also appends the
      // CustomFunctions.associate calls to that file. A JSDoc error fails the build.
      new CustomFunctionsMetadataPlugin({
        output: 'functions.json',
        input: './src/functions/functions.ts',
      }),
      // ... then allowErrorForDataTypeAny, which only hand-written metadata can carry.
      new FunctionsMetadataFlagsPlugin('functions.json'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            // With a hosting address, dist/manifest.xml is the production manifest for it;
            // without one it stays the dev manifest (https://localhost:3000).
            transform: hosting === undefined || hosting === '' ? undefined : (content) => productionManifest(content.toString(), hosting),
          },
        ],
      }),
    ],
    optimization: {
      // taskpane.html loads the pane, the commands and the functions in one page: one webpack
      // runtime, so a module they share (the engine, React) is loaded and run once, and shared
      // code in chunks of its own instead of inside each entry. Only what the entries share: code
      // two on-demand parts share stays in both (a few KB twice, against more requests), out of
      // the page.
      runtimeChunk: 'single',
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          defaultVendors: false,
          default: false,
          shared: { name: 'shared', chunks: 'initial', minChunks: 2, enforce: true },
        },
      },
    },
    // The page's weight is checked gzip, as it travels, by test/e2e/bundle.e2e.test.ts and
    // `npm run size` (first paint and total budgets); webpack's hints measure minified bytes.
    performance: { hints: false },
  };

  if (serving) {
    config.devServer = {
      port: DEV_SERVER_PORT,
      server: { type: 'https', options: await devServerHttpsOptions() },
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
    };
  }

  return config;
};
