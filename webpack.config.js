// Builds the task pane (dist/taskpane.html + bundle), copies the icons and writes dist/manifest.xml
// with the production URL (JXMB_PUBLIC_URL) in place of the dev server's https://localhost:3000/.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const originDev = 'https://localhost:3000';
const urlProd = new URL(process.env.JXMB_PUBLIC_URL || 'https://jxmb.example.com/');

function productionManifest(xml) {
  return xml.split(`${originDev}/`).join(urlProd.href).split(originDev).join(urlProd.origin);
}

async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

// The browser preview (npm run preview / build:preview): the same task pane beside a spreadsheet view
// of the in-memory workbook, with the fixture workbooks turned into Grid modules at build time.
function previewConfig(dev) {
  // the sample workbooks shipped in samples/ (JXMB_SAMPLES points elsewhere)
  const fixtures = path.resolve(process.env.JXMB_SAMPLES || path.resolve(__dirname, 'samples'));
  const out = path.resolve(__dirname, 'dist-preview');
  return {
    devtool: dev ? 'source-map' : false,
    entry: { preview: './src/preview/index.tsx' },
    output: { path: out, filename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'], alias: { '@fixtures': fixtures } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } } },
        },
        { test: /\.xlsx$/, use: path.resolve(__dirname, 'src/preview/xlsx-grid-loader.js') },
      ],
    },
    performance: { hints: false },
    // no `new Function("return this")` global shim: the CSP forbids eval
    node: { global: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/preview/preview.html', chunks: ['preview'] }),
    ],
    devServer: {
      static: false,
      host: '127.0.0.1',
      port: Number(process.env.JXMB_PREVIEW_PORT || 3001),
      server: 'http',
    },
  };
}

// `--env withoutIndicatorLibrary`: the task pane without the 指标库's data and MiniSearch (stubs in
// their place), into dist-noindicators/ — npm run bench compares it with dist/ to say what the library adds.
function withoutIndicatorLibrary(config) {
  const webpack = require('webpack');
  const stubs = path.resolve(__dirname, 'scripts/lib/no-indicators');
  config.output.path = path.resolve(__dirname, 'dist-noindicators');
  config.plugins = [
    new webpack.NormalModuleReplacementPlugin(/domain[\\/]indicators[\\/]data(\.ts)?$/, path.join(stubs, 'data.ts')),
    new webpack.NormalModuleReplacementPlugin(/^minisearch$/, path.join(stubs, 'minisearch.ts')),
    ...config.plugins.filter((p) => p instanceof HtmlWebpackPlugin),
  ];
  return config;
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  if (env && env.preview) return previewConfig(dev);
  if (env && env.withoutIndicatorLibrary) return withoutIndicatorLibrary(await paneConfig(env, options, dev));
  return paneConfig(env, options, dev);
};

async function paneConfig(env, options, dev) {
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      // the 指标库 (data + MiniSearch) is its own chunk, `indicators.*.js`, loaded when first used
      // (src/taskpane/indicators.ts): a script tag from the same origin, no eval — the CSP allows it
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext', sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    // no `new Function("return this")` global shim: the CSP forbids eval
    node: { global: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              return dev ? content : productionManifest(content.toString());
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await httpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
}
