// Build in the shape @grafana/create-plugin produces: one AMD module per
// plugin (the app and each nested panel), SWC for TypeScript, Grafana's
// shared libraries left external, and the plugin metadata copied beside it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const dist = path.join(here, 'dist');
// The provisioned dashboards, generated and committed by ../dashboards.
const dashboards = path.join(here, '..', 'dashboards', 'json');
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));

const sharedByGrafana = [
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-router',
  'rxjs',
  'lodash',
  'i18next',
  '@emotion/css',
  '@emotion/react',
  /^@grafana\/ui/,
  /^@grafana\/runtime/,
  /^@grafana\/data/,
];

function panelNames() {
  return readdirSync(path.join(src, 'panels'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

function entries() {
  const result = { module: './module.ts' };
  for (const name of panelNames()) {
    result[`panels/${name}/module`] = `./panels/${name}/module.ts`;
  }
  return result;
}

function stampMetadata(content) {
  return content
    .toString()
    .replaceAll('%VERSION%', pkg.version)
    .replaceAll('%TODAY%', new Date().toISOString().slice(0, 10));
}

function copyPatterns() {
  const patterns = [
    { from: 'plugin.json', to: '.', transform: stampMetadata },
    { from: 'img', to: 'img' },
    { from: '../README.md', to: '.' },
    { from: 'panels/*/plugin.json', to: '[path][name][ext]', transform: stampMetadata },
    { from: 'panels/*/img/*', to: '[path][name][ext]' },
  ];
  if (!existsSync(dashboards)) {
    throw new Error(
      `${dashboards} is missing: the app includes the dashboards that ../dashboards generates.`
    );
  }
  patterns.push({ from: path.join(dashboards, '*.json'), to: 'dashboards/[name][ext]' });
  return patterns;
}

export default (env = {}) => ({
  context: src,
  mode: env.production ? 'production' : 'development',
  devtool: 'source-map',
  entry: entries(),
  externals: sharedByGrafana,
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              target: 'es2020',
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        },
      },
    ],
  },
  output: {
    path: dist,
    filename: '[name].js',
    library: { type: 'amd' },
    publicPath: `public/plugins/syncgov-governance-app/`,
    uniqueName: 'syncgov-governance-app',
    clean: true,
  },
  optimization: { minimize: Boolean(env.production) },
  performance: { hints: false },
  plugins: [new CopyWebpackPlugin({ patterns: copyPatterns() })],
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
});
