// A stand-in for the `vscode` module: the part of VS Code's extension-host API that the
// extension and vscode-languageclient call while activating, syncing documents, publishing
// diagnostics and running commands. It stands for the host only; the extension's bundle
// and the language client under test are the real ones. Types the client only constructs
// for features this test does not exercise become plain generic classes.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { fileURLToPath, pathToFileURL } = require("node:url");

class Disposable {
    constructor(callOnDispose) { this._callOnDispose = callOnDispose; }
    static from(...disposables) { return new Disposable(() => disposables.forEach(d => d && d.dispose && d.dispose())); }
    dispose() { const f = this._callOnDispose; this._callOnDispose = undefined; if (f) { f(); } }
}

class EventEmitter {
    constructor() {
        this._listeners = [];
        this.event = (listener, thisArgs, disposables) => {
            const bound = thisArgs ? listener.bind(thisArgs) : listener;
            this._listeners.push(bound);
            const disposable = new Disposable(() => { this._listeners = this._listeners.filter(l => l !== bound); });
            if (Array.isArray(disposables)) { disposables.push(disposable); }
            return disposable;
        };
    }
    fire(value) { for (const listener of [...this._listeners]) { listener(value); } }
    dispose() { this._listeners = []; }
}

class Position {
    constructor(line, character) { this.line = line; this.character = character; }
    compareTo(other) { return this.line !== other.line ? this.line - other.line : this.character - other.character; }
    isBefore(other) { return this.compareTo(other) < 0; }
    isBeforeOrEqual(other) { return this.compareTo(other) <= 0; }
    isAfter(other) { return this.compareTo(other) > 0; }
    isAfterOrEqual(other) { return this.compareTo(other) >= 0; }
    isEqual(other) { return this.compareTo(other) === 0; }
    translate(lineDelta = 0, characterDelta = 0) { return new Position(this.line + lineDelta, this.character + characterDelta); }
    with(line = this.line, character = this.character) { return new Position(line, character); }
}

class Range {
    constructor(a, b, c, d) {
        if (typeof a === "number") { this.start = new Position(a, b); this.end = new Position(c, d); }
        else { this.start = a; this.end = b; }
        if (this.end.isBefore(this.start)) { [this.start, this.end] = [this.end, this.start]; }
    }
    get isEmpty() { return this.start.isEqual(this.end); }
    get isSingleLine() { return this.start.line === this.end.line; }
    contains(value) {
        return value instanceof Range
            ? this.contains(value.start) && this.contains(value.end)
            : this.start.isBeforeOrEqual(value) && value.isBeforeOrEqual(this.end);
    }
    isEqual(other) { return this.start.isEqual(other.start) && this.end.isEqual(other.end); }
    with(start = this.start, end = this.end) { return new Range(start, end); }
}

class Selection extends Range {
    constructor(anchor, active) { super(anchor, active); this.anchor = anchor; this.active = active; }
}

class Uri {
    constructor(scheme, authority, uriPath, query, fragment) {
        this.scheme = scheme; this.authority = authority || ""; this.path = uriPath || "/"; this.query = query || ""; this.fragment = fragment || "";
    }
    static file(file) { return new Uri("file", "", pathToFileURL(file).pathname); }
    static parse(value) {
        const match = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
        if (!match) { throw new Error(`stand-in Uri.parse: cannot parse ${value}`); }
        return new Uri(match[1], match[2], match[3], match[4], match[5]);
    }
    static from(components) { return new Uri(components.scheme, components.authority, components.path, components.query, components.fragment); }
    static joinPath(base, ...segments) { return base.with({ path: path.posix.join(base.path, ...segments) }); }
    get fsPath() { return this.scheme === "file" ? fileURLToPath(`file://${this.authority}${this.path}`) : this.path; }
    with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
    toString() {
        const authority = this.scheme === "file" || this.authority ? `//${this.authority}` : "";
        return `${this.scheme}:${authority}${this.path}${this.query ? "?" + this.query : ""}${this.fragment ? "#" + this.fragment : ""}`;
    }
    toJSON() { return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment }; }
}

class Location { constructor(uri, rangeOrPosition) { this.uri = uri; this.range = rangeOrPosition instanceof Position ? new Range(rangeOrPosition, rangeOrPosition) : rangeOrPosition; } }
class Diagnostic { constructor(range, message, severity = 0) { this.range = range; this.message = message; this.severity = severity; } }
class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }
class MarkdownString {
    constructor(value = "", supportThemeIcons = false) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
    appendText(text) { this.value += text; return this; }
    appendMarkdown(text) { this.value += text; return this; }
    appendCodeblock(code, language = "") { this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`; return this; }
}
class Hover { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } }
class CancellationError extends Error { constructor() { super("Canceled"); this.name = "Canceled"; } }
class CancellationTokenSource {
    constructor() {
        const emitter = new EventEmitter();
        this._emitter = emitter;
        this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    }
    cancel() { if (!this.token.isCancellationRequested) { this.token.isCancellationRequested = true; this._emitter.fire(undefined); } }
    dispose() { this._emitter.dispose(); }
}
class CodeActionKind {
    constructor(value) { this.value = value; }
    append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
    contains(other) { return this.value === other.value || this.value === "" || other.value.startsWith(this.value + "."); }
    intersects(other) { return this.contains(other) || other.contains(this); }
}
for (const [name, value] of Object.entries({ Empty: "", QuickFix: "quickfix", Refactor: "refactor", RefactorExtract: "refactor.extract", RefactorInline: "refactor.inline", RefactorMove: "refactor.move", RefactorRewrite: "refactor.rewrite", Source: "source", SourceOrganizeImports: "source.organizeImports", SourceFixAll: "source.fixAll", Notebook: "notebook" })) {
    CodeActionKind[name] = new CodeActionKind(value);
}
class RelativePattern { constructor(base, pattern) { this.base = base; this.baseUri = typeof base === "string" ? Uri.file(base) : base.uri ?? base; this.pattern = pattern; } }

const enums = {
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    EndOfLine: { LF: 1, CRLF: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
};

/** Everything the test reads back: what the extension showed, logged, registered. */
class Host {
    constructor() { this.reset(); }

    reset(options = {}) {
        this.settings = { ...(options.settings ?? {}) };
        this.workspaceFolders = (options.workspaceFolders ?? []).map((folder, index) => ({ uri: Uri.file(folder), name: path.basename(folder), index }));
        this.textDocuments = [];
        this.commands = new Map();
        this.executedExternal = [];
        this.contentProviders = new Map();
        this.messages = [];
        this.inputBoxAnswers = [...(options.inputBoxAnswers ?? [])];
        this.shownDocuments = [];
        this.outputChannels = [];
        this.diagnosticCollections = [];
        this.activeTextEditor = undefined;
        this.emitters = new Map();
        this.diagnosticsChanged = new EventEmitter();
        this.providers = [];
    }

    /** The provider the language client registered for `kind` (e.g. "HoverProvider"). */
    provider(kind) {
        const entry = this.providers.find(p => p.kind === kind);
        if (!entry) { throw new Error(`no ${kind} registered; registered: ${this.providers.map(p => p.kind).join(", ")}`); }
        return entry.provider;
    }

    emitter(name) {
        if (!this.emitters.has(name)) { this.emitters.set(name, new EventEmitter()); }
        return this.emitters.get(name);
    }

    /** A TextDocument over `text` (read from disk for file URIs when `text` is not given). */
    createDocument(uri, languageId, text) {
        let content = text ?? (uri.scheme === "file" ? fs.readFileSync(uri.fsPath, "utf8") : "");
        const lineStarts = () => { const starts = [0]; for (let i = 0; i < content.length; i++) { if (content[i] === "\n") { starts.push(i + 1); } } return starts; };
        const document = {
            uri, languageId, version: 1, isDirty: false, isClosed: false, eol: enums.EndOfLine.LF, encoding: "utf8",
            isUntitled: uri.scheme === "untitled",
            get fileName() { return uri.fsPath; },
            get lineCount() { return lineStarts().length; },
            getText(range) { return range ? content.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : content; },
            offsetAt(position) { const starts = lineStarts(); return Math.min((starts[position.line] ?? content.length) + position.character, content.length); },
            positionAt(offset) { const starts = lineStarts(); let line = 0; while (line + 1 < starts.length && starts[line + 1] <= offset) { line++; } return new Position(line, offset - starts[line]); },
            lineAt(lineOrPosition) {
                const line = typeof lineOrPosition === "number" ? lineOrPosition : lineOrPosition.line;
                const text = content.split(/\r?\n/)[line] ?? "";
                return { lineNumber: line, text, range: new Range(line, 0, line, text.length), isEmptyOrWhitespace: text.trim().length === 0, firstNonWhitespaceCharacterIndex: text.length - text.trimStart().length };
            },
            validateRange(range) { return range; },
            validatePosition(position) { return position; },
            getWordRangeAtPosition() { return undefined; },
            save: async () => true,
            setText(value) { content = value; this.version++; },
        };
        return document;
    }

    async openTextDocument(target) {
        const uri = typeof target === "string" ? Uri.file(target) : target;
        const existing = this.textDocuments.find(d => d.uri.toString() === uri.toString());
        if (existing) { return existing; }
        let document;
        if (this.contentProviders.has(uri.scheme)) {
            const text = await this.contentProviders.get(uri.scheme).provideTextDocumentContent(uri, new CancellationTokenSource().token);
            document = this.createDocument(uri, uri.path.endsWith(".md") ? "markdown" : "plaintext", text ?? "");
        } else {
            document = this.createDocument(uri, uri.path.endsWith(".rasdl") ? "rasdl" : "plaintext");
        }
        this.textDocuments.push(document);
        this.emitter("workspace.onDidOpenTextDocument").fire(document);
        return document;
    }

    /** Makes `document` the active editor with the cursor at `position`. */
    showEditor(document, position = new Position(0, 0)) {
        const editor = { document, selection: new Selection(position, position), selections: [new Selection(position, position)], visibleRanges: [], options: {}, viewColumn: 1 };
        this.activeTextEditor = editor;
        this.emitter("window.onDidChangeActiveTextEditor").fire(editor);
        return editor;
    }
}

const host = new Host();

/**
 * A namespace whose unknown `onX` members are events, `registerX(selector, provider)` members
 * record the provider (the test calls it as VS Code would), and other unknown members are
 * no-ops returning a Disposable.
 */
function namespace(name, members) {
    return new Proxy(members, {
        get(target, property) {
            if (property in target || typeof property === "symbol") { return target[property]; }
            if (property.startsWith("on")) { return host.emitter(`${name}.${property}`).event; }
            if (property.startsWith("register")) {
                return (selector, provider, ...rest) => {
                    const entry = { kind: property.slice("register".length), selector, provider, rest };
                    host.providers.push(entry);
                    return new Disposable(() => { host.providers = host.providers.filter(p => p !== entry); });
                };
            }
            return () => new Disposable(() => undefined);
        },
    });
}

const diagnostics = new Map();

function createDiagnosticCollection(name) {
    const entries = new Map();
    const collection = {
        name,
        set(uriOrEntries, list) {
            const pairs = Array.isArray(uriOrEntries) ? uriOrEntries : [[uriOrEntries, list]];
            for (const [uri, items] of pairs) {
                entries.set(uri.toString(), items ? [...items] : []);
                diagnostics.set(uri.toString(), items ? [...items] : []);
                host.diagnosticsChanged.fire({ uri, diagnostics: items ? [...items] : [] });
            }
        },
        get(uri) { return entries.get(uri.toString()); },
        has(uri) { return entries.has(uri.toString()); },
        delete(uri) { entries.delete(uri.toString()); diagnostics.delete(uri.toString()); },
        clear() { for (const key of entries.keys()) { diagnostics.delete(key); } entries.clear(); },
        forEach(callback) { for (const [key, items] of entries) { callback(Uri.parse(key), items, collection); } },
        dispose() { collection.clear(); },
    };
    host.diagnosticCollections.push(collection);
    return collection;
}

function createOutputChannel(name) {
    const lines = [];
    const channel = {
        name, lines, logLevel: enums.LogLevel.Info, onDidChangeLogLevel: new EventEmitter().event,
        append(text) { lines.push(text); }, appendLine(text) { lines.push(text); }, replace(text) { lines.length = 0; lines.push(text); },
        clear() { lines.length = 0; }, show() { channel.shown = true; }, hide() { }, dispose() { },
        trace(text) { lines.push(`[trace] ${text}`); }, debug(text) { lines.push(`[debug] ${text}`); }, info(text) { lines.push(`[info] ${text}`); },
        warn(text) { lines.push(`[warn] ${text}`); }, error(text) { lines.push(`[error] ${String(text)}`); },
    };
    host.outputChannels.push(channel);
    return channel;
}

function configuration(section) {
    const key = k => (section ? `${section}.${k}` : k);
    return {
        get(k, defaultValue) { return Object.prototype.hasOwnProperty.call(host.settings, key(k)) ? host.settings[key(k)] : defaultValue; },
        has(k) { return Object.prototype.hasOwnProperty.call(host.settings, key(k)); },
        inspect(k) { return { key: key(k), globalValue: host.settings[key(k)] }; },
        update: async (k, value) => { host.settings[key(k)] = value; },
    };
}

function matchesFilter(filter, document) {
    if (typeof filter === "string") { return filter === "*" || filter === document.languageId; }
    if (filter.language && filter.language !== "*" && filter.language !== document.languageId) { return false; }
    if (filter.scheme && filter.scheme !== "*" && filter.scheme !== document.uri.scheme) { return false; }
    if (filter.notebookType) { return false; }
    return true;
}

const workspace = namespace("workspace", {
    get workspaceFolders() { return host.workspaceFolders.length > 0 ? host.workspaceFolders : undefined; },
    get textDocuments() { return host.textDocuments; },
    notebookDocuments: [],
    fs: {},
    getWorkspaceFolder(uri) { return host.workspaceFolders.find(f => uri.fsPath.startsWith(f.uri.fsPath)); },
    getConfiguration: section => configuration(section),
    openTextDocument: target => host.openTextDocument(target),
    registerTextDocumentContentProvider(scheme, provider) {
        host.contentProviders.set(scheme, provider);
        return new Disposable(() => host.contentProviders.delete(scheme));
    },
    createFileSystemWatcher() {
        return { onDidCreate: new EventEmitter().event, onDidChange: new EventEmitter().event, onDidDelete: new EventEmitter().event, ignoreCreateEvents: false, ignoreChangeEvents: false, ignoreDeleteEvents: false, dispose() { } };
    },
    applyEdit: async () => true,
});

const window = namespace("window", {
    get activeTextEditor() { return host.activeTextEditor; },
    get visibleTextEditors() { return host.activeTextEditor ? [host.activeTextEditor] : []; },
    tabGroups: { all: [], activeTabGroup: { tabs: [] }, onDidChangeTabs: new EventEmitter().event, onDidChangeTabGroups: new EventEmitter().event },
    createOutputChannel,
    showErrorMessage: async (message, ...items) => { host.messages.push({ kind: "error", message, items }); return undefined; },
    showWarningMessage: async (message, ...items) => { host.messages.push({ kind: "warning", message, items }); return undefined; },
    showInformationMessage: async (message, ...items) => { host.messages.push({ kind: "information", message, items }); return undefined; },
    showInputBox: async options => { host.messages.push({ kind: "input", message: options?.prompt }); return host.inputBoxAnswers.shift(); },
    showTextDocument: async (document, options) => { host.shownDocuments.push({ document, options }); return { document, selection: new Selection(new Position(0, 0), new Position(0, 0)) }; },
    withProgress: async (_options, task) => task({ report() { } }, new CancellationTokenSource().token),
});

const languages = namespace("languages", {
    match(selector, document) {
        const filters = Array.isArray(selector) ? selector : [selector];
        return filters.some(filter => matchesFilter(filter, document)) ? 10 : 0;
    },
    createDiagnosticCollection,
    getDiagnostics(uri) { return uri ? diagnostics.get(uri.toString()) ?? [] : [...diagnostics.entries()].map(([key, items]) => [Uri.parse(key), items]); },
});

const commands = namespace("commands", {
    registerCommand(id, callback, thisArg) {
        if (host.commands.has(id)) { throw new Error(`command '${id}' already exists`); }
        host.commands.set(id, thisArg ? callback.bind(thisArg) : callback);
        return new Disposable(() => host.commands.delete(id));
    },
    async executeCommand(id, ...args) {
        const command = host.commands.get(id);
        if (command) { return command(...args); }
        host.executedExternal.push({ id, args });
        return undefined;
    },
    getCommands: async () => [...host.commands.keys()],
});

const env = namespace("env", {
    appName: "VS Code API stand-in", appRoot: "", language: "en", machineId: "stand-in", sessionId: "stand-in", uriScheme: "vscode", uiKind: enums.UIKind.Desktop,
    openExternal: async uri => { host.executedExternal.push({ id: "openExternal", args: [uri] }); return true; },
    clipboard: { readText: async () => "", writeText: async () => undefined },
});

const known = {
    version: "1.91.0",
    Disposable, EventEmitter, Position, Range, Selection, Uri, Location, Diagnostic, DiagnosticRelatedInformation,
    MarkdownString, Hover, CancellationError, CancellationTokenSource, RelativePattern, CodeActionKind, ...enums,
    workspace, window, languages, commands, env,
    extensions: namespace("extensions", { all: [], getExtension: () => undefined }),
    standIn: host,
};

const generated = new Map();

/** The module: known members, and for any other capitalised name a generic class. */
module.exports = new Proxy(known, {
    get(target, property) {
        if (property in target || typeof property === "symbol") { return target[property]; }
        if (/^[A-Z]/.test(property)) {
            if (!generated.has(property)) {
                generated.set(property, { [property]: class { constructor(...args) { this.args = args; } } }[property]);
            }
            return generated.get(property);
        }
        return namespace(property, {});
    },
});
