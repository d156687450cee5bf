import { describe, expect, it } from 'vitest';
import { spamSignal } from '../../../src/engine/conditions/spam';

describe('spamSignal', () => {
  it('returns null for empty or blank text', () => {
    expect(spamSignal('')).toBeNull();
    expect(spamSignal('   ')).toBeNull();
  });

  it('flags names typed all in lowercase', () => {
    expect(spamSignal('john smith')).toBe('all lowercase');
    expect(spamSignal('  ab  ')).toBe('all lowercase');
    expect(spamSignal('élodie müller')).toBe('all lowercase');
    expect(spamSignal('straße')).toBe('all lowercase');
    expect(spamSignal('иван')).toBe('all lowercase');
  });

  it('does not flag lowercase that is not a name', () => {
    expect(spamSignal('de la Cruz')).toBeNull();
    expect(spamSignal("O'Brien")).toBeNull();
    expect(spamSignal('a')).toBeNull(); // one letter only
    expect(spamSignal('x.')).toBeNull();
    expect(spamSignal('jo@acme.com')).toBeNull();
    expect(spamSignal('unit 4b')).toBeNull();
    expect(spamSignal('555 0199')).toBeNull();
    expect(spamSignal('张伟')).toBeNull(); // uncased script
    expect(spamSignal('Иван')).toBeNull();
  });

  it('flags keyboard runs in either direction, reporting the whole run lowercased', () => {
    expect(spamSignal('asdf')).toBe("keyboard run 'asdf'");
    expect(spamSignal('Qwerty Inc')).toBe("keyboard run 'qwerty'");
    expect(spamSignal('lkjh')).toBe("keyboard run 'lkjh'");
    expect(spamSignal('zxcv')).toBe("keyboard run 'zxcv'");
    expect(spamSignal('Mr ASDFGHJKL')).toBe("keyboard run 'asdfghjkl'");
    expect(spamSignal('poiuy corp')).toBe("keyboard run 'poiuy'");
    expect(spamSignal('mnbv')).toBe("keyboard run 'mnbv'");
    expect(spamSignal('call 1234')).toBe("keyboard run '1234'");
    expect(spamSignal('0987')).toBe("keyboard run '0987'");
    expect(spamSignal('Jo Hjkl')).toBe("keyboard run 'hjkl'");
  });

  it('needs 4 adjacent keys in one row, consecutive in the text', () => {
    expect(spamSignal('Asd Corp')).toBeNull();
    expect(spamSignal('As df')).toBeNull();
    expect(spamSignal('Dfgx')).toBeNull();
    expect(spamSignal('Opas')).toBeNull(); // p and a are on different rows
    expect(spamSignal('Nm12')).toBeNull();
    expect(spamSignal('0123')).toBeNull(); // 0 is after 9, not before 1
  });

  it('still flags longer runs through the real-word fragments', () => {
    expect(spamSignal('Werty')).toBe("keyboard run 'werty'");
    expect(spamSignal('Ertyu')).toBe("keyboard run 'ertyu'");
  });

  it('lets common names and company names through', () => {
    const genuine = [
      'Tyler', 'Fiona', 'Hubert', 'Power', 'Werther', 'Sasha', 'James', 'Mary', 'Robert',
      'Patricia', 'Michael', 'Jennifer', 'William', 'Elizabeth', 'David', 'Susan', 'Richard',
      'Jessica', 'Joseph', 'Sarah', 'Thomas', 'Karen', 'Christopher', 'Nancy', 'Matthew',
      'Wojciech', 'Priya', 'Yuki', 'Mohammed', 'Zoë', 'Doherty', 'Flaherty', 'Dougherty',
      'Trewin', 'Wertheim', 'Rodriguez', 'Dupont', 'Qureshi', 'Poirot', 'Lopez',
      'Liberty Mutual', 'Property Partners', 'Acme Corp', 'Globex Corporation', 'Initech',
      'Umbrella Ltd', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Pied Piper',
      'Quest Diagnostics', 'Deutsche Bank AG', 'Société Générale', 'Mitsubishi UFJ',
      'Salesforce', 'Dropbox', 'Shopify', 'Typeform', 'Asda Stores', 'Zxy Holdings',
    ];
    for (const name of genuine) expect(spamSignal(name), name).toBeNull();
  });

  it('flags a single character repeated three or more times, ignoring spaces', () => {
    expect(spamSignal('aaa')).toBe('one repeated character');
    expect(spamSignal('XXXX')).toBe('one repeated character');
    expect(spamSignal('xX x')).toBe('one repeated character');
    expect(spamSignal('....')).toBe('one repeated character');
    expect(spamSignal('1111')).toBe('one repeated character');
    expect(spamSignal('😀😀😀')).toBe('one repeated character');
    expect(spamSignal('AA')).toBeNull();
    expect(spamSignal('Aab')).toBeNull();
  });

  it('handles long input in linear time', () => {
    expect(spamSignal(`${'Ab'.repeat(50_000)}asdf`)).toBe("keyboard run 'asdf'");
    expect(spamSignal('Ab'.repeat(50_000))).toBeNull();
  });
});
