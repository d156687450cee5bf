import { CaseFoldSet } from './caseFoldSet';
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
    // The big providers under more country endings (a lead at yahoo.co.th is as personal as one at yahoo.com)
    'yahoo.com.vn yahoo.co.th yahoo.co.za yahoo.com.my yahoo.co.kr yahoo.ro yahoo.pl yahoo.com.tr yahoo.at yahoo.ch yahoo.be yahoo.nl',
    'hotmail.co.za hotmail.co.th hotmail.com.tw hotmail.com.hk hotmail.co.nz hotmail.ch hotmail.at hotmail.gr hotmail.com.tr',
    'outlook.co.th outlook.com.vn outlook.com.ar outlook.com.tr outlook.kr outlook.sa outlook.cl outlook.at outlook.dk outlook.pt',
    'outlook.co.nz outlook.co.id outlook.ph outlook.my outlook.sg outlook.cz outlook.hu outlook.sk outlook.lv outlook.com.gr',
    'live.co.za live.com.ar live.com.pt live.jp live.cl live.ru live.at live.ch live.in live.com.sg live.com.my live.co.kr',
    'gmx.es gmx.it gmx.li zohomail.com zohomail.eu yandex.com.tr mail.ee inbox.lv email.it tiscali.co.uk sapo.pt',
    'terra.es telefonica.net movistar.es',
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

const PERSONAL_DOMAIN_SET = new CaseFoldSet(PERSONAL_EMAIL_DOMAINS);

/** True when the address is at a free/personal mailbox provider. */
export function isPersonalEmail(text: string): boolean {
  // Runs once per lead on a unique string: compare the domain in place (no slice, no
  // lower-casing, no hashing); only a hit, which is rare, pays for the full parse.
  let at = text.indexOf('@');
  if (at < 0) return false;
  // lastIndexOf is a call into the runtime that costs twice what two indexOf do; an address
  // has one '@', so a second search usually shows that the first is also the last.
  if (text.indexOf('@', at + 1) >= 0) at = text.lastIndexOf('@');
  let end = text.length;
  while (end > at + 1 && (text.charCodeAt(end - 1) <= 32 || text.charCodeAt(end - 1) === 62 /* > */)) end--;
  const known = PERSONAL_DOMAIN_SET.has(text, at + 1, end);
  if (known === false) return false;
  // A plain address (no spaces, no "Name <...>") at a listed domain needs no further parse.
  if (known === true && at > 0 && end === text.length && text.charCodeAt(0) > 32) {
    let plain = true;
    for (let i = 0; i < at; i++) {
      const code = text.charCodeAt(i);
      if (code <= 32 || code === 60 /* < */ || code === 64 /* @ */) plain = false;
    }
    if (plain) return true;
  }
  const domain = emailDomain(text);
  return domain !== null && PERSONAL_EMAIL_DOMAINS.has(domain);
}
