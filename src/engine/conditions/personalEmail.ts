/**
 * Free/personal mailbox providers. A lead writing from one of these gives no company signal.
 * Exact domains only: a subdomain (mail.acme.com) or a company's own domain is never personal,
 * and business mail hosts (Zoho, Google Workspace, Microsoft 365 custom domains) are left out.
 */
export const PERSONAL_EMAIL_DOMAINS: ReadonlySet<string> = new Set(
  [
    // Google
    'gmail.com googlemail.com',
    // Yahoo
    'yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.it yahoo.es yahoo.ca yahoo.ie yahoo.in yahoo.gr',
    'yahoo.se yahoo.dk yahoo.no yahoo.co.in yahoo.co.jp yahoo.co.nz yahoo.co.id yahoo.com.au',
    'yahoo.com.br yahoo.com.mx yahoo.com.ar yahoo.com.sg yahoo.com.hk yahoo.com.tw yahoo.com.ph',
    'ymail.com rocketmail.com',
    // Microsoft
    'hotmail.com hotmail.co.uk hotmail.fr hotmail.de hotmail.it hotmail.es hotmail.ca hotmail.nl',
    'hotmail.be hotmail.se hotmail.no hotmail.dk hotmail.co.jp hotmail.com.au hotmail.com.br',
    'hotmail.com.ar hotmail.com.mx outlook.com outlook.fr outlook.de outlook.it outlook.es',
    'outlook.jp outlook.be outlook.ie outlook.in outlook.com.au outlook.com.br live.com live.co.uk',
    'live.fr live.de live.it live.nl live.be live.ca live.se live.dk live.no live.ie live.com.au',
    'live.com.mx msn.com passport.com windowslive.com',
    // AOL, Apple
    'aol.com aol.co.uk aol.fr aol.de aim.com icloud.com me.com mac.com',
    // Privacy-focused and independent
    'proton.me protonmail.com protonmail.ch pm.me tutanota.com tutanota.de tutamail.com tuta.io',
    'fastmail.com fastmail.fm hey.com hushmail.com mailfence.com posteo.de posteo.net mailbox.org',
    'mail.com email.com usa.com inbox.com lycos.com excite.com',
    // Germany, Austria, Switzerland
    'gmx.com gmx.net gmx.de gmx.at gmx.ch gmx.fr gmx.co.uk gmx.us web.de t-online.de freenet.de',
    'arcor.de bluewin.ch',
    // France, Italy, Benelux
    'free.fr orange.fr wanadoo.fr laposte.net sfr.fr neuf.fr bbox.fr libero.it virgilio.it',
    'tiscali.it alice.it tin.it telenet.be skynet.be ziggo.nl kpnmail.nl planet.nl home.nl hetnet.nl',
    // UK
    'btinternet.com sky.com virginmedia.com ntlworld.com talktalk.net blueyonder.co.uk',
    // US and Canada ISPs
    'comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net earthlink.net',
    'optonline.net frontiernet.net juno.com netzero.net windstream.net centurylink.net',
    'shaw.ca rogers.com sympatico.ca bell.net videotron.ca telus.net',
    // Australia, New Zealand
    'bigpond.com bigpond.net.au optusnet.com.au xtra.co.nz',
    // Russia and neighbours
    'mail.ru inbox.ru list.ru bk.ru rambler.ru yandex.ru yandex.com yandex.ua yandex.by yandex.kz ya.ru',
    // China, Korea, India
    'qq.com foxmail.com 163.com 126.com yeah.net 139.com sina.com sina.cn sohu.com aliyun.com',
    'naver.com daum.net hanmail.net nate.com rediffmail.com',
    // Central Europe, Brazil
    'seznam.cz centrum.cz wp.pl o2.pl interia.pl onet.pl abv.bg',
    'uol.com.br bol.com.br terra.com.br ig.com.br',
  ].flatMap((line) => line.split(' ')),
);

/**
 * The lowercased domain of an address ("a@Gmail.com", " Name <a@b.com> "), or null when the
 * text is not one: no '@', nothing before it, whitespace inside, or a domain without a dot.
 */
export function emailDomain(text: string): string | null {
  let address = text.trim();
  // "Display Name <address>": keep what is inside the angle brackets.
  if (address.endsWith('>')) {
    const open = address.lastIndexOf('<');
    if (open < 0) return null;
    address = address.slice(open + 1, -1).trim();
  }
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = address.slice(at + 1).toLowerCase();
  if (/\s/.test(address) || !domain.includes('.')) return null;
  if (domain.split('.').some((label) => label.length === 0)) return null;
  return domain;
}

/** True when the address is at a free/personal mailbox provider. */
export function isPersonalEmail(text: string): boolean {
  // Most addresses are not at a free-mail domain: look the domain up before any full parse,
  // which only has to confirm the rare hit. This runs once per lead on a unique string.
  const at = text.lastIndexOf('@');
  if (at < 0) return false;
  let end = text.length;
  while (end > at + 1 && (text.charCodeAt(end - 1) <= 32 || text.charCodeAt(end - 1) === 62 /* > */)) end--;
  const candidate = text.slice(at + 1, end).toLowerCase();
  return PERSONAL_EMAIL_DOMAINS.has(candidate) && emailDomain(text) === candidate;
}
