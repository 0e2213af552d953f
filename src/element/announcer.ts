// A polite live region: loading, errors and the coloured field are read out by screen readers.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Announcer implements ReactiveController {
  message = '';

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  announce(message: string): void {
    // Re-announcing the same text needs a change in the region's content.
    this.message = this.message === message ? `${message}\u00a0` : message;
    this.#host.requestUpdate();
  }
}
