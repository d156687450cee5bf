import { describe, expect, it } from 'vitest';
import { compile, templateById, TEMPLATES, type Model } from '../../src/engine';
import { generateLeads } from '../../src/sample-data/generateLeads';
import { pointsByLabel, scoreLead } from './builders';

const template = (id: string): Model => {
  const found = templateById(id);
  if (found === undefined) throw new Error(`no template ${id}`);
  return found.model;
};

// All leads are scored as of 2026-11-01 (the builder's default).
describe('the example models of the guides, scored as written', () => {
  it('ships the five examples (and the plan example) with the default bands', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['engagement', 'plan', 'weighted-b2b', 'b2b-software', 'consumer-electronics', 'fit-title-size']);
    for (const t of TEMPLATES) {
      expect(t.model.bands.map((b) => [b.name, b.from])).toEqual([['Cold', 0], ['Warm', 21], ['Hot', 50]]);
    }
  });

  it('engagement example: +10 like, +5 open, +10 event, +20 pricing, +5 ebook; Cold to 20, Warm from 21, Hot from 50', () => {
    const m = template('engagement');
    const warm = scoreLead(m, { 'LinkedIn Post Likes': 2, 'Email Opens': 1, 'Pricing Page Visits': 1 });
    expect(warm.score).toBe(35); // 10 + 5 + 20
    expect(warm.band.name).toBe('Warm');
    const cold = scoreLead(m, { 'LinkedIn Post Likes': 1, 'Email Opens': 4, 'Ebook Downloads': 1 });
    expect(cold.score).toBe(20); // 10 + 5 + 5: the top of Cold
    expect(cold.band.name).toBe('Cold');
    const hot = scoreLead(m, { 'LinkedIn Post Likes': 1, 'Email Opens': 1, 'LinkedIn Event Joins': 1, 'Pricing Page Visits': 1, 'Ebook Downloads': 1 });
    expect(hot.score).toBe(50);
    expect(hot.band.name).toBe('Hot');
  });

  it('plan example: +10 email click-through, +15 pricing page', () => {
    const lead = scoreLead(template('plan'), { 'Email Clicks': 1, 'Pricing Page Visits': 2 });
    expect(lead.score).toBe(25);
    expect(lead.band.name).toBe('Warm');
  });

  it('weighted B2B: fit and engagement points, blog per visit, MQL at 50 and SQL at 100', () => {
    const lead = scoreLead(template('weighted-b2b'), {
      Industry: 'Technology',
      Title: 'CTO',
      Country: 'United States',
      'Pricing Page Visits': 3,
      'Datasheet Downloads': 1,
      'Webinars Attended': 1,
      'Last Webinar Date': '2026-09-01', // 61 days: not yet 90
      'Blog Visits': 4,
      'Email Opens': 5,
      'Email Clicks': 2,
      'Email Downloads': 1,
      'Last Email Date': '2026-10-15', // 17 days: not yet 30
    });
    expect(lead.fit).toBe(45); // 20 + 15 + 10
    expect(lead.engagement).toBe(82); // 20 + 15 + 10 + 4 x 5 + 2 + 5 + 10
    expect(lead.score).toBe(127);
    expect(lead.band.name).toBe('Hot');
    expect(lead.stage).toBe('SQL');
    expect(pointsByLabel(lead)['Blog visits (per visit)']).toBe(20);
  });

  it('weighted B2B: email points lose 50% after 30 days, webinar points lose 10 after 90 days', () => {
    const lead = scoreLead(template('weighted-b2b'), {
      Industry: ' healthcare ',
      Title: 'Marketing Director',
      Country: 'Germany',
      'Pricing Page Visits': 1,
      'Datasheet Downloads': 2,
      'Webinars Attended': 1,
      'Last Webinar Date': '2026-07-01', // 123 days
      'Blog Visits': 4,
      'Email Opens': 5,
      'Email Clicks': 2,
      'Email Downloads': 1,
      'Last Email Date': '2026-08-01', // 92 days
    });
    const parts = pointsByLabel(lead);
    expect(parts['Opened an email']).toBe(1);
    expect(parts['Clicked a link in an email']).toBe(2.5);
    expect(parts['Downloaded content from an email link']).toBe(5);
    expect(parts['Attended a webinar']).toBe(0);
    expect(lead.fit).toBe(25); // 10 + 10 + 5
    expect(lead.engagement).toBe(63.5); // 20 + 15 + 0 + 20 + 1 + 2.5 + 5
    expect(lead.score).toBe(88.5);
    expect(lead.stage).toBe('MQL');
  });

  it('weighted B2B: a lead with only one blog visit is Cold with no stage', () => {
    const lead = scoreLead(template('weighted-b2b'), { Industry: 'Retail', Title: 'Student', Country: 'Brazil', 'Blog Visits': 1 });
    expect(lead.score).toBe(5);
    expect(lead.band.name).toBe('Cold');
    expect(lead.stage).toBeNull();
  });

  it('B2B software: demo +20, trial +15, pricing +10 (45 at most, short of MQL at 50)', () => {
    const lead = scoreLead(template('b2b-software'), { 'Demo Requested': true, 'Trial Signed Up': 'Yes', 'Pricing Page Visits': 1 });
    expect(lead.score).toBe(45);
    expect(lead.band.name).toBe('Warm');
    expect(lead.stage).toBeNull();
    expect(scoreLead(template('b2b-software'), { 'Demo Requested': 'No', 'Trial Signed Up': false }).score).toBe(0);
  });

  it('consumer electronics: video +5, comparison tool +15, MQL 30, SQL 60', () => {
    const m = template('consumer-electronics');
    expect(m.stages).toEqual({ mql: 30, sql: 60 });
    const lead = scoreLead(m, { 'Product Video Views': 3, 'Comparison Tool Uses': 1 });
    expect(lead.score).toBe(20);
    expect(lead.band.name).toBe('Cold');
  });

  it('fit by title and size: Sales Manager +10, CSR +3, 500+ employees +10, 1-10 employees 0', () => {
    const m = template('fit-title-size');
    const manager = scoreLead(m, { Title: 'sales manager', Employees: '1,200' });
    expect(manager.score).toBe(20);
    const small = scoreLead(m, { Title: 'Customer Service Representative', Employees: 5 });
    expect(small.score).toBe(3);
    // The 0-point criterion still shows, so the user sees that company size was considered.
    expect(pointsByLabel(small)['Company of 1-10 employees']).toBe(0);
  });
});

describe('templates a sales team can trust', () => {
  it('caps every per-occurrence criterion and decays every engagement criterion', () => {
    for (const t of TEMPLATES) {
      for (const c of t.model.criteria) {
        if (c.perOccurrenceOf !== null) expect(c.cap.max, `${t.id}: ${c.name}`).not.toBeNull();
        if (c.group === 'engagement') expect(c.decay, `${t.id}: ${c.name}`).not.toBeNull();
      }
    }
  });

  it('weighted B2B: five blog visits earn at most 25 points however many there are', () => {
    const m = template('weighted-b2b');
    expect(pointsByLabel(scoreLead(m, { 'Blog Visits': 40 }))['Blog visits (per visit)']).toBe(25);
    expect(pointsByLabel(scoreLead(m, { 'Blog Visits': 3 }))['Blog visits (per visit)']).toBe(15);
  });

  it('weighted B2B: engagement from a lead quiet for more than 30 days counts half', () => {
    const m = template('weighted-b2b');
    const recent = scoreLead(m, { 'Pricing Page Visits': 2, 'Last Activity Date': '2026-10-20' });
    const quiet = scoreLead(m, { 'Pricing Page Visits': 2, 'Last Activity Date': '2025-09-01' });
    expect(recent.engagement).toBe(20);
    expect(quiet.engagement).toBe(10);
  });

  it('weighted B2B: titles are matched by keywords, acronyms only as words', () => {
    const m = template('weighted-b2b');
    const titlePoints = (title: string) => scoreLead(m, { Title: title }).fit;
    for (const decisionMaker of ['Founder & CEO', 'Head of IT', 'VP, Sales', 'Chief Revenue Officer', 'CTO/Co-founder', 'ceo', 'Senior VP Marketing', 'Owner']) {
      expect(titlePoints(decisionMaker), decisionMaker).toBe(15);
    }
    for (const influencer of ['Director of Sales', 'IT Director', 'Office Manager', 'Team Lead, Support']) {
      expect(titlePoints(influencer), influencer).toBe(10);
    }
    // "cto" inside Director, "coo" inside Coordinator, "vp" inside nothing: no decision-maker points.
    expect(titlePoints('Coordinator')).toBe(0);
    expect(titlePoints('Software Engineer')).toBe(0);
  });

  it('weighted B2B: countries are recognised under their usual other names', () => {
    const m = template('weighted-b2b');
    for (const na of ['USA', 'U.S.', 'United States of America', 'canada']) expect(scoreLead(m, { Country: na }).fit, na).toBe(10);
    for (const eu of ['Deutschland', 'UK', 'Great Britain', 'The Netherlands', 'España']) expect(scoreLead(m, { Country: eu }).fit, eu).toBe(5);
    expect(scoreLead(m, { Country: 'Brazil' }).fit).toBe(0);
  });

  it('no template puts more than 30% of the example leads in Hot', () => {
    const leads = generateLeads({ count: 2000, seed: 2026, asOf: '2026-11-01' });
    for (const t of TEMPLATES) {
      const compiled = compile(t.model, leads.headers, { asOf: '2026-11-01' });
      if (!compiled.ok) throw new Error(`${t.id} does not fit the example leads`);
      const scored = compiled.value.scoreRows(leads.rows);
      const hot = compiled.value.bands.length - 1;
      let inHot = 0;
      for (let i = 0; i < scored.count; i++) if (scored.bandIndex[i] === hot) inHot++;
      expect(inHot / scored.count, t.id).toBeLessThanOrEqual(0.3);
    }
  });

  it('fit by title and size: keyword titles, so "Senior Sales Manager" still counts', () => {
    expect(scoreLead(template('fit-title-size'), { Title: 'Senior Sales Manager' }).score).toBe(10);
  });
});
