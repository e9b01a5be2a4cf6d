import * as vscode from 'vscode';

/** One current value (or none) that views follow: set it, and every listener hears the new one. */
export class CurrentValue<T> implements vscode.Disposable {
  private value: T | null = null;
  private readonly changed = new vscode.EventEmitter<T | null>();
  readonly onDidChange = this.changed.event;

  get current(): T | null {
    return this.value;
  }

  set(value: T | null): void {
    this.value = value;
    this.changed.fire(value);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
