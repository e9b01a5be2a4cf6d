import * as vscode from 'vscode';
import { GrowthTrigger, InspectorSession, MemorySample, MemorySampler } from '../inspector/inspector';
import { AttachedSession } from './attachedSession';
import { CaptureDeps, runSeriesCapture } from './commands/captureCommands';
import { EngineHost } from './engineHost';
import { hostWebview, webviewPanelOptions } from './hostWebview';
import { LIVE_WINDOW_MS, LiveCapture, LiveContent, LiveSample } from '../protocol/liveContent';
import { openSource } from './openSource';
import { PanelBackend } from './panelBackend';
import { TargetStore } from './targetStore';

export const LIVE_VIEW_TYPE = 'heapscope.liveMemory';

interface AutoCaptureSettings {
  enabled: boolean;
  growBytes: number;
  windowSeconds: number;
  cooldownSeconds: number;
  count: number;
  intervalSeconds: number;
}

function readSettings(): AutoCaptureSettings {
  const c = vscode.workspace.getConfiguration('heapscope.autoCapture');
  return {
    enabled: c.get<boolean>('enabled', false),
    growBytes: c.get<number>('growMB', 50) * 1024 * 1024,
    windowSeconds: c.get<number>('windowSeconds', 60),
    cooldownSeconds: c.get<number>('cooldownSeconds', 600),
    count: c.get<number>('count', 3),
    intervalSeconds: c.get<number>('intervalSeconds', 10),
  };
}

/**
 * The Live Memory panel: samples the attached process about once a second while the panel is
 * open (MemorySampler; nothing is sampled while it is closed), keeps ten minutes, and, when
 * `heapscope.autoCapture.enabled`, captures a leak series through the same path as the command
 * once growth persists (GrowthTrigger), then cools down. One panel; restored after a reload by
 * the serializer, when it attaches to whatever is attached then.
 */
export class LiveMemory implements vscode.Disposable {
  private panel: { panel: vscode.WebviewPanel; backend: PanelBackend; hosting: vscode.Disposable } | null = null;
  private sampler: { session: InspectorSession; sampler: MemorySampler } | null = null;
  private samples: LiveSample[] = [];
  private captures: LiveCapture[] = [];
  private status = '';
  private settings = readSettings();
  private trigger: GrowthTrigger | null = null;
  private capturing = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: EngineHost,
    private readonly attached: AttachedSession,
    targets: TargetStore,
    private readonly capture: CaptureDeps,
  ) {
    this.subscriptions.push(
      targets.onDidChange(() => {
        if (!this.capturing) this.follow();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('heapscope.autoCapture')) return;
        this.settings = readSettings();
        this.trigger = this.makeTrigger();
        this.publish();
      }),
    );
  }

  /** Heapscope: Show Live Memory. */
  show(): void {
    if (this.panel) {
      this.panel.panel.reveal(undefined, false);
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(LIVE_VIEW_TYPE, 'Live Memory', vscode.ViewColumn.Active, webviewPanelOptions(this.extensionUri)));
  }

  /** For the serializer: a panel VS Code restored after a reload. */
  adopt(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'heapscope.svg');
    const backend = new PanelBackend(this.engine.remote, this.content(), openSource);
    const hosting = hostWebview(panel.webview, this.extensionUri, backend, 'Live Memory');
    this.panel = { panel, backend, hosting };
    panel.onDidDispose(() => {
      hosting.dispose();
      if (this.panel?.panel === panel) this.panel = null;
      void this.stopSampling();
    });
    this.follow();
  }

  async toggleAutoCapture(): Promise<void> {
    await vscode.workspace.getConfiguration('heapscope.autoCapture').update('enabled', !this.settings.enabled, vscode.ConfigurationTarget.Global);
  }

  get autoCaptureEnabled(): boolean {
    return this.settings.enabled;
  }

  /** Starts (or restarts) sampling the attached session while the panel is open. */
  private follow(): void {
    const session = this.attached.current;
    if (this.sampler?.session === session && session) return;
    void this.stopSampling();
    this.samples = [];
    this.captures = [];
    this.trigger = this.makeTrigger();
    if (!this.panel || !session) {
      this.status = session ? '' : 'Attach to a Node process to watch its memory.';
      this.publish();
      return;
    }
    const sampler = new MemorySampler(session, {
      onSample: (s) => this.onSample(s),
      onMissed: (e) => this.setStatus(`missed a sample: ${e.message}`),
      onClosed: () => this.setStatus('the inspector connection closed'),
    });
    this.sampler = { session, sampler };
    this.status = '';
    sampler.start();
    this.publish();
  }

  private makeTrigger(): GrowthTrigger | null {
    const s = this.settings;
    return s.enabled ? new GrowthTrigger({ growBytes: s.growBytes, windowMs: s.windowSeconds * 1000, cooldownMs: s.cooldownSeconds * 1000 }) : null;
  }

  private onSample(s: MemorySample): void {
    const { gc, ...figures } = s;
    this.samples.push({ ...figures, gcCount: gc ? gc.count : null });
    while (this.samples.length > 0 && this.samples[0].time < s.time - LIVE_WINDOW_MS) this.samples.shift();
    if (this.trigger && !this.capturing && this.trigger.add(s)) void this.autoCapture();
    else this.publish();
  }

  private async autoCapture(): Promise<void> {
    const current = this.sampler;
    if (!current) return;
    const { count, intervalSeconds, windowSeconds } = this.settings;
    this.capturing = true;
    current.sampler.pause();
    const started = Date.now();
    this.captures.push({ time: started, label: `auto-capture: ${count} snapshots` });
    this.setStatus(`Growth held for ${windowSeconds} s: capturing ${count} snapshots ${intervalSeconds} s apart…`);
    try {
      await runSeriesCapture(this.capture, current.session, count, intervalSeconds);
      this.status = `Auto-capture finished at ${new Date().toLocaleTimeString()}; cooling down ${this.settings.cooldownSeconds} s.`;
    } finally {
      this.trigger?.captured(Date.now());
      this.capturing = false;
      if (!current.session.detached) current.sampler.resume();
      else this.follow();
      this.publish();
    }
  }

  private setStatus(status: string): void {
    this.status = status;
    this.publish();
  }

  private content(): { kind: 'live'; title: string; live: LiveContent } {
    const s = this.settings;
    return {
      kind: 'live',
      title: 'Live Memory',
      live: {
        pid: this.sampler?.session.pid ?? null,
        samples: this.samples,
        captures: this.captures,
        autoCapture: { enabled: s.enabled, growBytes: s.growBytes, windowSeconds: s.windowSeconds, cooldownSeconds: s.cooldownSeconds },
        status: this.status,
      },
    };
  }

  private publish(): void {
    this.panel?.backend.setContent(this.content());
  }

  private async stopSampling(): Promise<void> {
    const current = this.sampler;
    this.sampler = null;
    await current?.sampler.stop();
  }

  dispose(): void {
    void this.stopSampling();
    this.panel?.panel.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
