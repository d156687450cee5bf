import type { GeneratedLeads } from '../../../src/sample-data/generateLeads';

/** Company names as CRMs hold them for German and Japanese firms: long, with legal forms. */
export const LONG_COMPANIES = [
  'Süddeutsche Präzisionsmaschinenbau- und Anlagenverwaltungsgesellschaft mbH & Co. KG',
  '株式会社東京海上日動システムズ国際情報処理研究開発センター',
  'Bayerische Landesbank Girozentrale Niederlassung Nürnberg-Fürth-Erlangen',
  '三菱ＵＦＪモルガン・スタンレー証券株式会社 法人営業本部',
  'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft',
  '日本電信電話西日本地域ネットワークサービス株式会社',
] as const;

const LONG_PEOPLE = [
  ['Maximilian-Alexander', 'Freiherr von Hohenzollern-Sigmaringen'],
  ['健太郎', '渡辺'],
  ['Anna-Katharina', 'Schmidt-Müller-Lüdenscheidt'],
] as const;

/**
 * The generated leads made messy the way real exports are: one lead in five at a long German or
 * Japanese company, long personal names, two leads without a Lead ID and two pairs sharing one.
 */
export function messyLeads(leads: GeneratedLeads): GeneratedLeads {
  const at = (name: string) => leads.headers.indexOf(name);
  const [id, first, last, company] = [at('Lead ID'), at('First Name'), at('Last Name'), at('Company')];
  const rows = leads.rows.map((row, i) => {
    const r = [...row];
    if (i % 5 === 0) r[company] = LONG_COMPANIES[(i / 5) % LONG_COMPANIES.length] ?? '';
    if (i % 3 === 0) {
      const [f, l] = LONG_PEOPLE[(i / 3) % LONG_PEOPLE.length] ?? ['', ''];
      r[first] = f;
      r[last] = l;
    }
    return r;
  });
  for (const i of [2, 3]) if (rows[i] !== undefined) rows[i][id] = '';
  for (const [a, b] of [[10, 11], [20, 21]] as const) if (rows[a] !== undefined && rows[b] !== undefined) rows[b][id] = rows[a][id] ?? null;
  return { headers: leads.headers, rows };
}
