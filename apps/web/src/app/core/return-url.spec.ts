import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { safeReturnUrl, signInUrlTree } from './return-url';

describe('safeReturnUrl', () => {
  it.each([
    ['/providers/p-1?granularity=week', '/providers/p-1?granularity=week'],
    ['/admin', '/admin'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in', '/'],
    ['/sign-in?returnUrl=%2Fadmin', '/'],
  ])('%p -> %p', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});

describe('signInUrlTree', () => {
  it('remembers the requested page', () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const router = TestBed.inject(Router);

    expect(router.serializeUrl(signInUrlTree(router, '/providers/p-1'))).toBe('/sign-in?returnUrl=%2Fproviders%2Fp-1');
    expect(router.serializeUrl(signInUrlTree(router, '/'))).toBe('/sign-in');
  });
});
