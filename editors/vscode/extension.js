// editors/vscode/extension.js - the medlint extension: a language client
// that starts `medlint --lsp` (setting medlint.path) for Markdown files and
// tells it when a .medlint.yaml or schema changes. Diagnostics, quick fixes
// and hover come from the server; nothing is linted here.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function start() {
  const cfg = vscode.workspace.getConfiguration('medlint');
  const server = {
    command: cfg.get('path') || 'medlint',
    args: ['--lsp'],
    transport: TransportKind.stdio,
  };
  const options = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(
          '**/{.medlint.yaml,schemas/*.yaml,schemas/*.json,' +
          'hugo.{toml,yaml,yml,json},config.{toml,yaml,yml,json},' +
          '_config.yml,mkdocs.{yml,yaml}}'),
        // a site's routes: articles created or deleted (saves arrive
        // as didSave)
        vscode.workspace.createFileSystemWatcher(
          '**/*.{md,markdown,mdx}', false, true, false),
      ],
    },
    initializationOptions: { debounceMs: cfg.get('debounceMs') },
  };
  client = new LanguageClient('medlint', 'medlint', server, options);
  return client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('medlint')) return;
      if (client) await client.stop();
      await start();
    }));
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
