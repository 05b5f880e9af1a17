import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { OutboxListDto, OutboxMessageDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { MailPage } from './mail.page';

const message = (id: string, subject: string, attempts: number, status: OutboxMessageDto['status']): OutboxMessageDto =>
  ({
    id,
    kind: 'alert',
    toAddress: 'maria@example.mx',
    toName: 'María',
    subject,
    status,
    attempts,
    lastError: null,
    createdAt: '2026-11-20T08:00:00Z',
    notBefore: '2026-11-20T08:00:00Z',
    lastAttemptAt: null,
    sentAt: null,
    providerId: null,
    providerName: null,
    escalationId: null,
  }) as OutboxMessageDto;

const list = (items: OutboxMessageDto[]): OutboxListDto => ({ items, total: items.length, counts: { queued: 0, sent: 1, failed: 1, skipped: 0 } });

describe('MailPage, sent mail', () => {
  it('filters the log by status through the URL and sorts it', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'mail', component: MailPage }], withComponentInputBinding()),
        provideTranslationsForTests({ en }),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/mail?tab=sent&status=failed');
    const outbox = () => backend.expectOne((r) => r.url.endsWith('/outbox'));

    const first = outbox();
    expect(first.request.params.get('status')).toBe('failed');
    first.flush(list([message('1', 'Digest', 1, 'failed'), message('2', 'Alert', 3, 'failed')]));
    await harness.fixture.whenStable();

    const page = harness.routeNativeElement as HTMLElement;
    const subjects = () => Array.from(page.querySelectorAll('[data-testid="outbox-row"] th')).map((cell) => cell.textContent?.trim());
    expect(subjects()).toEqual(['Digest', 'Alert']);
    page.querySelector<HTMLButtonElement>('[data-testid="sort-attempts"]')!.click();
    await harness.fixture.whenStable();
    expect(subjects()).toEqual(['Alert', 'Digest']);

    page.querySelector<HTMLButtonElement>('[data-testid="outbox-filter-sent"]')!.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/mail?tab=sent&status=sent');
    const second = outbox();
    expect(second.request.params.get('status')).toBe('sent');
    second.flush(list([]));
    await harness.fixture.whenStable();
    expect(page.textContent).toContain('No mail yet');
    backend.verify();
  });
});
