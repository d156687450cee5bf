import { describe, expect, it } from 'vitest';
import { templateById, TEMPLATES, type Model } from '../../src/engine';
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
