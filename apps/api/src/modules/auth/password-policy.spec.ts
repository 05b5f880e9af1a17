import { PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  const email = 'maria.lopez@demo.kpigov.mx';

  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('correct horse battery staple', { email })).toEqual([]);
    expect(passwordProblems('x'.repeat(PASSWORD_MIN_LENGTH - 1) + 'y', { email })).toEqual([]);
  });

  it.each([
    ['short-pass1', 'at least 12 characters'],
    ['', 'at least 12 characters'],
    ['x'.repeat(201), 'at most 200 characters'],
    ['Maria.Lopez@demo.kpigov.mx', 'must not be your email address'],
    ['  maria.lopez@demo.kpigov.mx ', 'must not be your email address'],
    ['PASSWORD1234', 'too common'],
    ['Qwerty123456', 'too common'],
    ['demo-password', 'too common'],
  ])('refuses %p (%s)', (password, reason) => {
    const problems = passwordProblems(password, { email });
    expect(problems.join('; ')).toContain(reason);
  });

  it('refuses the part of the email before the @ when it is long enough to pass the length rule', () => {
    expect(passwordProblems('maria.lopez.mx', { email: 'maria.lopez.mx@x.io' })).toEqual(['The password must not be your email address']);
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(passwordProblems('ñandú-ñandú', { email })[0]).toContain('at least 12');
  });
});
