// Launches the built language server as a separate process (dotnet rasdl-lsp.dll, or the
// Native AOT executable named by RASDL_LSP_SERVER) and drives it
// over stdio with vscode-languageserver-protocol, the connection VS Code's own client uses:
// initialize -> didOpen -> publishDiagnostics -> hover -> completion -> definition -> shutdown/exit.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-languageserver-protocol/node');

const server = process.env.RASDL_LSP_SERVER
  || path.resolve(__dirname, '../../server/Rasdl.LanguageServer/bin/Debug/net10.0/rasdl-lsp.dll');
// An assembly runs under dotnet; anything else is an executable (the published native server).
const [command, args] = server.endsWith('.dll') ? ['dotnet', [server]] : [server, []];

const text = [
  'import "std/kvm.rasdl";',
  'platform p { features ras, iesb; }',
  'block core : cpu { on slverr (read) -> sea; on slverr (write) -> serror(uer); }',
  'block rc0 : root_port { on any -> slverr; }',
  'endpoint nic : pcie_endpoint under rc0 { region bar0 mmio size 4K; faults ur; }',
  'route core -> rc1;',
  'assign nic.bar0 to guest via vfio_pci;',
  'profile production { hypervisor kvm_6_8; }',
  '',
].join('\n');

test('rasdl-lsp over stdio: initialize, diagnostics, hover, completion, definition, shutdown/exit', async () => {
  assert.ok(fs.existsSync(server), `build the server first: ${server} does not exist`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rasdl-e2e-'));
  const file = path.join(folder, 'main.rasdl');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;

  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Promise((resolve) => {
    connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.listen();

  try {
    const init = await connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'e2e' }],
    });
    assert.equal(init.serverInfo.name, 'rasdl-lsp');
    assert.equal(init.capabilities.textDocumentSync.change, rpc.TextDocumentSyncKind.Incremental);
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification(rpc.InitializedNotification.type, {});

    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'rasdl', version: 1, text },
    });
    const published = await diagnostics;
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`),
      // The misspelt route is the one mistake: its knock-on warnings (rc0 on no route, nic's
      // block on no route) are held back, and the region it leaves unanalysed is still named.
      [
        "5:14 RASDL1002 block 'rc1' is not declared; did you mean 'rc0'?",
        "6:0 RASDL2011 nic.bar0 was not analysed under profile production: no route reaches rc0, the block nic sits under; the profile is incomplete, not contained",
      ]);
    assert.match(published.diagnostics[0].codeDescription.href, /RASDL1002\.md$/);

    const hover = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 24 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*slverr\*\* — error/);

    const completion = await connection.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 14 } });
    assert.deepEqual(completion.items.map((i) => i.label), ['core', 'rc0']);

    const definition = await connection.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri }, position: { line: 6, character: 8 } });
    assert.equal(definition.length, 1);
    assert.equal(definition[0].uri, uri);
    assert.deepEqual(definition[0].range, { start: { line: 4, character: 9 }, end: { line: 4, character: 12 } });

    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 20000))]);
    assert.equal(code, 0, `server exit code (stderr: ${stderr})`);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
