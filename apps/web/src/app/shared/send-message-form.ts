import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import type { Message } from '@floorwatch/contracts';
import { MessagesApi } from '../core/api/messages-api';
import { errorText } from '../core/api/org-api';
import type { ScopeOption } from './target-editor';

/** Coaching notes (team leader → agent) and alerts (control desk → site). */
@Component({
  selector: 'app-send-message-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="fw-form" (submit)="send($event)">
      <div class="fw-form-row">
        <label class="fw-field"><span>To</span>
          <!-- [selected] per option: a select's [value] set before its options exist shows the first. -->
          <select class="fw-select" name="to" (change)="to.set(v($event))">
            @for (o of recipients(); track o.scope) { <option [value]="o.scope" [selected]="o.scope === to()">{{ o.label }}</option> }
          </select></label>
        <label class="fw-field" style="flex: 1"><span>Subject</span>
          <input class="fw-input" required [value]="subject()" (input)="subject.set(v($event))" /></label>
      </div>
      <label class="fw-field"><span>Message</span>
        <textarea class="fw-textarea" required [value]="body()" (input)="body.set(v($event))"></textarea></label>
      <div class="fw-form-row">
        <button class="fw-btn" [class.primary]="kind() !== 'alert'" [class.danger]="kind() === 'alert'" type="submit"
          [disabled]="busy() || !to() || !subject().trim() || !body().trim()">{{ kind() === 'alert' ? '⚠ Send alert' : 'Send' }}</button>
        @if (error()) { <span class="fw-error-text" role="alert">{{ error() }}</span> }
        @if (sent()) { <span class="fw-ok-text" role="status">✓ Sent.</span> }
      </div>
    </form>
  `,
})
export class SendMessageForm {
  private readonly api = inject(MessagesApi);
  readonly recipients = input.required<readonly ScopeOption[]>();
  readonly kind = input<Message['kind']>('coaching');
  readonly preselect = input<string | null>(null);
  protected readonly to = linkedSignal(() => this.preselect() ?? this.recipients()[0]?.scope ?? '');
  protected readonly subject = signal('');
  protected readonly body = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sent = signal(false);

  protected v(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
  protected send(e: Event): void {
    e.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    this.sent.set(false);
    this.api.send({ toScope: this.to(), kind: this.kind(), subject: this.subject().trim(), body: this.body().trim() }).subscribe({
      next: () => {
        this.busy.set(false);
        this.sent.set(true);
        this.subject.set('');
        this.body.set('');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
}
