import { describe, expect, it } from 'vitest';
import type { LeadColumn } from '../../src/workbook/session';
import { excelRowOf, leadIdentity, nextBand } from '../../src/taskpane/leadIdentity';

const column = (name: string, kind: LeadColumn['kind'] = 'text'): LeadColumn => ({ name, kind, samples: [], distinct: [], blankShare: 0 });

describe('who the selected lead is', () => {
  it('names a lead by First and Last Name with its company, at the row Excel shows', () => {
    const table = { headers: ['Lead ID', 'First Name', 'Last Name', 'Company'], columns: [column('Lead ID'), column('First Name'), column('Last Name'), column('Company')], address: 'Leads!A1:D501', rows: [['L1', 'Ada', 'Lovelace', 'Analytical Ltd'], ['L2', 'Alan', 'Turing', 'Bletchley']] };
    expect(leadIdentity(table, 1)).toEqual({ name: 'Alan Turing', company: 'Bletchley', excelRow: 3 });
  });

  it('uses a Name column, else the first text column', () => {
    expect(leadIdentity({ headers: ['Score', 'Name'], columns: [column('Score', 'number'), column('Name')], address: 'S!B4:C9', rows: [[3, 'Grace']] }, 0).name).toBe('Grace');
    expect(leadIdentity({ headers: ['Visits', 'Email'], columns: [column('Visits', 'number'), column('Email', 'text')], address: 'S!B4:C9', rows: [[3, 'g@x.io']] }, 0)).toEqual({ name: 'g@x.io', company: '', excelRow: 5 });
  });

  it('reads the first row from absolute and quoted addresses', () => {
    expect(excelRowOf("'My leads'!$B$3:$K$40", 0)).toBe(4);
    expect(excelRowOf('Leads!A1:AD501', 2)).toBe(4);
    expect(excelRowOf('garbage', 0)).toBeNull();
  });

  it('says what the next band needs, and nothing at the top band', () => {
    const bands = [{ name: 'Cold', from: 0, color: '#fff' }, { name: 'Warm', from: 21, color: '#fff' }, { name: 'Hot', from: 50, color: '#fff' }];
    expect(nextBand(bands, 33.5)).toEqual({ band: bands[2], points: 16.5 });
    expect(nextBand(bands, -4)).toEqual({ band: bands[1], points: 25 });
    expect(nextBand(bands, 50)).toBeNull();
  });
});
