import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { AlertsPage } from './alerts.page';

describe('AlertsPage', () => {
  it('speaks Spanish: headings, the empty states and the weekday choices', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx }, 'es-MX')],
    });
    const fixture = TestBed.createComponent(AlertsPage);
    await fixture.whenStable();
    const backend = TestBed.inject(HttpTestingController);
    for (const request of backend.match(() => true)) {
      const url = request.request.url;
      if (url.endsWith('/subscriptions') || url.endsWith('/mute-windows') || url.endsWith('/providers') || url.endsWith('/kpis')) request.flush([]);
      else if (url.endsWith('/settings')) request.flush({ email: 'maria@demo.mx', timeZone: 'America/Mexico_City', quietHoursStart: null, quietHoursEnd: null });
    }
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toContain('Mis alertas');
    expect(page.textContent).toContain('Sin suscripciones');
    expect(page.textContent).toContain('No hay ventanas de silencio.');
    expect(page.textContent).toContain('Correo a maria@demo.mx');

    page.querySelector<HTMLButtonElement>('[data-testid="subscription-new"]')!.click();
    await fixture.whenStable();
    const weekdays = Array.from(page.querySelectorAll('#sub-weekday option')).map((option) => option.textContent?.trim());
    expect(weekdays).toEqual(['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']);
    backend.verify();
  });
});
