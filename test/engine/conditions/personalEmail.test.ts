import { describe, expect, it } from 'vitest';
import {
  PERSONAL_EMAIL_DOMAINS,
  emailDomain,
  isPersonalEmail,
} from '../../../src/engine/conditions/personalEmail';

describe('PERSONAL_EMAIL_DOMAINS', () => {
  it('holds the well-known providers, lowercased and without blanks', () => {
    for (const d of ['gmail.com', 'googlemail.com', 'yahoo.co.uk', 'ymail.com', 'hotmail.fr',
      'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'proton.me',
      'gmx.de', 'web.de', 'mail.ru', 'yandex.ru', 'qq.com', '163.com', 'free.fr', 'libero.it',
      't-online.de', 'btinternet.com', 'comcast.net', 'naver.com', 'tutanota.com', 'fastmail.com',
      'hey.com']) {
      expect(PERSONAL_EMAIL_DOMAINS.has(d), d).toBe(true);
    }
    expect(PERSONAL_EMAIL_DOMAINS.size).toBeGreaterThanOrEqual(150);
    for (const d of PERSONAL_EMAIL_DOMAINS) {
      expect(d).toBe(d.toLowerCase());
      expect(d).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
  });

  it('leaves business mail hosts out', () => {
    expect(PERSONAL_EMAIL_DOMAINS.has('zoho.com')).toBe(false);
    expect(PERSONAL_EMAIL_DOMAINS.has('google.com')).toBe(false);
    expect(PERSONAL_EMAIL_DOMAINS.has('microsoft.com')).toBe(false);
  });
});

describe('emailDomain', () => {
  it('returns the lowercased domain of a trimmed address', () => {
    expect(emailDomain('  Jo.Smith@Acme.CO.uk ')).toBe('acme.co.uk');
    expect(emailDomain('a@b.com')).toBe('b.com');
  });

  it('takes the part after the last @', () => {
    expect(emailDomain('"odd@local"@example.org')).toBe('example.org');
  });

  it('accepts the "Name <address>" form', () => {
    expect(emailDomain('Jo Smith <jo@Gmail.com>')).toBe('gmail.com');
    expect(emailDomain('<jo@acme.com>')).toBe('acme.com');
  });

  it('returns null for text that is not an address', () => {
    for (const t of ['', '   ', 'jo smith', 'acme.com', '@gmail.com', 'jo@', 'jo@localhost',
      'jo@gmail.', 'jo@.com', 'jo@gmail..com', 'jo smith@gmail.com', 'Name jo@gmail.com>']) {
      expect(emailDomain(t), t).toBeNull();
    }
  });
});

describe('isPersonalEmail', () => {
  it('is true for personal providers whatever the case and surrounding spaces', () => {
    expect(isPersonalEmail('jo@gmail.com')).toBe(true);
    expect(isPersonalEmail('  JO@GMAIL.COM  ')).toBe(true);
    expect(isPersonalEmail('x@Yahoo.Co.UK')).toBe(true);
    expect(isPersonalEmail('Jo <x@gmail.com>')).toBe(true);
  });

  it('is false for company domains, including subdomains and look-alikes', () => {
    expect(isPersonalEmail('jo@acme.com')).toBe(false);
    expect(isPersonalEmail('jo@mail.acme.com')).toBe(false);
    expect(isPersonalEmail('jo@gmail.acme.com')).toBe(false);
    expect(isPersonalEmail('jo@gmail.com.acme.io')).toBe(false);
    expect(isPersonalEmail('jo@notgmail.com')).toBe(false);
  });

  it('is false for text that is not an address', () => {
    expect(isPersonalEmail('gmail.com')).toBe(false);
    expect(isPersonalEmail('')).toBe(false);
    expect(isPersonalEmail('jo at gmail.com')).toBe(false);
  });
});
